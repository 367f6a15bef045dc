using MedicalApp.Data.Plans;
using System.Security.Cryptography;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

using static MedicalApp.Web.Features.Staff.StaffRules;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The practice's members: the list, roles, doctor profiles, deactivation and reactivation. Only owners and
/// administrators change staff; the owner can be neither deactivated nor demoted. Each change is one transaction with
/// its audit event. New people join through invitations (<see cref="StaffInvitationService"/>).
/// </summary>
public sealed class StaffService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PlanLimitService limits,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageStaff, cancellationToken: cancellationToken);
        return await db.TenantMemberships.AsNoTracking()
            .OrderByDescending(m => m.IsActive).ThenBy(m => m.User!.FullName)
            .Select(m => new StaffMember(
                m.Id, m.UserId, m.User!.FullName, m.User.Email ?? "", m.User.PhoneNumber, m.Roles, m.IsActive,
                m.DoctorProfile != null && m.DoctorProfile.IsActive ? m.DoctorProfile.RegistrationNumber : null,
                m.User.MustChangePassword))
            .ToListAsync(cancellationToken);
    }

    public async Task<StaffResult> ChangeRolesAsync(Guid membershipId, MemberRolesForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can change roles.");
        }

        var membership = await db.TenantMemberships.Include(m => m.User).Include(m => m.DoctorProfile)
            .FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return StaffResult.Refused("This member does not exist in this practice.");
        }

        var isOwner = membership.Roles.HasFlag(PracticeRoles.Owner);
        if (membership.UserId == editor.UserId && !isOwner)
        {
            return StaffResult.Refused("You cannot change your own roles; ask the owner or another administrator.");
        }

        var errors = new Dictionary<string, string>();
        // The owner keeps Owner whatever is asked; nobody else can be given it.
        var roles = (form.Roles & ~PracticeRoles.Owner) | (isOwner ? PracticeRoles.Owner : PracticeRoles.None);
        if (!isOwner)
        {
            ValidateRoles(roles, errors);
        }

        var addsDoctor = roles.HasFlag(PracticeRoles.Doctor) && !(membership.Roles.HasFlag(PracticeRoles.Doctor) && membership.DoctorProfile?.IsActive == true);
        if (addsDoctor && membership.DoctorProfile is null)
        {
            ValidateDoctorDetails(form, errors);
            var registration = DoctorProfileRules.NormalizeRegistrationNumber(form.RegistrationNumber);
            if (!errors.ContainsKey(nameof(form.RegistrationNumber))
                && await db.DoctorProfiles.AnyAsync(d => d.RegistrationNumber == registration, cancellationToken))
            {
                errors[nameof(form.RegistrationNumber)] = "Another doctor of this practice has this registration number.";
            }
        }

        if (errors.Count > 0)
        {
            return StaffResult.Invalid(errors);
        }

        return await RefusalsAsMessagesAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (addsDoctor && membership.IsActive)
            {
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
            }

            if (addsDoctor)
            {
                if (membership.DoctorProfile is { } profile)
                {
                    profile.IsActive = true;
                }
                else
                {
                    db.DoctorProfiles.Add(await StaffRules.NewDoctorProfileAsync(db, membership, form, now, cancellationToken));
                }
            }
            else if (!roles.HasFlag(PracticeRoles.Doctor) && membership.DoctorProfile is { IsActive: true } former)
            {
                // Kept for history (prescriptions will point at it); inactive, it no longer counts against the plan.
                former.IsActive = false;
            }

            var before = string.Join(", ", PracticeRoleNames.Of(membership.Roles));
            membership.Roles = roles;
            RenewSecurityStamp(membership.User!);
            db.AuditEvents.Add(Audit(editor, AuditActions.MemberChanged, membership.Id,
                $"{membership.User!.Email}: {before} → {string.Join(", ", PracticeRoleNames.Of(roles))}", now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return StaffResult.Ok($"Roles of {membership.User.FullName} saved.");
        });
    }

    public async Task<StaffResult> DeactivateAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can deactivate members.");
        }

        var membership = await db.TenantMemberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return StaffResult.Refused("This member does not exist in this practice.");
        }

        if (membership.Roles.HasFlag(PracticeRoles.Owner))
        {
            return StaffResult.Refused("The practice's owner cannot be deactivated.");
        }

        if (membership.UserId == editor.UserId)
        {
            return StaffResult.Refused("You cannot deactivate yourself.");
        }

        if (!membership.IsActive)
        {
            return StaffResult.Ok($"{membership.User!.FullName} is already deactivated.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        membership.IsActive = false;
        membership.DeactivatedAtUtc = now;
        RenewSecurityStamp(membership.User!);
        db.AuditEvents.Add(Audit(editor, AuditActions.MemberDeactivated, membership.Id, membership.User!.Email, now));
        return await SaveAsync(db, $"{membership.User.FullName} can no longer sign in to this practice.", cancellationToken);
    }

    public async Task<StaffResult> ReactivateAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can reactivate members.");
        }

        var membership = await db.TenantMemberships.Include(m => m.User).Include(m => m.DoctorProfile)
            .FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (membership is null)
        {
            return StaffResult.Refused("This member does not exist in this practice.");
        }

        if (membership.IsActive)
        {
            return StaffResult.Ok($"{membership.User!.FullName} is already active.");
        }

        return await RefusalsAsMessagesAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (membership.DoctorProfile is { IsActive: true })
            {
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            membership.IsActive = true;
            membership.DeactivatedAtUtc = null;
            db.AuditEvents.Add(Audit(editor, AuditActions.MemberReactivated, membership.Id, membership.User!.Email, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return StaffResult.Ok($"{membership.User.FullName} can sign in to this practice again.");
        });
    }

    private static Task<StaffResult> SaveAsync(MedicalDbContext db, string message, CancellationToken cancellationToken) =>
        RefusalsAsMessagesAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            return StaffResult.Ok(message);
        });

    private static AuditEvent Audit(PracticeActor editor, string action, Guid entityId, string? details, DateTime now) =>
        editor.Audit(action, now, nameof(TenantMembership), entityId.ToString(), details);

    /// <summary>The administrator acting, as the database has them now; null when they may not manage staff (any more).</summary>
    private async Task<PracticeActor?> EditorAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        await actors.ReadAsync(db, cancellationToken) is { } actor && actor.May(PracticePermission.ManageStaff) ? actor : null;

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
