using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Practice;

/// <summary>The server-side role checks of practice administration.</summary>
internal static class PracticeAdministrators
{
    public const string AdministratorsOnly = "Only the practice owner and administrators can change this.";

    public const string OwnerOnly = "Only the practice owner can change the practice's address.";

    /// <summary>Refuses unless the actor is an active member of the current practice holding one of <paramref name="anyOf"/>.</summary>
    public static async Task RequireAsync(MedicalDbContext db, ActingMember actor, PracticeRoles anyOf, string refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = await db.TenantMemberships.AsNoTracking()
            .Where(m => m.UserId == actor.UserId && m.IsActive)
            .Select(m => (PracticeRoles?)m.Roles)
            .SingleOrDefaultAsync(cancellationToken);
        if (roles is not { } held || (held & anyOf) == PracticeRoles.None)
        {
            throw new UnauthorizedAccessException(refusal);
        }
    }

    public static Task RequireAdministratorAsync(MedicalDbContext db, ActingMember actor, CancellationToken cancellationToken) =>
        RequireAsync(db, actor, PracticeRoles.Owner | PracticeRoles.Admin, AdministratorsOnly, cancellationToken);

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
