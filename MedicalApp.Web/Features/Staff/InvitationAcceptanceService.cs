using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Staff;

public enum InvitationState
{
    Valid,

    /// <summary>No invitation of this practice has this token (mistyped, another practice's, or replaced by a re-send).</summary>
    Unknown,
    Expired,
    Used,
    Revoked,
}

/// <summary>What the accept page shows for a link; <see cref="HasAccount"/> only to the holder of a valid link.</summary>
public sealed record InvitationView(InvitationState State, string PracticeName, string? Email, string? InvitedName, PracticeRoles Roles, bool HasAccount);

public sealed record AcceptanceResult(bool Succeeded, InvitationState State, IReadOnlyDictionary<string, string> Errors, string? Message,
    ApplicationUser? User = null, PracticeRoles Roles = PracticeRoles.None)
{
    public static AcceptanceResult Ok(ApplicationUser user, PracticeRoles roles) => new(true, InvitationState.Valid, new Dictionary<string, string>(), null, user, roles);

    public static AcceptanceResult Invalid(InvitationState state) =>
        new(false, state, new Dictionary<string, string>(), InvitationAcceptanceService.MessageFor(state));

    public static AcceptanceResult Refused(string message, string? field = null) =>
        new(false, InvitationState.Valid, field is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [field] = message }, field is null ? message : null);
}

