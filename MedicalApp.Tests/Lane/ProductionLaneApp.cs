using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Lane;

/// <summary>
/// The production lane's app: the published build (<c>dotnet publish -c Release</c>) started as its own process in
/// Production against the PostgreSQL database that scripts/test.sh prepared the way README's "Deploy without Docker"
/// does (roles from deploy/postgres/create-roles.sql, migrations from the EF bundle run as the owner, a key-encryption
/// certificate made with openssl). The settings below are the ones production requires (README table), with
/// <c>Tenancy:RootDomain=localhost</c> so practices live at <c>http://{slug}.localhost:{port}/</c> (the host strategy,
/// first in appsettings.json; Chromium resolves every *.localhost to loopback). Its mail goes to an SMTP server in this
/// process, which the journeys read. The fixture owns both: the SMTP port must be known before the app starts.
/// Without the lane's variables it fails, saying to run scripts/test.sh: it never skips.
/// </summary>
public sealed class ProductionLaneApp : IAsyncLifetime
{
    public const string AppDirectoryVariable = "MEDICALAPP_LANE_APP_DIR";
    public const string AppConnectionVariable = "MEDICALAPP_LANE_CONNECTION_APP";
    public const string PlatformConnectionVariable = "MEDICALAPP_LANE_CONNECTION_PLATFORM";
    public const string KeyCertificateVariable = "MEDICALAPP_LANE_KEY_CERTIFICATE";
    public const string KeyCertificatePasswordVariable = "MEDICALAPP_LANE_KEY_CERTIFICATE_PASSWORD";

    private LaneServer? server;
    private string? appDirectory;
    private string? filesRoot;

    public SmtpTestServer Smtp { get; private set; } = default!;

    /// <summary>The root (landing page, registration, platform console): <c>http://localhost:{port}</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>What the app printed so far (also in TestResults/production-lane-app.log).</summary>
    public string Output => server?.Output ?? "";

    public string PracticeUrl(string slug) => $"http://{slug}.localhost:{Port}";

    public async ValueTask InitializeAsync()
    {
        appDirectory = Required(AppDirectoryVariable);
        if (!File.Exists(Path.Combine(appDirectory, "MedicalApp.Web.dll")))
        {
            throw new InvalidOperationException($"{AppDirectoryVariable}={appDirectory} holds no MedicalApp.Web.dll (the output of dotnet publish).");
        }

        Smtp = SmtpTestServer.Start();
        Port = SmtpTestServer.FreePort();
        BaseUrl = $"http://localhost:{Port}";
        filesRoot = Path.Combine(Path.GetTempPath(), "medicalapp-lane-files-" + Guid.NewGuid().ToString("N")[..8]);
        server = await LaneServer.StartAsync(appDirectory, Settings(Smtp.Port, BaseUrl), Port, "production-lane-app.log");
    }

    /// <summary>
    /// A second server of the same deployment, as behind a load balancer: the same published app, database, keys,
    /// files and settings (its mails link to the first server's address, <see cref="BaseUrl"/>), on a port of its own.
    /// Its output goes to TestResults/production-lane-app-second.log when the journey disposes it.
    /// </summary>
    public Task<LaneServer> StartSecondServerAsync()
    {
        var port = SmtpTestServer.FreePort();
        return LaneServer.StartAsync(appDirectory!, Settings(Smtp.Port, $"http://localhost:{port}"), port, "production-lane-app-second.log");
    }

    /// <summary>
    /// The environment the published app runs with: README's "Deploy without Docker" sets the same variables
    /// (SMTP, ports and paths are the lane's own).
    /// </summary>
    private Dictionary<string, string> Settings(int smtpPort, string listenUrl) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = listenUrl,
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = Required(AppConnectionVariable),
        ["ConnectionStrings__PostgresPlatform"] = Required(PlatformConnectionVariable),
        ["Tenancy__RootDomain"] = "localhost",
        ["Email__PublicBaseUrl"] = BaseUrl,
        ["Email__FromAddress"] = "no-reply@localhost",
        ["Email__Smtp__Host"] = "127.0.0.1",
        ["Email__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Email__Smtp__Security"] = "None",
        ["DataProtection__KeyCertificatePath"] = Required(KeyCertificateVariable),
        ["DataProtection__KeyCertificatePassword"] = Required(KeyCertificatePasswordVariable),
        ["Files__Root"] = filesRoot!,
    };

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The production lane needs {variable}: run ./scripts/test.sh, which publishes the app, prepares its PostgreSQL database " +
                "and key certificate, and sets the lane's variables (the main test pass leaves these tests out with --filter \"Lane!=Production\").");

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (filesRoot is not null && Directory.Exists(filesRoot))
        {
            Directory.Delete(filesRoot, recursive: true);
        }
    }
}

/// <summary>
/// One process of the published app (<c>dotnet MedicalApp.Web.dll</c>) with the lane's settings, ready once its
/// readiness check answers; stopped on dispose, when what it printed is written to TestResults.
/// </summary>
public sealed class LaneServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder output = new();
    private readonly Process process;
    private readonly string logName;

    private LaneServer(Process process, int port, string logName)
    {
        this.process = process;
        this.logName = logName;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://localhost:{Port}";

    public string PracticeUrl(string slug) => $"http://{slug}.localhost:{Port}";

    /// <summary>What the app printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<LaneServer> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> settings, int port, string logName)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appDirectory, "MedicalApp.Web.dll")])
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the test process's own configuration leaks in (it may carry Development or test settings).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                     || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var server = new LaneServer(new Process { StartInfo = start, EnableRaisingEvents = true }, port, logName);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The published app stopped at start (exit code {process.ExitCode}):\n{Output}");
            }

            try
            {
                // Ready: the database answers as the application role and has every migration this build expects.
                if ((await client.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
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
                // Still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The published app was not ready within {StartTimeout.TotalSeconds:0} s:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var log = Path.Combine(RepositoryRoot.Path, "TestResults", logName);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(log, Output);
        process.Dispose();
    }
}
