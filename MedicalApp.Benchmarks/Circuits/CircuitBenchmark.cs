using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace MedicalApp.Benchmarks.Circuits;

/// <summary>
/// What one signed-in circuit costs the server (issue 9), for MedicalApp and, in the same run, for the plain .NET
/// Blazor Web App template as the floor: each app is published in Release and started as its own process; one Chromium
/// session signs in, warm-up sessions open the measured page, the server's memory is read after full collections, N
/// more sessions open the page and wait for their circuits, the memory is read again; the growth ÷ N is the cost of
/// a circuit. Heap after a full GC is the figure to compare (working set is printed too, but it is noisy).
/// </summary>
public static class CircuitBenchmark
{
    private const double MiB = 1024 * 1024;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        CircuitOptions options;
        try
        {
            options = CircuitOptions.Parse(args);
        }
        catch (Exception failure) when (failure is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(failure.Message);
            Console.Error.WriteLine(CircuitOptions.Usage);
            return 2;
        }

        if (!File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"Chromium is missing at {ChromiumPath}: apt-get install -y chromium");
            return 1;
        }

        var total = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("medicalapp-circuits-").FullName;
        Console.WriteLine($"Circuit memory benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
        Console.WriteLine($"{options.Sessions} measured sessions per app after {options.Warmup} warm-up, settle {options.SettleSeconds} s; work folder {work}");
        var apps = new List<MeasuredApp>();
        if (options.MeasureTemplate)
        {
            apps.Add(new TemplateApp());
        }

        if (options.MeasureMedicalApp)
        {
            apps.Add(new MedicalAppUnderTest(RepositoryRoot(), options.Member));
        }

        var results = new List<CircuitResult>();
        try
        {
            using var playwright = await Playwright.CreateAsync();
            foreach (var app in apps)
            {
                results.Add(await MeasureAsync(playwright, app, options, work));
            }
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"Kept {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }

        Console.WriteLine();
        Print(results, options);
        Console.WriteLine($"Total time {total.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    private const string ChromiumPath = "/usr/bin/chromium";

    private static async Task<CircuitResult> MeasureAsync(IPlaywright playwright, MeasuredApp app, CircuitOptions options, string work)
    {
        var step = Stopwatch.StartNew();
        Console.WriteLine($"[{app.Name}] publishing (Release) ...");
        var (publishDirectory, assemblyFile) = await app.PrepareAsync(work);
        Console.WriteLine($"[{app.Name}] published in {step.Elapsed.TotalSeconds:0} s; starting the server ...");

        var logFile = Path.Combine(work, app.Name + "-server.log");
        await using var server = await ServerProcess.StartAsync(publishDirectory, assemblyFile, logFile);
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Loopback only: keep Chromium from reaching out (as the browser tests do).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        // One sign-in; every session then carries its cookies in a context (cookie jar) of its own, so no session
        // shares a circuit and the sign-in throttling is not involved.
        var signIn = await NewContextAsync(browser, storageState: null);
        var signInPage = await signIn.NewPageAsync();
        await app.SignInAsync(signInPage, server.BaseUrl);
        var storageState = await signIn.StorageStateAsync();
        await app.OpenCircuitAsync(signInPage, server.BaseUrl);
        for (var i = 1; i < options.Warmup; i++)
        {
            await OpenSessionAsync(browser, app, server, storageState);
        }

        await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
        var before = await server.MeasureAsync();
        var beforeDump = await GcDump.CollectAsync(options.GcDumpDirectory, server.ProcessId, app.Name + "-before");
        Console.WriteLine($"[{app.Name}] {options.Warmup} warm-up session(s) open: heap {before.Heap / MiB:0.0} MiB, working set {before.WorkingSet / MiB:0.0} MiB");

        await HoldAsync(app, server, options, "before");

        step.Restart();
        for (var i = 0; i < options.Sessions; i++)
        {
            await OpenSessionAsync(browser, app, server, storageState);
        }

        Console.WriteLine($"[{app.Name}] {options.Sessions} sessions opened in {step.Elapsed.TotalSeconds:0} s; settling {options.SettleSeconds} s ...");
        await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
        var after = await server.MeasureAsync();
        var afterDump = await GcDump.CollectAsync(options.GcDumpDirectory, server.ProcessId, app.Name + "-after");
        Console.WriteLine($"[{app.Name}] {options.Warmup + options.Sessions} sessions open: heap {after.Heap / MiB:0.0} MiB, working set {after.WorkingSet / MiB:0.0} MiB");
        if (beforeDump is not null && afterDump is not null)
        {
            await GcDump.PrintGrowthAsync(beforeDump, afterDump, options.Sessions, app.Name);
        }

        await HoldAsync(app, server, options, "after");
        return new CircuitResult(app.Name, app.Page, options.Sessions, before, after);
    }

    // Room to look at the server with other tools (a heap snapshot, a debugger) at the baseline and at the end.
    private static async Task HoldAsync(MeasuredApp app, ServerProcess server, CircuitOptions options, string point)
    {
        if (options.HoldSeconds > 0)
        {
            Console.WriteLine($"[{app.Name}] holding {options.HoldSeconds} s {point} the measured sessions: server process {server.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
        }
    }

    private static async Task OpenSessionAsync(IBrowser browser, MeasuredApp app, ServerProcess server, string storageState)
    {
        var context = await NewContextAsync(browser, storageState);
        var page = await context.NewPageAsync();
        await app.OpenCircuitAsync(page, server.BaseUrl);
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string? storageState)
    {
        // The browser tests' window (a front-desk tablet), so MudBlazor lays the page out as the clinics see it.
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1024, Height = 768 },
            Locale = "en-IN",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    private static void Print(IReadOnlyList<CircuitResult> results, CircuitOptions options)
    {
        Console.WriteLine($"Per-circuit cost: server memory growth ÷ {options.Sessions} sessions, each signed in and connected on its page (MiB = 2^20 bytes)");
        Console.WriteLine($"{"app",-11} {"page",-38} {"heap before",12} {"heap after",11} {"heap/circuit",13} {"WS before",10} {"WS after",9} {"WS/circuit",11}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.App,-11} {r.Page,-38} {r.Before.Heap / MiB,12:0.0} {r.After.Heap / MiB,11:0.0} {r.HeapPerCircuit / MiB,13:0.000} " +
                $"{r.Before.WorkingSet / MiB,10:0.0} {r.After.WorkingSet / MiB,9:0.0} {r.WorkingSetPerCircuit / MiB,11:0.000}"));
        }

        var template = results.FirstOrDefault(r => r.App == "template");
        var medical = results.FirstOrDefault(r => r.App == "medicalapp");
        if (template is not null && medical is not null)
        {
            var heapRatio = (double)medical.HeapPerCircuit / template.HeapPerCircuit;
            var workingSetRatio = (double)medical.WorkingSetPerCircuit / template.WorkingSetPerCircuit;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MedicalApp ÷ template per circuit: heap after full GC {heapRatio:0.00}× ({(heapRatio <= 1.5 ? "meets" : "misses")} the issue's ≤ 1.5×), working set {workingSetRatio:0.00}× (noisy)"));
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MedicalApp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (dotnet run --project MedicalApp.Benchmarks): MedicalApp.sln was not found above it.");
    }
}

public sealed record CircuitResult(string App, string Page, int Sessions, MemoryReading Before, MemoryReading After)
{
    public long HeapPerCircuit => (After.Heap - Before.Heap) / Sessions;

    public long WorkingSetPerCircuit => (After.WorkingSet - Before.WorkingSet) / Sessions;
}
