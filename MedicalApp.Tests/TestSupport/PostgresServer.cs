using System.Diagnostics;
using Npgsql;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// One PostgreSQL 15 server for the whole test run. Uses <c>MEDICALAPP_TEST_POSTGRES</c> (a superuser connection
/// string) when set, as the test script does; otherwise starts a throwaway cluster from the installed binaries and
/// removes it afterwards. There is no skipping: without PostgreSQL every test that needs it fails, saying why.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "MEDICALAPP_TEST_POSTGRES";

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private string? clusterDirectory;

    public string SuperuserConnectionString { get; private set; } = "";

    public string Host => new NpgsqlConnectionStringBuilder(SuperuserConnectionString).Host!;

    public int Port => new NpgsqlConnectionStringBuilder(SuperuserConnectionString).Port;

    public string SuperuserName => new NpgsqlConnectionStringBuilder(SuperuserConnectionString).Username ?? "postgres";

    public string? SuperuserPassword => new NpgsqlConnectionStringBuilder(SuperuserConnectionString).Password;

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        SuperuserConnectionString = string.IsNullOrWhiteSpace(configured) ? await StartThrowawayClusterAsync() : configured;
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version_num", connection);
        var version = int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        if (version < 150000)
        {
            throw new InvalidOperationException($"PostgreSQL 15 or later is required; the test server is {version}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (clusterDirectory is not null)
        {
            await RunAsync(AsPostgres(Path.Combine(BinDirectory, "pg_ctl")), $"-D {clusterDirectory}/data -m immediate -w stop", allowFailure: true);
            Directory.Delete(clusterDirectory, recursive: true);
        }
    }

    private async Task<string> StartThrowawayClusterAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is needed for these tests: set {EnvironmentVariable} or install the postgresql-15 package ({BinDirectory}/initdb is missing).");
        }

        clusterDirectory = Path.Combine(Path.GetTempPath(), "medicalapp-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(clusterDirectory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", $"postgres:postgres {clusterDirectory}");
        }

        await RunAsync(AsPostgres(Path.Combine(BinDirectory, "initdb")), $"-D {clusterDirectory}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8");
        // A random port can be taken by another run on the same machine: try a few, and say why when none works.
        for (var attempt = 1; ; attempt++)
        {
            var port = 56000 + Random.Shared.Next(0, 4000);
            try
            {
                await RunAsync(AsPostgres(Path.Combine(BinDirectory, "pg_ctl")),
                    $"-D {clusterDirectory}/data -l {clusterDirectory}/log -o \"-p {port} -k {clusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" -w -t 120 start");
                return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Retry on another port.
            }
            catch (InvalidOperationException failure)
            {
                var log = File.Exists($"{clusterDirectory}/log") ? await File.ReadAllTextAsync($"{clusterDirectory}/log") : "(no log)";
                throw new InvalidOperationException($"{failure.Message}\nServer log:\n{log}", failure);
            }
        }
    }

    // initdb refuses to run as root; the cluster then belongs to the postgres user.
    private static string AsPostgres(string program) => Environment.UserName == "root" ? $"runuser -u postgres -- {program}" : program;

    internal static async Task RunAsync(string command, string arguments, bool allowFailure = false, IDictionary<string, string>? environment = null)
    {
        var parts = command.Split(' ', 2);
        var startInfo = new ProcessStartInfo(parts[0], parts.Length > 1 ? $"{parts[1]} {arguments}" : arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"`{command} {arguments}` failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
