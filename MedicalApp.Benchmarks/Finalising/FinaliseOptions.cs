using System.Globalization;

namespace MedicalApp.Benchmarks.Finalising;

/// <summary>
/// Options of the finalising benchmark (<c>finalise</c> mode, issue 10). The data set is the main benchmark's
/// (<see cref="BenchmarkOptions"/>: 200 practices, one with 100,000 patients and 300,000 appointments) with a
/// prescription history added to the big practice; the visits finalised are the big practice's.
/// </summary>
public sealed record FinaliseOptions
{
    /// <summary>Visits finalised one after another and timed (after <see cref="Warmup"/> untimed ones).</summary>
    public int Visits { get; init; } = 300;

    public int Warmup { get; init; } = 30;

    /// <summary>Doctors finalising at the same moment, each their own visits, in the concurrent run.</summary>
    public int Finalisers { get; init; } = 4;

    /// <summary>Visits each concurrent finaliser finalises.</summary>
    public int VisitsPerFinaliser { get; init; } = 60;

    /// <summary>Share of the big practice's completed visits that got a prescription in the generated history.</summary>
    public double HistoryShare { get; init; } = 0.8;

    /// <summary>Print the statements of one finalisation with their times.</summary>
    public bool ShowStatements { get; init; }

    /// <summary>The data set; its timed-run options (iterations, bookings) do not apply here.</summary>
    public BenchmarkOptions DataSet { get; init; } = new();

    public static string Usage => """
        Usage: dotnet run -c Release --project MedicalApp.Benchmarks -- finalise [options]
          --connection "<superuser connection string>"  PostgreSQL 15+ to use (or MEDICALAPP_BENCHMARK_POSTGRES);
                                                        without one a throwaway cluster is started and removed.
          --visits N             visits finalised one after another and timed (default 300), after --warmup N (default 30)
          --finalisers N         doctors finalising at the same time in the concurrent run (default 4)
          --per-finaliser N      visits each of them finalises (default 60)
          --history-share F      share of past completed visits with a prescription (default 0.8)
          --show-statements      print the statements of one finalisation, each with its time
          --practices N, --big-patients N, --big-appointments N, --big-doctors N, --small-patients N,
          --small-appointments N, --seed N, --keep      the data set, as in the main benchmark (same defaults)
        """;

    public static FinaliseOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new FinaliseOptions();
        var dataSetArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--visits":
                    options = options with { Visits = Number() };
                    break;
                case "--warmup":
                    options = options with { Warmup = Number() };
                    break;
                case "--finalisers":
                    options = options with { Finalisers = Number() };
                    break;
                case "--per-finaliser":
                    options = options with { VisitsPerFinaliser = Number() };
                    break;
                case "--history-share":
                    options = options with { HistoryShare = double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture) };
                    break;
                case "--show-statements":
                    options = options with { ShowStatements = true };
                    break;
                case "--keep":
                    dataSetArgs.Add(args[i]);
                    break;
                case "--connection" or "--practices" or "--big-patients" or "--big-appointments" or "--big-doctors"
                    or "--small-patients" or "--small-appointments" or "--seed":
                    dataSetArgs.Add(args[i]);
                    dataSetArgs.Add(Value());
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        options = options with { DataSet = BenchmarkOptions.Parse([.. dataSetArgs]) };
        if (options.Visits < 20 || options.Warmup < 0 || options.Finalisers < 1 || options.VisitsPerFinaliser < 1
            || options.HistoryShare is < 0 or > 1 || options.Finalisers > options.DataSet.BigDoctors)
        {
            throw new ArgumentException("Use at least 20 visits, 1 finaliser (at most one per doctor of the big practice) with 1 visit each, and a history share between 0 and 1.");
        }

        return options;
    }
}
