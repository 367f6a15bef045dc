using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

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
        await EnsureGlobalMedicinesAsync();
    }

    /// <summary>
    /// Catalogue rows for the samples that point at one (a hidden global medicine): each test of the matrix hides one
    /// not hidden yet. Written as the owner (the application role may not write the catalogue on PostgreSQL); the shipped
    /// catalogue, once a migration loads it, is enough on its own.
    /// </summary>
    private async Task EnsureGlobalMedicinesAsync()
    {
        const int needed = 40;
        await using var db = Db.CreateContext(null, DatabaseRole.Migrations);
        var missing = needed - await db.GlobalMedicines.CountAsync();
        for (var i = 0; i < missing; i++)
        {
            db.GlobalMedicines.Add(new GlobalMedicine
            {
                Id = Guid.CreateVersion7(), BrandName = $"Isolation sample {i}", GenericName = "Paracetamol", Strength = "500 mg", DosageForm = "Tablet",
                DrugClass = "Analgesics", Category = "Test", Manufacturer = "Test", SearchText = $"isolation sample {i} paracetamol",
                UpdatedAtUtc = DateTime.UtcNow,
            });
        }

        await db.SaveChangesAsync();
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
