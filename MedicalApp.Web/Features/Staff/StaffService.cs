using System.Security.Cryptography;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
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
    PracticeChanges changes)
{
    public const string MemberNotFoundMessage = "This member does not exist in this practice.";

    private static readonly ChangeRule ChangeRoles = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can change roles.");

    private static readonly ChangeRule Deactivate = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can deactivate members.");

    private static readonly ChangeRule Reactivate = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can reactivate members.");

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
