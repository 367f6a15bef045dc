using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedicalApp.Data.Tenancy;

/// <summary>
/// The practice row lock. Taking it bumps the practice's <c>UsageVersion</c>, which holds that row until the
/// transaction ends (PostgreSQL) or takes the database's write lock (SQLite). Every change that counts, checks a
/// version or checks uniqueness before saving takes it first, so two requests of one practice are applied one after
/// the other and the second sees the first's result.
/// </summary>
public static class PracticeLock
{
    /// <summary>Locks the current practice's row for the rest of the open transaction.</summary>
    public static Task TakeAsync(MedicalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return TakeAsync(db, db.RequirePracticeId(), cancellationToken);
    }

    /// <summary>Locks a named practice's row: the platform console acts on practices it names.</summary>
    public static async Task TakeAsync(MedicalDbContext db, Guid practiceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The practice row is locked inside the transaction that relies on the lock.");
        }

        await db.Practices.Where(t => t.Id == practiceId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsageVersion, t => t.UsageVersion + 1), cancellationToken);
    }

    /// <summary>A transaction that holds the current practice's row lock from its first statement.</summary>
    public static async Task<IDbContextTransaction> BeginAsync(MedicalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await TakeAsync(db, cancellationToken);
        return transaction;
    }
}
