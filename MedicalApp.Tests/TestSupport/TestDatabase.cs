using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// An empty, fully migrated database of one provider, made for one test class: a SQLite file, or a PostgreSQL
/// database with the three roles created by the same script operators run (deploy/postgres/create-roles.sql).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string RolePassword = "test-only-password";

    private readonly Func<ValueTask> dispose;
    private TestServices? services;

    private TestDatabase(DatabaseProvider provider, Func<DatabaseRole, string> connectionStrings, Func<ValueTask> dispose, TimeProvider? clock)
    {
        Provider = provider;
        ConnectionStrings = connectionStrings;
        Database = new MedicalDatabase(provider, connectionStrings, clock);
        this.dispose = dispose;
    }

    public DatabaseProvider Provider { get; }

    public MedicalDatabase Database { get; }

    public Func<DatabaseRole, string> ConnectionStrings { get; }

    /// <summary>The database's name (PostgreSQL: its search role is this followed by <c>_search</c>), or the SQLite file.</summary>
    public string Name { get; private init; } = "";

    /// <summary>Configuration keys that point the web app at this database (for WebApplicationFactory).</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => Provider == DatabaseProvider.Sqlite
        ? new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Sqlite"] = ConnectionStrings(DatabaseRole.Application) }
        : new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = ConnectionStrings(DatabaseRole.Application),
            ["ConnectionStrings:PostgresMigrations"] = ConnectionStrings(DatabaseRole.Migrations),
            ["ConnectionStrings:PostgresPlatform"] = ConnectionStrings(DatabaseRole.Platform),
        };

    /// <param name="clock">The clock the contexts judge trials by (a FakeTimeProvider to let a trial run out); the system clock by default.</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgresServer? server = null, bool migrate = true, TimeProvider? clock = null)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? CreateSqlite(clock)
            : await CreatePostgresAsync(server ?? throw new ArgumentNullException(nameof(server), "PostgreSQL tests need the PostgresServer fixture."), clock);
        if (migrate)
        {
            await new DatabaseMigrator(database.Database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        }

        return database;
    }

    public MedicalDbContext CreateContext(Guid? practiceId, DatabaseRole role = DatabaseRole.Application) =>
        Database.CreateContext(role, practiceId is { } id ? TenantFor(id) : new CurrentTenant());

    /// <summary>
    /// A new practice (Trial by default, without an end unless given) to shape with <see cref="TestPractice"/>;
    /// <paramref name="clock"/> is what its services run on unless a test names another.
    /// </summary>
    public Task<TestPractice> CreatePracticeAsync(
        string? slug = null, PracticePlan plan = PracticePlan.Trial, DateTime? trialEndsAtUtc = null, string timeZoneId = Practice.DefaultTimeZoneId,
        TimeProvider? clock = null) =>
        TestPractice.CreateAsync(this, slug, plan, trialEndsAtUtc, timeZoneId, clock);

    /// <summary>The app's services over this database (see <see cref="TestServices"/>), made on first use.</summary>
    public TestServices Services => services ??= new TestServices(Database, AppSettings, FilesRoot);

    /// <summary>The file store's root for the services over this database (removed with it).</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "medicalapp-test-files-" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>The platform console's services (no practice in scope) as <paramref name="admin"/> uses them.</summary>
    public TestScope AtRoot(TestMember? admin, TimeProvider? clock = null) => Services.Scope(null, admin, clock);

    /// <summary>The practice as the app's services see it: a scoped <see cref="CurrentTenant"/> already set.</summary>
    public static CurrentTenant TenantFor(Guid practiceId)
    {
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(practiceId, "test", "Test", PracticeStatus.Active, PracticePlan.Trial, null, Practice.DefaultTimeZoneId));
        return tenant;
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (Directory.Exists(FilesRoot))
        {
            Directory.Delete(FilesRoot, recursive: true);
        }

        await dispose();
    }

    private static TestDatabase CreateSqlite(TimeProvider? clock)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medicalapp-test-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;
        return new TestDatabase(DatabaseProvider.Sqlite, _ => connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return ValueTask.CompletedTask;
        }, clock) { Name = path };
    }

    /// <summary>
    /// Runs deploy/postgres/create-roles.sql for this database again, as operators do on an existing one (with extra
    /// psql variables, e.g. <c>legacy_search</c>).
    /// </summary>
    public Task RerunRolesScriptAsync(PostgresServer server, IReadOnlyDictionary<string, string>? variables = null) =>
        Provider == DatabaseProvider.Postgres
            ? RunRolesScriptAsync(server, Name, role => new NpgsqlConnectionStringBuilder(ConnectionStrings(role)).Username!, variables)
            : throw new InvalidOperationException("The roles script is PostgreSQL's.");

    private static async Task RunRolesScriptAsync(
        PostgresServer server, string databaseName, Func<DatabaseRole, string> roleNames, IReadOnlyDictionary<string, string>? variables = null)
    {
        var scriptPath = Path.Combine(RepositoryRoot.Path, "deploy", "postgres", "create-roles.sql");
        var environment = new Dictionary<string, string>();
        if (server.SuperuserPassword is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        var extra = string.Concat((variables ?? new Dictionary<string, string>()).Select(v => $"-v {v.Key}={v.Value} "));
        await PostgresServer.RunAsync("psql",
            $"-h {server.Host} -p {server.Port} -U {server.SuperuserName} -d postgres -q -v ON_ERROR_STOP=1 " +
            $"-v db={databaseName} -v owner={roleNames(DatabaseRole.Migrations)} -v owner_password={RolePassword} " +
            $"-v app={roleNames(DatabaseRole.Application)} -v app_password={RolePassword} " +
            $"-v platform={roleNames(DatabaseRole.Platform)} -v platform_password={RolePassword} {extra}-f {scriptPath}",
            environment: environment);
    }

    private static async Task<TestDatabase> CreatePostgresAsync(PostgresServer server, TimeProvider? clock)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var names = new Dictionary<DatabaseRole, string>
        {
            [DatabaseRole.Migrations] = $"mt_owner_{suffix}",
            [DatabaseRole.Application] = $"mt_app_{suffix}",
            [DatabaseRole.Platform] = $"mt_platform_{suffix}",
        };
        var databaseName = $"medicalapp_test_{suffix}";
        await RunRolesScriptAsync(server, databaseName, role => names[role]);

        string ConnectionString(DatabaseRole role) => new NpgsqlConnectionStringBuilder
        {
            Host = server.Host,
            Port = server.Port,
            Database = databaseName,
            Username = names[role],
            Password = RolePassword,
            MaxPoolSize = 20,
        }.ConnectionString;

        return new TestDatabase(DatabaseProvider.Postgres, ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server.SuperuserConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE); " +
                string.Join(" ", names.Values.Append($"{databaseName}_search").Select(n => $"DROP ROLE IF EXISTS \"{n}\";")), connection);
            await command.ExecuteNonQueryAsync();
        }, clock) { Name = databaseName };
    }
}
