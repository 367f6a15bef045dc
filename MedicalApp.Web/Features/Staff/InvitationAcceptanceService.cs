using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
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

/// <summary>
/// What accepting a link came to beside done or refused: the link's state (an unknown, expired, used or withdrawn link
/// says which) and, once joined, who joined with which roles, for the page to sign them in.
/// </summary>
public sealed record InvitationAcceptance(InvitationState LinkState, ApplicationUser? User = null, PracticeRoles Roles = PracticeRoles.None);

/// <summary>
/// The invited person's side, at the practice's address: the link's token (looked up by its hash, inside the practice
/// of the address only) admits either a new person, who chooses a name and password, or the holder of the account the
/// address already has, who proves it with that account's password (the page checks it, with lockout). Either way the
/// membership starts with the roles and doctor details the administrator chose, the invitation is used up, and an
/// audit row is written, in one transaction holding the practice's lock (two tabs accepting at once join once). The
/// person is no member yet, so this is not a practice change of a member (<see cref="PracticeChanges"/>): it keeps its
/// own transaction, and its audit row names the person joining.
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
    public Task<ChangeResult<InvitationAcceptance>> AcceptAsNewPersonAsync(
        string? token, string fullName, string password, CancellationToken cancellationToken = default) =>
        AcceptAsync(token, async (users, invitation) =>
        {
            if (await users.FindByEmailAsync(invitation.Email) is not null)
            {
                return (null, ChangeResult.Refused(AccountExistsMessage));
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
            if (created.Succeeded)
            {
                return (user, null);
            }

            var message = string.Join(" ", created.Errors.Select(e => e.Description));
            return (null, created.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                ? ChangeResult.Invalid(PasswordField, message)
                : ChangeResult.Refused(message));
        }, cancellationToken);

    /// <summary>
    /// The account the invited address already has joins. The caller has proved it is that account's holder (checked
    /// its password); the address must be the invitation's.
    /// </summary>
    public Task<ChangeResult<InvitationAcceptance>> AcceptAsAccountAsync(string? token, Guid userId, CancellationToken cancellationToken = default) =>
        AcceptAsync(token, async (users, invitation) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            return user is not null && string.Equals(user.NormalizedEmail, invitation.NormalizedEmail, StringComparison.Ordinal)
                ? (user, null)
                : (null, ChangeResult.Refused("This invitation is for another email address."));
        }, cancellationToken);

    public const string AccountExistsMessage = "This email already has a MedicalApp account: enter its password below to join with it.";

    /// <summary>The field a password the account rules refuse is reported on.</summary>
    public const string PasswordField = "Password";

    private async Task<ChangeResult<InvitationAcceptance>> AcceptAsync(
        string? token,
        Func<UserManager<ApplicationUser>, StaffInvitation, Task<(ApplicationUser? User, ChangeResult? Failure)>> account,
        CancellationToken cancellationToken)
    {
        if (currentTenant.Practice is not { } practice || !InvitationToken.IsWellFormed(token))
        {
            return LinkRefused(InvitationState.Unknown);
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
                return LinkRefused(state);
            }

            var (user, failure) = await account(users, invitation!);
            if (failure is not null)
            {
                return failure;
            }

            // A practice changing this account (a one-time password) decides from the practices it belongs to: the join
            // waits for such a change, and such a change waits for the join and then sees it.
            await AccountLock.TakeAsync(db, user!.Id, cancellationToken);
            if (await db.PracticeMemberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
            {
                return ChangeResult.Refused("You are already a member of this practice: sign in instead.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            invitation!.Status = StaffInvitationStatus.Accepted;
            invitation.AcceptedAtUtc = now;
            invitation.AcceptedByUserId = user!.Id;
            await db.SaveChangesAsync(cancellationToken);

            var membership = new PracticeMembership { UserId = user.Id, Roles = invitation.Roles, IsActive = true, CreatedAtUtc = now };
            db.PracticeMemberships.Add(membership);
            if (invitation.Roles.HasFlag(PracticeRoles.Doctor))
            {
                // The seat the invitation held passes to the profile: counted without the (now used) invitation.
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
                var details = StaffRules.DoctorDetailsOf(invitation);
                var registration = DoctorProfileRules.NormalizeRegistrationNumber(details.RegistrationNumber);
                if (await DoctorProfiles.RegistrationNumberTakenAsync(db, registration, cancellationToken: cancellationToken))
                {
                    return ChangeResult.Refused("Another doctor of this practice now has the registration number of this invitation. Ask the practice's administrator to invite you again.");
                }

                DoctorProfiles.Create(db, membership, details, now, await DoctorProfiles.StartingLocationAsync(db, cancellationToken));
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
            return ChangeResult<InvitationAcceptance>.Done(new InvitationAcceptance(InvitationState.Valid, user, invitation.Roles));
        }
        catch (PlanLimitExceededException refused)
        {
            return ChangeResult.LimitReached(refused.Message + AskTheAdministrator);
        }
        catch (PracticeReadOnlyException refused)
        {
            return ChangeResult.ReadOnly(refused.Message + AskTheAdministrator);
        }
    }

    // The person joining cannot choose a plan: the practice's administrator can.
    private const string AskTheAdministrator = " Ask the practice's administrator.";

    private static ChangeResult<InvitationAcceptance> LinkRefused(InvitationState state) =>
        (state == InvitationState.Unknown ? ChangeResult.NotFound(MessageFor(state)) : ChangeResult.Refused(MessageFor(state)))
            .With(new InvitationAcceptance(state));

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
