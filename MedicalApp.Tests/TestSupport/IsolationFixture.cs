using MedicalApp.Data;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Tests.TestSupport;

/// <summary>A migrated database with two practices, A and B, shared by the tests of one class.</summary>
public abstract class IsolationFixture : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = default!;

    public Guid PracticeA { get; private set; }

    public Guid PracticeB { get; private set; }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        PracticeA = await Db.CreatePracticeAsync("practice-a");
        PracticeB = await Db.CreatePracticeAsync("practice-b");
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    /// <summary>Saves a new sample row in practice A and returns its id.</summary>
    public async Task<Guid> CreateRowInPracticeAAsync(TenantOwnedSample sample)
    {
        await using var db = Db.CreateContext(PracticeA);
        var row = sample.Create(db);
        db.Add(row);
        await db.SaveChangesAsync();
        Assert.Equal(PracticeA, row.TenantId);
        return row.Id;
    }
}

public sealed class SqliteIsolationFixture : IsolationFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresIsolationFixture(PostgresServer server) : IsolationFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
