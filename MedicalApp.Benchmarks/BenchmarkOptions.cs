using System.Globalization;

namespace MedicalApp.Benchmarks;

/// <summary>
/// Command-line options. Defaults are the data set: 200 practices, one with 100,000 patients and 300,000
/// appointments for 40 doctors at 3 locations, the others with 200 patients and 600 appointments.
/// </summary>
public sealed record BenchmarkOptions
{
    public const string ConnectionVariable = "MEDICALAPP_BENCHMARK_POSTGRES";

    /// <summary>A superuser connection string; when null, a throwaway cluster is started from the installed binaries.</summary>
    public string? SuperuserConnection { get; init; }

    public int Iterations { get; init; } = 200;

    public int Warmup { get; init; } = 20;

    public int Practices { get; init; } = 200;

    public int BigPatients { get; init; } = 100_000;

    public int BigAppointments { get; init; } = 300_000;

    public int BigDoctors { get; init; } = 40;

    public int SmallPatients { get; init; } = 200;

    public int SmallAppointments { get; init; } = 600;

    public int SequentialBookings { get; init; } = 500;

    public int ConcurrentBookings { get; init; } = 50;

    public int Seed { get; init; } = 20261126;

    /// <summary>Keep the database (and its roles) on a server given with --connection, to inspect it afterwards.</summary>
    public bool Keep { get; init; }

    public static string Usage => """
        Usage: dotnet run -c Release --project MedicalApp.Benchmarks [-- options]
          --connection "<superuser connection string>"  PostgreSQL 15+ to use (or MEDICALAPP_BENCHMARK_POSTGRES);
                                                        without one a throwaway cluster is started and removed.
          --iterations N         timed runs per operation (default 200), after --warmup N (default 20)
          --practices N          practices in all, the first one big (default 200)
          --big-patients N       patients of the big practice (default 100000)
          --big-appointments N   appointments of the big practice (default 300000)
          --big-doctors N        doctors of the big practice (default 40)
          --small-patients N     patients of each small practice (default 200)
          --small-appointments N appointments of each small practice (default 600)
          --bookings N           sequential bookings timed (default 500)
          --concurrent N         concurrent attempts at one slot (default 50)
          --seed N               random seed (default 20261126): the same seed gives the same data set
          --keep                 keep the benchmark database on a given server
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions { SuperuserConnection = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } env ? env : null };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--connection" => options with { SuperuserConnection = Value() },
                "--iterations" => options with { Iterations = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--practices" => options with { Practices = Number() },
                "--big-patients" => options with { BigPatients = Number() },
                "--big-appointments" => options with { BigAppointments = Number() },
                "--big-doctors" => options with { BigDoctors = Number() },
                "--small-patients" => options with { SmallPatients = Number() },
                "--small-appointments" => options with { SmallAppointments = Number() },
                "--bookings" => options with { SequentialBookings = Number() },
                "--concurrent" => options with { ConcurrentBookings = Number() },
                "--seed" => options with { Seed = Number() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Practices < 2 || options.BigDoctors < 2 || options.Iterations < 1 || options.ConcurrentBookings < 2)
        {
            throw new ArgumentException("Use at least 2 practices, 2 doctors, 1 iteration and 2 concurrent attempts.");
        }

        return options;
    }
}
