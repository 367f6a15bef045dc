using System.Diagnostics;
using Npgsql;

namespace MedicalApp.Benchmarks;

/// <summary>
/// The PostgreSQL server the benchmark runs against: the one given (a superuser connection string), or a throwaway
/// cluster started from the Debian postgresql-15 binaries and removed at the end, the way the tests do it. The
/// throwaway cluster keeps fsync on (bookings are timed, and commits should cost what they cost in production) and
/// gets a little more memory than the default so the data set is loaded quickly.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private string? clusterDirectory;

    private PostgresCluster(string superuserConnection) => SuperuserConnection = superuserConnection;

    public string SuperuserConnection { get; private set; }

    public bool IsThrowaway => clusterDirectory is not null;

    public static async Task<PostgresCluster> StartOrUseAsync(string? superuserConnection)
    {
        if (!string.IsNullOrWhiteSpace(superuserConnection))
        {
            return new PostgresCluster(superuserConnection);
        }

        var cluster = new PostgresCluster("");
        await cluster.StartThrowawayAsync();
        return cluster;
    }

    private async Task StartThrowawayAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL given and {BinDirectory}/initdb is missing: install postgresql-15 or pass --connection.");
        }

        clusterDirectory = Path.Combine(Path.GetTempPath(), "medicalapp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(clusterDirectory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:postgres", clusterDirectory]);
        }

        await RunAsync(AsPostgres("initdb"), [.. AsPostgresArgs("initdb"), "-D", $"{clusterDirectory}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        for (var attempt = 1; ; attempt++)
        {
            var port = 52000 + Random.Shared.Next(0, 4000);
            var settings = $"-p {port} -k {clusterDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 " +
                           "-c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min -c maintenance_work_mem=256MB";
            try
            {
                await RunAsync(AsPostgres("pg_ctl"), [.. AsPostgresArgs("pg_ctl"), "-D", $"{clusterDirectory}/data", "-l", $"{clusterDirectory}/log", "-o", settings, "-w", "-t", "120", "start"]);
                SuperuserConnection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port may be taken by another run: try another.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (clusterDirectory is not null)
        {
            await RunAsync(AsPostgres("pg_ctl"), [.. AsPostgresArgs("pg_ctl"), "-D", $"{clusterDirectory}/data", "-m", "fast", "-w", "stop"], allowFailure: true);
            Directory.Delete(clusterDirectory, recursive: true);
            clusterDirectory = null;
        }
    }

    // initdb refuses to run as root: then the cluster belongs to the postgres user.
    private static string AsPostgres(string program) => Environment.UserName == "root" ? "runuser" : Path.Combine(BinDirectory, program);

    private static string[] AsPostgresArgs(string program) =>
        Environment.UserName == "root" ? ["-u", "postgres", "--", Path.Combine(BinDirectory, program)] : [];

    public static async Task RunAsync(string program, IEnumerable<string> arguments, bool allowFailure = false, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"`{program} {string.Join(' ', startInfo.ArgumentList)}` failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
