using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Practice;

/// <summary>The refusals of practice administration, and the read-only check that comes before any limit or file.</summary>
internal static class PracticeAdministrators
{
    public const string AdministratorsOnly = "Only the practice owner and administrators can change this.";

    public const string OwnerOnly = "Only the practice owner can change the practice's address.";

    /// <summary>
    /// Refuses changes to a practice whose trial has ended, before any limit or file is touched, so the user reads
    /// why (and how to continue) rather than a limit message. Checked against the database, not the circuit's snapshot.
    /// </summary>
    public static async Task EnsureWritableAsync(MedicalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var practice = await db.Tenants.AsNoTracking().Where(t => t.Id == db.CurrentTenantId)
            .Select(t => new { t.Plan, t.TrialEndsAtUtc }).SingleAsync(cancellationToken);
        if (PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, clock.GetUtcNow().UtcDateTime))
        {
            throw new PracticeReadOnlyException();
        }
    }
}
