using System.Security.Cryptography;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The practice's members: the list, roles, doctor profiles, deactivation and reactivation. Only owners and
/// administrators change staff; the owner can be neither deactivated nor demoted. Each change runs in the practice
/// change frame (one transaction under the practice lock, with its audit row). New people join through invitations
/// (<see cref="StaffInvitationService"/>).
/// </summary>
public sealed class StaffService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    PlatformDbContextFactory platformFactory,
    IPasswordHasher<ApplicationUser> passwordHasher,
    MailOutbox outbox,
    PracticeAddresses addresses)
{
    public const string MemberNotFoundMessage = "This member does not exist in this practice.";

    private static readonly ChangeRule ChangeRoles = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can change roles.");

    private static readonly ChangeRule Deactivate = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can deactivate members.");

    private static readonly ChangeRule Reactivate = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can reactivate members.");

    private static readonly ChangeRule EditDetails = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can change a member's name and mobile.");

    private static readonly ChangeRule IssuePassword = new(PracticePermission.IssueMemberPasswords, "Only the practice's owner can issue a new one-time password.");

    /// <summary>Why a person who is also in another practice keeps their name, mobile and password out of this one's hands.</summary>
    public const string SharedAccountMessage =
        "{0} also belongs to another practice on MedicalApp, so their account is not this practice's alone to change. " +
        "They can change it themselves from their profile, or use \"Forgot your password?\" on the sign-in page.";

    /// <summary>Letters and digits that cannot be mistaken for each other when read off a screen (no 0/O, 1/l/I).</summary>
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageStaff, cancellationToken: cancellationToken);
        return await db.PracticeMemberships.AsNoTracking()
            .OrderByDescending(m => m.IsActive).ThenBy(m => m.User!.FullName)
            .Select(m => new StaffMember(
                m.Id, m.UserId, m.User!.FullName, m.User.Email ?? "", m.User.PhoneNumber, m.Roles, m.IsActive,
                m.DoctorProfile != null && m.DoctorProfile.IsActive ? m.DoctorProfile.RegistrationNumber : null,
                m.DoctorProfile != null,
                m.User.MustChangePassword))
            .ToListAsync(cancellationToken);
    }

    public Task<ChangeResult> ChangeRolesAsync(Guid membershipId, MemberRolesForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return changes.RunAsync(ChangeRoles, async change =>
        {
            var membership = await change.Db.PracticeMemberships.Include(m => m.User).Include(m => m.DoctorProfile)
                .FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (membership is null)
            {
                return ChangeResult.NotFound(MemberNotFoundMessage);
            }

            var isOwner = membership.Roles.HasFlag(PracticeRoles.Owner);
            if (membership.UserId == change.Actor.UserId && !isOwner)
            {
                return ChangeResult.Refused("You cannot change your own roles; ask the owner or another administrator.");
            }

            // The owner keeps Owner whatever is asked; nobody else can be given it.
            var roles = (form.Roles & ~PracticeRoles.Owner) | (isOwner ? PracticeRoles.Owner : PracticeRoles.None);
            var addsDoctor = roles.HasFlag(PracticeRoles.Doctor)
                && !(membership.Roles.HasFlag(PracticeRoles.Doctor) && membership.DoctorProfile?.IsActive == true);
            var makesProfile = addsDoctor && membership.DoctorProfile is null;
            if (StaffRules.Check(form, isOwner, makesProfile) is { } invalid)
            {
                return invalid;
            }

            var registration = DoctorProfileRules.NormalizeRegistrationNumber(form.Doctor.RegistrationNumber);
            if (makesProfile && await DoctorProfiles.RegistrationNumberTakenAsync(change.Db, registration, cancellationToken: cancellationToken))
            {
                return ChangeResult.Invalid(DoctorFields.RegistrationNumber, DoctorProfileRules.DuplicateRegistrationNumber(registration));
            }

            if (addsDoctor && membership.IsActive)
            {
                await change.EnsureRoomForAsync(LimitedResource.Doctors, 1, cancellationToken);
            }

            if (membership.DoctorProfile is { } profile && addsDoctor)
            {
                profile.IsActive = true;
            }
            else if (makesProfile)
            {
                DoctorProfiles.Create(change.Db, membership, form.Doctor, change.NowUtc, await DoctorProfiles.StartingLocationAsync(change.Db, cancellationToken));
            }
            else if (!roles.HasFlag(PracticeRoles.Doctor) && membership.DoctorProfile is { IsActive: true } former)
            {
                // Kept for history (prescriptions will point at it); inactive, it no longer counts against the plan.
                former.IsActive = false;
            }

            var before = string.Join(", ", PracticeRoleNames.Of(membership.Roles));
            membership.Roles = roles;
            RenewSecurityStamp(membership.User!);
            change.Audit(AuditActions.MemberChanged, nameof(PracticeMembership), membership.Id,
                $"{membership.User!.Email}: {before} → {string.Join(", ", PracticeRoleNames.Of(roles))}");
            return ChangeResult.Done($"Roles of {membership.User.FullName} saved.");
        }, cancellationToken);
    }

    public Task<ChangeResult> DeactivateAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Deactivate, async change =>
        {
            var membership = await change.Db.PracticeMemberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (membership is null)
            {
                return ChangeResult.NotFound(MemberNotFoundMessage);
            }

            if (membership.Roles.HasFlag(PracticeRoles.Owner))
            {
                return ChangeResult.Refused("The practice's owner cannot be deactivated.");
            }

            if (membership.UserId == change.Actor.UserId)
            {
                return ChangeResult.Refused("You cannot deactivate yourself.");
            }

            if (!membership.IsActive)
            {
                return ChangeResult.Unchanged($"{membership.User!.FullName} is already deactivated.");
            }

            membership.IsActive = false;
            membership.DeactivatedAtUtc = change.NowUtc;
            RenewSecurityStamp(membership.User!);
            change.Audit(AuditActions.MemberDeactivated, nameof(PracticeMembership), membership.Id, membership.User!.Email);
            return ChangeResult.Done($"{membership.User.FullName} can no longer sign in to this practice.");
        }, cancellationToken);

    public Task<ChangeResult> ReactivateAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Reactivate, async change =>
        {
            var membership = await change.Db.PracticeMemberships.Include(m => m.User).Include(m => m.DoctorProfile)
                .FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (membership is null)
            {
                return ChangeResult.NotFound(MemberNotFoundMessage);
            }

            if (membership.IsActive)
            {
                return ChangeResult.Unchanged($"{membership.User!.FullName} is already active.");
            }

            if (membership.DoctorProfile is { IsActive: true })
            {
                await change.EnsureRoomForAsync(LimitedResource.Doctors, 1, cancellationToken);
            }

            membership.IsActive = true;
            membership.DeactivatedAtUtc = null;
            change.Audit(AuditActions.MemberReactivated, nameof(PracticeMembership), membership.Id, membership.User!.Email);
            return ChangeResult.Done($"{membership.User.FullName} can sign in to this practice again.");
        }, cancellationToken);

    /// <summary>
    /// Corrects a member's name and mobile (the same rules as adding staff). The name and mobile are the person's
    /// account, which every practice they belong to sees, so a member who is also in another practice is refused: one
    /// practice must not rename someone in another's records.
    /// </summary>
    public Task<ChangeResult> ChangeDetailsAsync(Guid membershipId, MemberDetailsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return changes.RunAsync(EditDetails, async change =>
        {
            var errors = new Dictionary<string, string>();
            if (StaffRules.FullNameError(form.FullName) is { } nameError)
            {
                errors[nameof(form.FullName)] = nameError;
            }

            if (StaffRules.PhoneError(form.Phone) is { } phoneError)
            {
                errors[nameof(form.Phone)] = phoneError;
            }

            if (errors.Count > 0)
            {
                return ChangeResult.Invalid(errors);
            }

            var membership = await change.Db.PracticeMemberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (membership is null)
            {
                return ChangeResult.NotFound(MemberNotFoundMessage);
            }

            var user = membership.User!;
            await AccountLock.TakeAsync(change.Db, user.Id, cancellationToken);
            if (await BelongsElsewhereAsync(user.Id, change.Actor.PracticeId, cancellationToken))
            {
                return ChangeResult.Refused(string.Format(System.Globalization.CultureInfo.InvariantCulture, SharedAccountMessage, user.FullName));
            }

            var name = form.FullName.Trim();
            var phone = string.IsNullOrWhiteSpace(form.Phone) ? null : IndianMobileNumber.Normalize(form.Phone);
            if (name == user.FullName && phone == user.PhoneNumber)
            {
                return ChangeResult.Unchanged("Nothing to save: the name and mobile are as they were.");
            }

            var before = $"{user.FullName}, {user.PhoneNumber ?? "no mobile"}";
            user.FullName = name;
            user.PhoneNumber = phone;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            change.Audit(AuditActions.MemberDetailsChanged, nameof(PracticeMembership), membership.Id,
                $"{user.Email}: {before} → {name}, {phone ?? "no mobile"}");
            return ChangeResult.Done($"{name}'s details saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// The owner issues a member a new one-time password: generated here, returned once for the owner to hand over,
    /// emailed through the practice's outbox when <paramref name="email"/> is set; the member must choose their own at
    /// the next sign-in, and every session they have open is signed out (a new security stamp). Refused for the owner's
    /// own account (they change it themselves) and for a member who also belongs to another practice: taking over an
    /// account that another practice relies on (perhaps its owner) is not one practice's decision.
    /// </summary>
    public Task<ChangeResult<IssuedPassword>> IssueOneTimePasswordAsync(Guid membershipId, bool email, CancellationToken cancellationToken = default) =>
        changes.RunAsync<IssuedPassword>(IssuePassword, async change =>
        {
            var membership = await change.Db.PracticeMemberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (membership is null)
            {
                return ChangeResult.NotFound(MemberNotFoundMessage);
            }

            var user = membership.User!;
            if (membership.UserId == change.Actor.UserId)
            {
                return ChangeResult.Refused("You cannot issue yourself a one-time password; change your password from your profile.");
            }

            if (!membership.IsActive)
            {
                return ChangeResult.Refused($"{user.FullName} is deactivated: reactivate them first.");
            }

            await AccountLock.TakeAsync(change.Db, user.Id, cancellationToken);
            if (await BelongsElsewhereAsync(user.Id, change.Actor.PracticeId, cancellationToken))
            {
                return ChangeResult.Refused(string.Format(System.Globalization.CultureInfo.InvariantCulture, SharedAccountMessage, user.FullName));
            }

            var password = NewOneTimePassword();
            user.PasswordHash = passwordHasher.HashPassword(user, password);
            user.MustChangePassword = true;
            // A member locked out by failed attempts is usually why the owner is here: the new password works at once.
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            RenewSecurityStamp(user);
            if (email && user.Email is { } address)
            {
                var practiceName = await change.Db.Practices.Where(t => t.Id == change.Actor.PracticeId).Select(t => new { t.Name, t.Slug }).SingleAsync(cancellationToken);
                outbox.Queue(change.Db, new EmailMessage(address, user.FullName, $"Your new one-time password for {practiceName.Name}",
                    $"Hello {user.FullName},\n\n{change.Actor.FullName} has issued you a new one-time password for {practiceName.Name} on MedicalApp:\n\n" +
                    $"  {password}\n\nSign in at {new Uri(addresses.PublicBaseUrl(practiceName.Slug), "Account/Login")} with your email and this " +
                    "password; you will then choose a password of your own. Your earlier password no longer works.\n", OneTimePasswordPurpose, user.Id));
                change.AfterCommit(outbox.NotifyQueued);
            }

            change.Audit(AuditActions.MemberPasswordIssued, nameof(PracticeMembership), membership.Id,
                $"{user.Email}: one-time password issued{(email ? " and emailed" : "")}; must change it at next sign-in");
            return ChangeResult<IssuedPassword>.Done(new IssuedPassword(password, email),
                $"{user.FullName} has a new one-time password{(email ? ", emailed to them" : "")}.");
        }, cancellationToken);

    public const string OneTimePasswordPurpose = "MemberOneTimePassword";

    /// <summary>16 characters from an unambiguous alphabet, in groups of four for reading aloud: about 92 bits.</summary>
    internal static string NewOneTimePassword()
    {
        var characters = RandomNumberGenerator.GetItems<char>(PasswordAlphabet, 16);
        return string.Join('-', Enumerable.Range(0, 4).Select(group => new string(characters, group * 4, 4)));
    }

    /// <summary>
    /// Whether the account has a membership (active or not) in any practice other than this one: read across practices on
    /// the platform path, so outside the change's transaction; the caller holds the <see cref="AccountLock"/>, so no join
    /// can be committed between this read and the change's commit.
    /// </summary>
    private async Task<bool> BelongsElsewhereAsync(Guid userId, Guid practiceId, CancellationToken cancellationToken)
    {
        await using var platform = platformFactory.CreateDbContext();
        return await platform.PracticeMemberships.IgnoreQueryFilters([MedicalDbContext.TenantFilter])
            .AnyAsync(m => m.UserId == userId && m.TenantId != practiceId, cancellationToken);
    }

    /// <summary>
    /// A changed role or an ended membership renews the member's security stamp in the same transaction: their other
    /// sessions are signed out at the next check (revalidation of open pages, the cookie's own validation), while every
    /// action they try meanwhile is already decided from the roles in the database.
    /// </summary>
    private static void RenewSecurityStamp(ApplicationUser user)
    {
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
