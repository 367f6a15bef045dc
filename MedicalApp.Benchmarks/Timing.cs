using System.Globalization;

namespace MedicalApp.Benchmarks;

/// <summary>The timed runs of one operation on one path (milliseconds, client-side: send, execute, read every row).</summary>
public sealed class Timing(IReadOnlyList<double> milliseconds, long rows)
{
    private readonly double[] sorted = [.. milliseconds.Order()];

    public int Count => sorted.Length;

    /// <summary>Every run's time, in ascending order (to pool the runs of several operations).</summary>
    public IReadOnlyList<double> Samples => sorted;

    /// <summary>Rows returned by the last run (the same every run for a read).</summary>
    public long Rows { get; } = rows;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Max => sorted[^1];

    public double Total => sorted.Sum();

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double fraction) => sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string Ms(double value) => value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}

/// <summary>One line of the results: an operation on the measured path, and the same work on the floor path.</summary>
public sealed record ResultLine(string Operation, string Path, Timing Measured, Timing? Floor, double? TargetP95Ms, bool RlsPath, string? Note = null)
{
    /// <summary>Median over the floor's median: the RLS overhead, judged on medians (p95s on a shared machine are noisy).</summary>
    public double? Ratio => Floor is null ? null : Measured.P50 / Math.Max(Floor.P50, 0.001);

    public double? RatioP95 => Floor is null ? null : Measured.P95 / Math.Max(Floor.P95, 0.001);

    public bool? MeetsTarget => TargetP95Ms is { } target ? Measured.P95 <= target : null;

    public bool? MeetsRlsOverhead => RlsPath && Ratio is { } ratio ? ratio <= Report.RlsOverheadTarget : null;
}

/// <summary>Prints the results as a table, then the targets of the issue, pass or fail (a miss never fails the process).</summary>
public static class Report
{
    public const double SearchTargetMs = 5;

    public const double CalendarTargetMs = 10;

    public const double RlsOverheadTarget = 1.2;

    public static void Print(IReadOnlyList<ResultLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var operationWidth = Math.Max(10, lines.Max(l => l.Operation.Length));
        var pathWidth = Math.Max(4, lines.Max(l => l.Path.Length));
        string Row(string operation, string path, string n, string rows, string p50, string p95, string max, string fp50, string fp95, string ratio, string ratio95, string verdict) =>
            $"{operation.PadRight(operationWidth)}  {path.PadRight(pathWidth)}  {n,5}  {rows,5}  {p50,7}  {p95,7}  {max,7}  {fp50,9}  {fp95,9}  {ratio,9}  {ratio95,9}  {verdict}";

        Console.WriteLine(Row("Operation", "Path", "n", "rows", "p50 ms", "p95 ms", "max ms", "floor p50", "floor p95", "ratio p50", "ratio p95", "targets"));
        Console.WriteLine(new string('-', operationWidth + pathWidth + 110));
        string? previous = null;
        foreach (var line in lines)
        {
            var verdicts = new List<string>();
            if (line.MeetsTarget is { } meets)
            {
                verdicts.Add($"p95≤{line.TargetP95Ms:0}ms {(meets ? "PASS" : "FAIL")}");
            }

            if (line.MeetsRlsOverhead is { } overhead)
            {
                verdicts.Add($"RLS p50≤{RlsOverheadTarget:0.0}× {(overhead ? "PASS" : "FAIL")}");
            }

            if (line.Note is { } note)
            {
                verdicts.Add(note);
            }

            Console.WriteLine(Row(
                line.Operation == previous ? "" : line.Operation,
                line.Path,
                line.Measured.Count.ToString(CultureInfo.InvariantCulture),
                line.Measured.Rows.ToString(CultureInfo.InvariantCulture),
                Timing.Ms(line.Measured.P50),
                Timing.Ms(line.Measured.P95),
                Timing.Ms(line.Measured.Max),
                line.Floor is null ? "" : Timing.Ms(line.Floor.P50),
                line.Floor is null ? "" : Timing.Ms(line.Floor.P95),
                line.Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "",
                line.RatioP95 is { } ratio95 ? ratio95.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "",
                string.Join("; ", verdicts)));
            previous = line.Operation;
        }
    }
}
