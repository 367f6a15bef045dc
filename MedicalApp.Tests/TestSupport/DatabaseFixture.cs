using MedicalApp.Data;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// A migrated database shared by the tests of one class (each subclass a provider), with what the class sets up
/// once (<see cref="SeedAsync"/>). Tests shape their own practices in it with <see cref="TestPractice"/>.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = default!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>What every test of the class shares (practices, locations, members); nothing by default.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        await SeedAsync();
    }

    public virtual async ValueTask DisposeAsync() => await Db.DisposeAsync();
}

public sealed class SqliteDatabaseFixture : DatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresDatabaseFixture(PostgresServer server) : DatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
