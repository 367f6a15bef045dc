using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MedicalApp.Data;

/// <summary>
/// Applies the provider's migrations as the owner role. Used at start-up only when <c>Database:MigrateOnStartup</c> is
/// set (Development); production applies migrations as a deploy step (see README).
/// </summary>
public sealed partial class DatabaseMigrator(MedicalDatabase database, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(DatabaseRole.Migrations, new CurrentTenant());
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        LogApplying(logger, pending.Count, database.Provider);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Whether the database has every migration this build knows; the readiness check reports it.</summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(DatabaseRole.Application, new CurrentTenant());
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return !db.Database.GetMigrations().Except(applied).Any();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database.")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider);
}
