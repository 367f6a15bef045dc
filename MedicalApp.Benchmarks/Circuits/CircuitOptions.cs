using System.Globalization;

namespace MedicalApp.Benchmarks.Circuits;

/// <summary>Options of the circuit memory benchmark (<c>circuits</c> mode, issue 9).</summary>
public sealed record CircuitOptions
{
    /// <summary>Circuits opened and measured per app (after the warm-up ones).</summary>
    public int Sessions { get; init; } = 30;

    /// <summary>Circuits opened before the baseline, so first-use costs (JIT, caches, pools) are not counted.</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Seconds to let the opened pages settle (their loads, first refreshes) before measuring.</summary>
    public int SettleSeconds { get; init; } = 5;

    /// <summary>The MedicalApp member whose home page is measured (a seeded development sign-in of the demo practice).</summary>
    public string Member { get; init; } = "owner@demo.test";

    public bool MeasureTemplate { get; init; } = true;

    public bool MeasureMedicalApp { get; init; } = true;

    /// <summary>A folder for heap snapshots (dotnet-gcdump, when installed) before and after, with a per-type difference.</summary>
    public string? GcDumpDirectory { get; init; }

    /// <summary>Seconds to pause at the baseline and at the end with the server and its sessions open, to look at it with other tools.</summary>
    public int HoldSeconds { get; init; }

    /// <summary>Keep the temporary folder (generated template, published apps, server logs).</summary>
    public bool Keep { get; init; }

    public static string Usage => """
        Usage: dotnet run -c Release --project MedicalApp.Benchmarks -- circuits [options]
          --sessions N       signed-in Chromium sessions measured per app (default 30)
          --warmup N         sessions opened before the baseline (default 2)
          --settle S         seconds to wait after opening them, before measuring (default 5)
          --member EMAIL     MedicalApp's seeded member to sign in as (default owner@demo.test; see README)
          --only APP         measure one app: template or medicalapp (default both, template first)
          --gcdump DIR       also take heap snapshots with dotnet-gcdump (if installed) and print the types that grew
          --hold S           pause S seconds at the baseline and at the end, server and sessions open (prints its process id)
          --keep             keep the temporary folder (generated template, published apps, server logs)
        """;

    public static CircuitOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CircuitOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--sessions" => options with { Sessions = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--settle" => options with { SettleSeconds = Number() },
                "--member" => options with { Member = Value() },
                "--only" => Value() switch
                {
                    "template" => options with { MeasureMedicalApp = false },
                    "medicalapp" => options with { MeasureTemplate = false },
                    var other => throw new ArgumentException($"--only takes template or medicalapp, not {other}."),
                },
                "--gcdump" => options with { GcDumpDirectory = Path.GetFullPath(Value()) },
                "--hold" => options with { HoldSeconds = Number() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Sessions < 1 || options.Warmup < 1 || options.SettleSeconds < 0 || options.HoldSeconds < 0)
        {
            throw new ArgumentException("Use at least 1 session and 1 warm-up session, and settle and hold times of 0 s or more.");
        }

        return options;
    }
}
