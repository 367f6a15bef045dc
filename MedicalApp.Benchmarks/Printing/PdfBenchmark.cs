using System.Diagnostics;
using System.Globalization;
using MedicalApp.Printing.Documents.Rendering;
using MedicalApp.Printing.Prescriptions;

namespace MedicalApp.Benchmarks.Printing;

/// <summary>
/// How fast prescriptions print and how large they are (issue 10), in-process and single-threaded, as a request would
/// print one: the sample prescription (Latin, Devanagari and Tamil text, a logo) on one page in each template; 40
/// medicines on three pages; a settings preview page as PNG; and the first document of a fresh process, measured in
/// child processes started for that alone (nothing printed before it: no warm-up).
/// </summary>
public static class PdfBenchmark
{
    public const double OnePageMedianTargetMs = 20;
    public const double OnePageP95TargetMs = 30;
    public const int OnePageBytesTarget = 60 * 1024;
    public const double ThreePagesMedianTargetMs = 45;
    public const double FirstDocumentTargetMs = 150;

    private const string FirstDocumentMode = "--first-document";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is [FirstDocumentMode])
        {
            return FirstDocument();
        }

        PdfOptions options;
        try
        {
            options = PdfOptions.Parse(args);
        }
        catch (Exception failure) when (failure is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(failure.Message);
            Console.Error.WriteLine(PdfOptions.Usage);
            return 2;
        }

        Console.WriteLine($"Prescription PDF benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
        Console.WriteLine($"{options.Iterations} timed documents per case, the cases in rotation, after {options.Warmup} warm-up ones each; first document in {options.FreshProcesses} fresh processes");
        Console.WriteLine();

        // First, before this process prints anything: the first document of a fresh process, in child processes.
        var cold = new List<double>();
        var afterWarmUp = new List<double>();
        for (var i = 0; i < options.FreshProcesses; i++)
        {
            var (coldMs, afterWarmUpMs) = await FirstDocumentInChildAsync();
            cold.Add(coldMs);
            afterWarmUp.Add(afterWarmUpMs);
        }

        var prescriptions = new PrescriptionDocument(new DocumentRenderer());
        var sample = PrescriptionPrint.Sample();
        var fortyLines = sample with
        {
            Lines = [.. Enumerable.Range(1, 40).Select(i => new PrescriptionPrintLine(
                $"Medicine number {i}", $"Brand {i}", "500 mg", "1 tablet", "1-0-1", "5 days", "After food", "10 tablets"))],
        };

        var layout = PrintLayout.Preset(PrescriptionTemplate.Classic);
        Func<byte[]>[] cases =
        [
            .. Enum.GetValues<PrescriptionTemplate>().Select(t => (Func<byte[]>)(() => prescriptions.Render(sample, PrintLayout.Preset(t)))),
            () => prescriptions.Render(fortyLines, layout),
            () => prescriptions.RenderPreviewPng(sample, layout, dpi: 96),
        ];

        // Every case warmed up before any is timed, so the code they share is compiled at its final tier by then; then
        // the cases are timed in rotation, so a busy moment of a shared machine falls on all of them alike.
        foreach (var render in cases)
        {
            for (var i = 0; i < options.Warmup; i++)
            {
                render();
            }
        }

        var times = cases.Select(_ => new List<double>(options.Iterations)).ToArray();
        var sizes = new int[cases.Length];
        for (var i = 0; i < options.Iterations; i++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var started = Stopwatch.GetTimestamp();
                sizes[c] = cases[c]().Length;
                times[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var timings = times.Select(t => new Timing(t, 0)).ToArray();
        var rows = new List<(string Case, Timing Timing, int Bytes, string Targets)>();
        foreach (var template in Enum.GetValues<PrescriptionTemplate>())
        {
            var (timing, bytes) = (timings[(int)template], sizes[(int)template]);
            var targets = template == PrescriptionTemplate.Classic
                ? $"median ≤ {OnePageMedianTargetMs:0} ms {Verdict(timing.P50 <= OnePageMedianTargetMs)}; p95 ≤ {OnePageP95TargetMs:0} ms {Verdict(timing.P95 <= OnePageP95TargetMs)}; ≤ 60 KB {Verdict(bytes <= OnePageBytesTarget)}"
                : $"≤ 60 KB {Verdict(bytes <= OnePageBytesTarget)}";
            rows.Add(($"One page, {template} ({PrintLayout.Preset(template).PaperSize})", timing, bytes, targets));
        }

        var pages = new DocumentRenderer().CountPages(PrescriptionDocument.Compose(fortyLines, layout));
        var threePages = timings[^2];
        rows.Add(($"40 medicines, Classic ({pages} pages)", threePages, sizes[^2], $"median ≤ {ThreePagesMedianTargetMs:0} ms {Verdict(threePages.P50 <= ThreePagesMedianTargetMs)}"));
        rows.Add(("Preview PNG, Classic page 1 at 96 dpi", timings[^1], sizes[^1], ""));

        var width = rows.Max(r => r.Case.Length);
        Console.WriteLine($"{"Case".PadRight(width)}  {"median ms",9}  {"p95 ms",7}  {"max ms",7}  {"bytes",7}  targets");
        Console.WriteLine(new string('-', width + 90));
        foreach (var (name, timing, bytes, targets) in rows)
        {
            Console.WriteLine($"{name.PadRight(width)}  {Timing.Ms(timing.P50),9}  {Timing.Ms(timing.P95),7}  {Timing.Ms(timing.Max),7}  {bytes,7}  {targets}");
        }

        var coldTiming = new Timing(cold, 0);
        var warmedTiming = new Timing(afterWarmUp, 0);
        Console.WriteLine();
        Console.WriteLine($"First document of a fresh process, {cold.Count} processes (target ≤ {FirstDocumentTargetMs:0} ms):");
        Console.WriteLine($"  with no warm-up:                         median {Timing.Ms(coldTiming.P50)} ms, max {Timing.Ms(coldTiming.Max)} ms ({string.Join(", ", cold.Select(Timing.Ms))}) {Verdict(coldTiming.P50 <= FirstDocumentTargetMs)}");
        Console.WriteLine($"  after the app's start-up warm-up:        median {Timing.Ms(warmedTiming.P50)} ms, max {Timing.Ms(warmedTiming.Max)} ms ({string.Join(", ", afterWarmUp.Select(Timing.Ms))}) {Verdict(warmedTiming.P50 <= FirstDocumentTargetMs)}");
        Console.WriteLine("  (the warm-up is what PrintingWarmUp renders at start: the sample in Classic and a small preview; then another prescription, Modern, is timed)");
        Console.WriteLine("Times are wall-clock per document on one thread, in memory (layout, shaping, font subsetting, PDF serialisation).");
        return 0;
    }

    /// <summary>
    /// In the child: print the sample as the first thing this process does (cold), then what the app's warm-up prints
    /// has been printed, and another prescription, as a doctor's first one after the app started; report both times.
    /// </summary>
    private static int FirstDocument()
    {
        var started = Stopwatch.GetTimestamp();
        var prescriptions = new PrescriptionDocument(new DocumentRenderer());
        var sample = PrescriptionPrint.Sample();
        prescriptions.Render(sample, PrintLayout.Preset(PrescriptionTemplate.Classic));
        var cold = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        prescriptions.RenderPreviewPng(sample, PrintLayout.Preset(PrescriptionTemplate.Minimal), dpi: 24);
        var another = sample with { PatientName = "Lakshmi Venkatesan (லட்சுமி வெங்கடேசன்)", RxNumber = "RX-2026-000124", Signature = null };
        started = Stopwatch.GetTimestamp();
        prescriptions.Render(another, PrintLayout.Preset(PrescriptionTemplate.Modern));
        var afterWarmUp = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cold:0.000} {afterWarmUp:0.000}"));
        return 0;
    }

    private static async Task<(double Cold, double AfterWarmUp)> FirstDocumentInChildAsync()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Run as `dotnet MedicalApp.Benchmarks.dll`: the child needs the assembly too.
            start.ArgumentList.Add(typeof(PdfBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add("pdf");
        start.ArgumentList.Add(FirstDocumentMode);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var output = await child.StandardOutput.ReadToEndAsync();
        var errors = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The first-document child failed ({child.ExitCode}): {errors}");
        }

        var times = output.Trim().Split(' ');
        return (double.Parse(times[0], CultureInfo.InvariantCulture), double.Parse(times[1], CultureInfo.InvariantCulture));
    }

    private static string Verdict(bool met) => met ? "PASS" : "FAIL";
}

/// <summary>Options of the PDF benchmark (<c>pdf</c> mode).</summary>
public sealed record PdfOptions
{
    public int Iterations { get; init; } = 200;

    public int Warmup { get; init; } = 20;

    public int FreshProcesses { get; init; } = 5;

    public static string Usage => """
        Usage: dotnet run -c Release --project MedicalApp.Benchmarks -- pdf [options]
          --iterations N   timed documents per case (default 200), after --warmup N (default 20)
          --fresh N        child processes that each print one document first thing (default 5)
        """;

    public static PdfOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new PdfOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) is var n and > 0 ? n : throw new ArgumentException($"{args[i - 1]} must be positive.");
            options = args[i] switch
            {
                "--iterations" => options with { Iterations = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--fresh" => options with { FreshProcesses = Number() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
