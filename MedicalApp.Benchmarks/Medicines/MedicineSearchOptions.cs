using System.Globalization;

namespace MedicalApp.Benchmarks.Medicines;

/// <summary>Options of the <c>medicine-search</c> mode. Defaults are issue #10's figure: one practice with 5,000 own medicines.</summary>
public sealed record MedicineSearchOptions
{
    /// <summary>A superuser connection string; when null, a throwaway cluster is started from the installed binaries.</summary>
    public string? SuperuserConnection { get; init; }

    public int Iterations { get; init; } = 200;

    public int Warmup { get; init; } = 20;

    /// <summary>Practices in all; the first is the big one.</summary>
    public int Practices { get; init; } = 50;

    public int OwnMedicines { get; init; } = 5_000;

    /// <summary>Own medicines of each other practice (their rows must never show in the big practice's results).</summary>
    public int OtherMedicines { get; init; } = 200;

    /// <summary>The catalogue is topped up with generated rows to at least this many (the shipped one has ~350).</summary>
    public int GlobalMedicines { get; init; } = 350;

    public int Seed { get; init; } = 20261205;

    public bool Keep { get; init; }

    public static string Usage => """
        Usage: dotnet run -c Release --project MedicalApp.Benchmarks -- medicine-search [options]
          --connection "<superuser connection string>"  PostgreSQL 15+ (or MEDICALAPP_BENCHMARK_POSTGRES); without one a
                                                        throwaway cluster is started and removed.
          --iterations N        timed runs per fragment (default 200), after --warmup N (default 20)
          --practices N         practices in all, the first one big (default 50)
          --own-medicines N     own medicines of the big practice (default 5000)
          --other-medicines N   own medicines of each other practice (default 200)
          --global N            catalogue rows at least (default 350; generated ones top up the shipped catalogue)
          --seed N              random seed (default 20261205)
          --keep                keep the benchmark database on a given server
        """;

    public static MedicineSearchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new MedicineSearchOptions
        {
            SuperuserConnection = Environment.GetEnvironmentVariable(BenchmarkOptions.ConnectionVariable) is { Length: > 0 } env ? env : null,
        };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--connection" => options with { SuperuserConnection = Value() },
                "--iterations" => options with { Iterations = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--practices" => options with { Practices = Number() },
                "--own-medicines" => options with { OwnMedicines = Number() },
                "--other-medicines" => options with { OtherMedicines = Number() },
                "--global" => options with { GlobalMedicines = Number() },
                "--seed" => options with { Seed = Number() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Practices < 2 || options.Iterations < 1 || options.OwnMedicines < 1)
        {
            throw new ArgumentException("Use at least 2 practices, 1 iteration and 1 own medicine.");
        }

        return options;
    }
}
