using MedicalApp.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MedicalApp.Benchmarks;

/// <summary>
/// A database of its own with the three roles, created by the script operators run (deploy/postgres/create-roles.sql,
/// through psql as the tests do) and migrated as the owner by the app's own migrator.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private const string RolePassword = "benchmark-only-password";

    private readonly string superuserConnection;
    private readonly bool keep;
    private readonly Dictionary<DatabaseRole, string> roleNames;

    private BenchmarkDatabase(string superuserConnection, bool keep)
    {
        this.superuserConnection = superuserConnection;
        this.keep = keep;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Name = $"medicalapp_bench_{suffix}";
        roleNames = new Dictionary<DatabaseRole, string>
        {
            [DatabaseRole.Migrations] = $"bench_owner_{suffix}",
            [DatabaseRole.Application] = $"bench_app_{suffix}",
            [DatabaseRole.Platform] = $"bench_platform_{suffix}",
        };
    }

    public string Name { get; }

    public string RoleName(DatabaseRole role) => roleNames[role];

    public string ConnectionString(DatabaseRole role, int maxPoolSize = 100)
    {
        var server = new NpgsqlConnectionStringBuilder(superuserConnection);
        return new NpgsqlConnectionStringBuilder
        {
            Host = server.Host,
            Port = server.Port,
            Database = Name,
            Username = roleNames[role],
            Password = RolePassword,
            MaxPoolSize = maxPoolSize,
            // Loading the big practice runs single statements for tens of seconds.
            CommandTimeout = 600,
        }.ConnectionString;
    }

    /// <summary>A superuser connection to the benchmark database (only for creating the benchmark's own helper function).</summary>
    public string SuperuserConnectionString => new NpgsqlConnectionStringBuilder(superuserConnection) { Database = Name, Pooling = false }.ConnectionString;

    public static async Task<BenchmarkDatabase> CreateAsync(string superuserConnection, bool keep)
    {
        var database = new BenchmarkDatabase(superuserConnection, keep);
        var server = new NpgsqlConnectionStringBuilder(superuserConnection);
        var environment = new Dictionary<string, string>();
        if (server.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        await PostgresCluster.RunAsync("psql",
        [
            "-h", server.Host ?? "localhost", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", server.Username ?? "postgres", "-d", server.Database ?? "postgres", "-q", "-v", "ON_ERROR_STOP=1",
            "-v", $"db={database.Name}",
            "-v", $"owner={database.roleNames[DatabaseRole.Migrations]}", "-v", $"owner_password={RolePassword}",
            "-v", $"app={database.roleNames[DatabaseRole.Application]}", "-v", $"app_password={RolePassword}",
            "-v", $"platform={database.roleNames[DatabaseRole.Platform]}", "-v", $"platform_password={RolePassword}",
            "-f", RolesScript(),
        ], environment: environment);

        var medical = new MedicalDatabase(DatabaseProvider.Postgres, role => database.ConnectionString(role));
        await new DatabaseMigrator(medical, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (keep)
        {
            Console.WriteLine($"Kept database {Name} (roles {string.Join(", ", roleNames.Values)} and {Name}_search, password {RolePassword}).");
            return;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE); " +
            string.Join(" ", roleNames.Values.Append($"{Name}_search").Select(r => $"DROP ROLE IF EXISTS \"{r}\";")),
            connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>deploy/postgres/create-roles.sql, found from the working directory or the build output upwards.</summary>
    private static string RolesScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "deploy", "postgres", "create-roles.sql");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("deploy/postgres/create-roles.sql not found: run the benchmark from the repository.");
    }
}
