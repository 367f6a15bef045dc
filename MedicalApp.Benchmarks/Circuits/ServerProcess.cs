using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MedicalApp.Benchmarks.Circuits;

/// <summary>
/// A published app started as its own process (Release, Development environment, loopback only) with the memory
/// probe (<see cref="StartupHook"/>) loaded by the runtime; its output goes to a log file.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly int probePort;

    private ServerProcess(Process process, StreamWriter log, int probePort, string baseUrl)
    {
        this.process = process;
        this.log = log;
        this.probePort = probePort;
        BaseUrl = baseUrl;
    }

    /// <summary>http://localhost:{port}, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public int ProcessId => process.Id;

    public static async Task<ServerProcess> StartAsync(string publishDirectory, string assemblyFile, string logFile)
    {
        var port = FreePort();
        var probePort = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = publishDirectory, // the content root: SQLite files and App_Data live beside the app
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(publishDirectory, assemblyFile));
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // the seeded sign-ins (MedicalApp), app.db (template)
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";
        startInfo.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        startInfo.Environment[StartupHook.PortVariable] = probePort.ToString(CultureInfo.InvariantCulture);

        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, probePort, $"http://localhost:{port}");
        await server.WaitUntilAnsweringAsync(logFile);
        return server;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilAnsweringAsync(string logFile)
    {
        // MedicalApp migrates and seeds its SQLite database on its first start: give it time.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited ({process.ExitCode}) before answering; see {logFile}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The server did not answer within 3 minutes; see {logFile}.");
    }

    /// <summary>Asks the probe inside the server for its memory after full collections.</summary>
    public async Task<MemoryReading> MeasureAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, probePort);
        using var reader = new StreamReader(client.GetStream());
        var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The memory probe closed without answering.");
        return MemoryReading.Parse(line);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}

/// <summary>One reading of the probe, in bytes.</summary>
public sealed record MemoryReading(long Heap, long HeapAfterGc, long Committed, long WorkingSet, long Private)
{
    public static MemoryReading Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        return new MemoryReading(values["heap"], values["heapAfterGc"], values["committed"], values["workingSet"], values["private"]);
    }
}
