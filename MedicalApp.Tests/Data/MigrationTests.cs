using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Data;

/// <summary>Both providers: the migrations build an empty database completely, and the model has no unmigrated change.</summary>
public sealed class MigrationTests(PostgresServer server)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrations_apply_to_an_empty_database_and_cover_the_whole_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, server, migrate: false);
        var migrator = new DatabaseMigrator(database.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance);
        Assert.False(await migrator.IsUpToDateAsync());

        await migrator.MigrateAsync();

        Assert.True(await migrator.IsUpToDateAsync());
        await using var db = database.CreateContext(null);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes without a migration: add one (see README).");
        // The tables are usable: a practice can be stored and read back.
        var id = await database.CreatePracticeAsync("migrated");
        Assert.True(await db.Practices.AnyAsync(t => t.Id == id));
    }
}
