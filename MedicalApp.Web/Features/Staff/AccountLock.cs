using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The lock on one person's account, for the changes that depend on which practices the account belongs to: a practice
/// changing the account (a one-time password, a corrected name) decides from "this practice's alone", and a join gives
/// the account another practice. Both take it inside their transaction before they decide or add, so they are applied
/// one after the other: a join that came first is seen by the check, a join that comes later waits for the change.
/// Without it the check (a read on the platform path, outside the change's transaction) could miss a join committed
/// between the read and the change's commit.
/// </summary>
public static class AccountLock
{
    public static async Task TakeAsync(MedicalDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The account is locked inside the transaction that relies on the lock.");
        }

        if (db.Database.IsNpgsql())
        {
            // The account row only; the users table is global (not under row-level security), the application role updates it anyway.
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AspNetUsers" WHERE "Id" = {userId} FOR UPDATE""", cancellationToken);
            return;
        }

        // SQLite has one writer at a time: holding the database's write lock (taken by the practice row lock) orders
        // these transactions, whichever practice they are in.
        await PracticeLock.TakeAsync(db, cancellationToken);
    }
}