/// <summary>
/// The invited person's side, at the practice's address: the link's token (looked up by its hash, inside the practice
/// of the address only) admits either a new person, who chooses a name and password, or the holder of the account the
/// address already has, who proves it with that account's password (the page checks it, with lockout). Either way the
/// membership starts with the roles and doctor details the administrator chose, the invitation is used up, and an
/// audit row is written, in one transaction holding the practice's lock (two tabs accepting at once join once).
/// </summary>
public sealed class InvitationAcceptanceService(
    IServiceScopeFactory scopeFactory,
    CurrentTenant currentTenant,
    PlanLimitService limits,
    ClientAddress clientAddress,
    TimeProvider clock)
{
    public static string MessageFor(InvitationState state) => state switch
    {
        InvitationState.Expired => "This invitation has expired (a link works for 7 days). Ask the practice's administrator to send it again.",
        InvitationState.Used => "This invitation has already been used: it works once. If you joined, sign in instead.",
        InvitationState.Revoked => "This invitation was withdrawn by the practice. Ask its administrator if you should still join.",
        InvitationState.Valid => "",
        _ => "This invitation link is not valid. Check that you opened the whole link from the latest email, or ask the practice's administrator to send it again.",
    };

    public async Task<InvitationView> ReadAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (currentTenant.Practice is not { } practice)
        {
            // The root has no practice, so no invitation either (links always name the practice's address).
            return new InvitationView(InvitationState.Unknown, "MedicalApp", null, null, PracticeRoles.None, false);
        }

        await using var scope = PracticeScope(practice);
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        var invitation = await FindAsync(db, token, cancellationToken);
        var state = StateOf(invitation);
        if (state != InvitationState.Valid)
        {
            return new InvitationView(state, practice.Name, null, null, PracticeRoles.None, false);
        }

        var hasAccount = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(invitation!.Email) is not null;
        return new InvitationView(state, practice.Name, invitation.Email, invitation.FullName, invitation.Roles, hasAccount);
    }

    /// <summary>A new person joins: their account is made here, with the name and password they chose.</summary>
    public Task<AcceptanceResult> AcceptAsNewPersonAsync(string? token, string fullName, string password, CancellationToken cancellationToken = default) =>
        AcceptAsync(token, async (users, invitation) =>
        {
            if (await users.FindByEmailAsync(invitation.Email) is not null)
            {
                return (null, AcceptanceResult.Refused(AccountExistsMessage));
            }

            var user = new ApplicationUser
            {
                UserName = invitation.Email,
                Email = invitation.Email,
                EmailConfirmed = true, // the link came to this mailbox
                FullName = fullName.Trim(),
                PhoneNumber = invitation.Phone,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, password);
            return created.Succeeded
                ? (user, null)
                : (null, AcceptanceResult.Refused(string.Join(" ", created.Errors.Select(e => e.Description)),
                    created.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "Password" : null));
        }, cancellationToken);

    /// <summary>
    /// The account the invited address already has joins. The caller has proved it is that account's holder (checked
    /// its password); the address must be the invitation's.
    /// </summary>
    public Task<AcceptanceResult> AcceptAsAccountAsync(string? token, Guid userId, CancellationToken cancellationToken = default) =>
        AcceptAsync(token, async (users, invitation) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            return user is not null && string.Equals(user.NormalizedEmail, invitation.NormalizedEmail, StringComparison.Ordinal)
                ? (user, null)
                : (null, AcceptanceResult.Refused("This invitation is for another email address."));
        }, cancellationToken);

    public const string AccountExistsMessage = "This email already has a MedicalApp account: enter its password below to join with it.";

    private async Task<AcceptanceResult> AcceptAsync(
        string? token,
        Func<UserManager<ApplicationUser>, StaffInvitation, Task<(ApplicationUser? User, AcceptanceResult? Failure)>> account,
        CancellationToken cancellationToken)
    {
        if (currentTenant.Practice is not { } practice || !InvitationToken.IsWellFormed(token))
        {
            return AcceptanceResult.Invalid(InvitationState.Unknown);
        }

        // One scope: UserManager saves through the same context, so the new account is inside this transaction too.
        await using var scope = PracticeScope(practice);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        try
        {
            await using var transaction = await PracticeLock.BeginAsync(db, cancellationToken);
            // Read under the practice's lock: a second acceptance of the same link waits here and then sees it used.
            var invitation = await FindAsync(db, token, cancellationToken);
            if (StateOf(invitation) is not InvitationState.Valid and var state)
            {
                return AcceptanceResult.Invalid(state);
            }

            var (user, failure) = await account(users, invitation!);
            if (failure is not null)
            {
                return failure;
            }

            if (await db.TenantMemberships.AnyAsync(m => m.UserId == user!.Id, cancellationToken))
            {
                return AcceptanceResult.Refused("You are already a member of this practice: sign in instead.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            invitation!.Status = StaffInvitationStatus.Accepted;
            invitation.AcceptedAtUtc = now;
            invitation.AcceptedByUserId = user!.Id;
            await db.SaveChangesAsync(cancellationToken);

            var membership = new TenantMembership { UserId = user.Id, Roles = invitation.Roles, IsActive = true, CreatedAtUtc = now };
            db.TenantMemberships.Add(membership);
            if (invitation.Roles.HasFlag(PracticeRoles.Doctor))
            {
                // The seat the invitation held passes to the profile: counted without the (now used) invitation.
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
                var details = StaffRules.DoctorDetailsOf(invitation);
                var registration = DoctorProfileRules.NormalizeRegistrationNumber(details.RegistrationNumber);
                if (await db.DoctorProfiles.AnyAsync(d => d.RegistrationNumber == registration, cancellationToken))
                {
                    return AcceptanceResult.Refused("Another doctor of this practice now has the registration number of this invitation. Ask the practice's administrator to invite you again.");
                }

                db.DoctorProfiles.Add(await StaffRules.NewDoctorProfileAsync(db, membership, details, now, cancellationToken));
            }

            db.AuditEvents.Add(new AuditEvent
            {
                UserId = user.Id,
                UserEmail = user.Email,
                Action = AuditActions.InvitationAccepted,
                EntityType = nameof(StaffInvitation),
                EntityId = invitation.Id.ToString(),
                IpAddress = clientAddress.Value,
                Details = $"Joined as {string.Join(", ", PracticeRoleNames.Of(invitation.Roles))}",
                OccurredAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return AcceptanceResult.Ok(user, invitation.Roles);
        }
        catch (Exception refused) when (refused is PlanLimitExceededException or PracticeReadOnlyException)
        {
            return AcceptanceResult.Refused(refused.Message + " Ask the practice's administrator.");
        }
    }

    private static async Task<StaffInvitation?> FindAsync(MedicalDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!InvitationToken.IsWellFormed(token))
        {
            return null;
        }

        var hash = InvitationToken.Hash(token!);
        return await db.StaffInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    private InvitationState StateOf(StaffInvitation? invitation) => invitation switch
    {
        null => InvitationState.Unknown,
        { Status: StaffInvitationStatus.Accepted } => InvitationState.Used,
        { Status: StaffInvitationStatus.Revoked } => InvitationState.Revoked,
        _ when invitation.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime => InvitationState.Expired,
        _ => InvitationState.Valid,
    };

    // A fresh scope per operation: UserManager and its context must not outlive it.
    private AsyncServiceScope PracticeScope(TenantSnapshot practice)
    {
        var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
        return scope;
    }
}
