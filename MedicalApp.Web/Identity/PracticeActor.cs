using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Who acts in a practice, as the database says at this moment: the signed-in account, its active membership and
/// roles, its doctor profile, and the client address for the audit trail. Services read it inside each operation
/// (<see cref="PracticeActors.ReadAsync"/>) and decide from it with <see cref="May"/>; a role taken away or a
/// membership ended in another tab counts at the next action, whatever the open page still shows.
/// </summary>
public sealed record PracticeActor(
    Guid UserId,
    Guid PracticeId,
    Guid MembershipId,
    string Email,
    string FullName,
    PracticeRoles Roles,
    Guid? DoctorProfileId,
    string? ClientAddress)
{
    public bool May(PracticePermission permission) => PracticePermissions.Allows(Roles, permission);

    public bool MayAny(params PracticePermission[] permissions) => PracticePermissions.AllowsAny(Roles, permissions);

    public bool IsOwner => Roles.HasFlag(PracticeRoles.Owner);

    /// <summary>Start or complete a consultation of the doctor whose account is <paramref name="doctorUserId"/>.</summary>
    public bool MayTreatFor(Guid doctorUserId) =>
        May(PracticePermission.TreatAnyPatient) || (May(PracticePermission.TreatOwnPatients) && doctorUserId == UserId);

    /// <summary>Change the doctor profile of the account <paramref name="doctorUserId"/>: any as an administrator, else one's own.</summary>
    public bool MayEditDoctor(Guid doctorUserId) =>
        May(PracticePermission.ManageDoctors) || (May(PracticePermission.EditOwnDoctorProfile) && doctorUserId == UserId);

    /// <summary>An audit row of this actor, from this actor's address.</summary>
    public AuditEvent Audit(string action, DateTime occurredAtUtc, string? entityType = null, string? entityId = null, string? details = null) => new()
    {
        UserId = UserId,
        UserEmail = Email,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        IpAddress = ClientAddress,
        Details = details is { Length: > 2000 } ? details[..2000] : details,
        OccurredAtUtc = occurredAtUtc,
    };

    /// <summary>The same event for the audit trail's <see cref="AuditTrail.RecordAsync"/> (views recorded outside a change).</summary>
    public AuditEntry Entry(string action, string? entityType = null, string? entityId = null, string? details = null) =>
        new(action, UserId, Email, entityType, entityId, ClientAddress, details);
}

/// <summary>
/// Builds the <see cref="PracticeActor"/> of the current scope from the database. One place decides who acts: the
/// account comes from <see cref="SignedInUser"/> (what the server authenticated for this request or circuit), the
/// practice from the scope's <see cref="CurrentTenant"/>, everything else from the rows as they are now.
/// </summary>
public sealed class PracticeActors(
    SignedInUser signedIn,
    ClientAddress clientAddress,
    PracticeStateNotifier practiceState,
    IDbContextFactory<MedicalDbContext> contextFactory)
{
    /// <summary>
    /// The actor inside <paramref name="db"/> (so inside its transaction, when one is open), or null when nobody of this
    /// practice is signed in, the membership is not active, or the practice is suspended (then open pages are told).
    /// </summary>
    public async Task<PracticeActor?> ReadAsync(MedicalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (signedIn.Id is not { } userId || db.CurrentTenantId is not { } practiceId)
        {
            return null;
        }

        var status = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId).Select(t => (PracticeStatus?)t.Status)
            .SingleOrDefaultAsync(cancellationToken);
        if (status != PracticeStatus.Active)
        {
            if (status == PracticeStatus.Suspended)
            {
                practiceState.ReportSuspended();
            }

            return null;
        }

        var member = await db.PracticeMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .Select(m => new
            {
                m.Id,
                m.Roles,
                m.User!.Email,
                m.User.FullName,
                DoctorProfileId = m.DoctorProfile != null && m.DoctorProfile.IsActive ? (Guid?)m.DoctorProfile.Id : null,
            })
            .SingleOrDefaultAsync(cancellationToken);
        return member is null
            ? null
            : new PracticeActor(userId, practiceId, member.Id, member.Email ?? "", member.FullName, member.Roles, member.DoctorProfileId, clientAddress.Value);
    }

    /// <summary>
    /// The actor when the database says they may do <paramref name="permission"/>, else a
    /// <see cref="PracticeAccessDeniedException"/> (with <paramref name="refusal"/> as its message when given): for reads
    /// behind a page that already required the permission, and for changes whose pages show the refusal.
    /// </summary>
    public async Task<PracticeActor> RequireAsync(
        MedicalDbContext db, PracticePermission permission, string? refusal = null, CancellationToken cancellationToken = default) =>
        await ReadAsync(db, cancellationToken) is { } actor && actor.May(permission)
            ? actor
            : throw new PracticeAccessDeniedException(permission, refusal);

    /// <summary>The actor as of now, for what a page shows; the service deciding an action reads it again.</summary>
    public async Task<PracticeActor?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, cancellationToken);
    }
}

/// <summary>
/// Tells the open pages of a circuit that their practice was suspended, found by the next action's check, so the
/// layout can leave for the suspension notice instead of leaving a live page over a closed practice.
/// </summary>
public sealed class PracticeStateNotifier
{
    public event Action? Suspended;

    public bool IsSuspended { get; private set; }

    public void ReportSuspended()
    {
        IsSuspended = true;
        Suspended?.Invoke();
    }
}

/// <summary>Something asked of the practice by someone who may not (any more) do <see cref="Permission"/>.</summary>
public sealed class PracticeAccessDeniedException(PracticePermission permission, string? message = null)
    : UnauthorizedAccessException(message ?? "Your role in this practice does not allow this any more. Reload the page.")
{
    public PracticePermission Permission { get; } = permission;
}
