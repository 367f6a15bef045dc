using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Email;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The practice's staff: adding people (a new account with a one-time temporary password, or an existing account as
/// a new member), roles, doctor profiles, deactivation and reactivation. Only owners and administrators change staff;
/// the owner can be neither deactivated nor demoted. Each change is one transaction with its audit event and mail.
/// </summary>
public sealed class StaffService(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    CurrentTenant currentTenant,
    PlanLimitService limits,
    MailOutbox outbox,
    PracticeAddresses addresses,
    TimeProvider clock)
{
    public const string InvitationPurpose = "StaffInvitation";

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageStaff, cancellationToken: cancellationToken);
        var members = await db.TenantMemberships.AsNoTracking()
            .OrderByDescending(m => m.IsActive).ThenBy(m => m.User!.FullName)
            .Select(m => new
            {
                m.Id, m.UserId, m.User!.FullName, m.User.Email, m.User.PhoneNumber, m.Roles, m.IsActive, m.User.MustChangePassword,
                Registration = m.DoctorProfile != null && m.DoctorProfile.IsActive ? m.DoctorProfile.RegistrationNumber : null,
            })
            .ToListAsync(cancellationToken);
        var invitations = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.Purpose == InvitationPurpose && e.RelatedUserId != null)
            .OrderBy(e => e.CreatedAtUtc)
            .Select(e => new { e.RelatedUserId, e.Status, e.LastError })
            .ToListAsync(cancellationToken);
        var latestInvitation = invitations.GroupBy(i => i.RelatedUserId!.Value).ToDictionary(g => g.Key, g => g.Last());
        return members.Select(m =>
        {
            var invitation = latestInvitation.GetValueOrDefault(m.UserId);
            return new StaffMember(m.Id, m.UserId, m.FullName, m.Email ?? "", m.PhoneNumber, m.Roles, m.IsActive, m.Registration,
                m.MustChangePassword, invitation?.Status, invitation?.LastError);
        }).ToList();
    }

    public async Task<StaffResult> AddMemberAsync(NewMemberForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = Validate(form);
        ValidateRoles(form.Roles, errors);
        if (form.Roles.HasFlag(PracticeRoles.Doctor))
        {
            ValidateDoctorDetails(form, errors);
        }

        if (errors.Count > 0)
        {
            return StaffResult.Invalid(errors);
        }

        var practice = currentTenant.Practice ?? throw new InvalidOperationException("Staff are managed inside a practice.");
        await using var scope = PracticeScope(practice);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can add staff.");
        }

        var email = form.Email.Trim();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null && await db.TenantMemberships.AnyAsync(m => m.UserId == existing.Id, cancellationToken))
        {
            var active = await db.TenantMemberships.AnyAsync(m => m.UserId == existing.Id && m.IsActive, cancellationToken);
            return StaffResult.Invalid(nameof(form.Email), active
                ? "This person is already a member of the practice."
                : "This person was a member of the practice: reactivate them in the staff list instead.");
        }

        var registration = NormalizeRegistration(form.RegistrationNumber);
        if (form.Roles.HasFlag(PracticeRoles.Doctor) && await db.DoctorProfiles.AnyAsync(d => d.RegistrationNumber == registration, cancellationToken))
        {
            return StaffResult.Invalid(nameof(form.RegistrationNumber), "Another doctor of this practice has this registration number.");
        }

        return await RefusalsAsMessagesAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (form.Roles.HasFlag(PracticeRoles.Doctor))
            {
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            string? temporaryPassword = null;
            var user = existing;
            if (user is null)
            {
                temporaryPassword = TemporaryPassword.Generate();
                user = new ApplicationUser
                {
                    UserName = email,
                    Email = email,
                    FullName = form.FullName.Trim(),
                    PhoneNumber = IndianMobileNumber.Normalize(form.Phone),
                    MustChangePassword = true,
                    CreatedAtUtc = now,
                };
                var created = await users.CreateAsync(user, temporaryPassword);
                if (!created.Succeeded)
                {
                    return StaffResult.Invalid(nameof(form.Email), string.Join(" ", created.Errors.Select(e => e.Description)));
                }
            }

            var membership = new TenantMembership { UserId = user.Id, Roles = form.Roles, IsActive = true, CreatedAtUtc = now };
            db.TenantMemberships.Add(membership);
            if (form.Roles.HasFlag(PracticeRoles.Doctor))
            {
                db.DoctorProfiles.Add(await NewDoctorProfileAsync(db, membership, form, now, cancellationToken));
            }

            outbox.Queue(db, Invitation(practice, user, form.Roles, temporaryPassword));
            db.AuditEvents.Add(Audit(editor, AuditActions.MemberAdded, membership.Id,
                $"{user.Email} as {string.Join(", ", PracticeRoleNames.Of(form.Roles))}{(existing is null ? "" : " (existing account)")}", now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.NotifyQueued();
            return existing is null
                ? StaffResult.Ok($"{user.FullName} can now sign in with the temporary password below; it was also emailed to {user.Email}.", temporaryPassword)
                : StaffResult.Ok($"{user.FullName} already had a MedicalApp account and was added to the practice. They sign in with their own password.", existing: true);
        });
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
            var registration = NormalizeRegistration(form.RegistrationNumber);
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
                    db.DoctorProfiles.Add(await NewDoctorProfileAsync(db, membership, form, now, cancellationToken));
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

    /// <summary>Queues an invitation that could not be delivered again; delivered ones are not re-sent.</summary>
    public async Task<StaffResult> ResendInvitationAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can re-send invitations.");
        }

        var invitation = await db.OutboxEmails.Where(e => e.Purpose == InvitationPurpose && e.RelatedUserId == userId)
            .OrderByDescending(e => e.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (invitation is null)
        {
            return StaffResult.Refused("There is no invitation for this member.");
        }

        if (invitation.Status == OutboxEmailStatus.Sent)
        {
            return StaffResult.Refused($"The invitation was delivered to {invitation.ToAddress}; it is not sent twice.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        invitation.Status = OutboxEmailStatus.Pending;
        invitation.Attempts = 0;
        invitation.NextAttemptAtUtc = now;
        invitation.LastError = null;
        db.AuditEvents.Add(Audit(editor, AuditActions.InvitationResent, invitation.Id, invitation.ToAddress, now));
        var result = await SaveAsync(db, $"The invitation to {invitation.ToAddress} will be sent again now.", cancellationToken);
        outbox.NotifyQueued();
        return result;
    }

    private static Task<StaffResult> SaveAsync(MedicalDbContext db, string message, CancellationToken cancellationToken) =>
        RefusalsAsMessagesAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            return StaffResult.Ok(message);
        });

    // A full plan or a read-only practice is an answer for the person at the screen, not an error.
    private static async Task<StaffResult> RefusalsAsMessagesAsync(Func<Task<StaffResult>> change)
    {
        try
        {
            return await change();
        }
        catch (PlanLimitExceededException refused)
        {
            return StaffResult.Refused(refused.Message);
        }
        catch (PracticeReadOnlyException readOnly)
        {
            return StaffResult.Refused(readOnly.Message);
        }
    }

    // A fresh scope per change: UserManager and its context must not live as long as a circuit.
    private AsyncServiceScope PracticeScope(TenantSnapshot practice)
    {
        var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
        return scope;
    }

    private static async Task<DoctorProfile> NewDoctorProfileAsync(
        MedicalDbContext db, TenantMembership membership, DoctorDetailsForm details, DateTime now, CancellationToken cancellationToken)
    {
        var profile = new DoctorProfile
        {
            Membership = membership,
            RegistrationNumber = NormalizeRegistration(details.RegistrationNumber),
            Specializations = details.Specialization!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Qualification = string.IsNullOrWhiteSpace(details.Qualification) ? null : details.Qualification.Trim(),
            ExperienceYears = details.ExperienceYears,
            ConsultationFee = details.ConsultationFee,
            ConsultationMinutes = details.ConsultationMinutes,
            CreatedAtUtc = now,
        };
        // A new doctor starts at the registered location; where and when they practise is edited on their profile.
        var location = await db.ClinicLocations.Where(l => l.IsActive)
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (location is { } locationId)
        {
            profile.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
        }

        return profile;
    }

    private EmailMessage Invitation(TenantSnapshot practice, ApplicationUser user, PracticeRoles roles, string? temporaryPassword)
    {
        var signIn = new Uri(addresses.PublicBaseUrl(practice.Slug), "Account/Login");
        var credentials = temporaryPassword is null
            ? "Sign in with your existing MedicalApp email and password."
            : $"Email: {user.Email}\nTemporary password: {temporaryPassword}\n\n" +
              "You will be asked to choose your own password when you first sign in; the temporary one then stops working.";
        var body =
            $"Hello {user.FullName},\n\n" +
            $"You have been added to {practice.Name} on MedicalApp as {string.Join(", ", PracticeRoleNames.Of(roles))}.\n\n" +
            $"Sign in at: {signIn}\n{credentials}\n\n" +
            "If you did not expect this message, you can ignore it.\n";
        return new EmailMessage(user.Email!, user.FullName, $"Your MedicalApp sign-in for {practice.Name}", body, InvitationPurpose, user.Id);
    }

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

    private static string NormalizeRegistration(string? value) => (value ?? "").Trim().ToUpperInvariant();

    private static Dictionary<string, string> Validate(object form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        var errors = new Dictionary<string, string>();
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                errors.TryAdd(member, result.ErrorMessage ?? "Check this field.");
            }
        }

        if (form is NewMemberForm { Phone: { Length: > 0 } phone } && IndianMobileNumber.Normalize(phone) is null)
        {
            errors[nameof(NewMemberForm.Phone)] = IndianMobileNumber.ErrorMessage;
        }

        return errors;
    }

    private static void ValidateRoles(PracticeRoles roles, Dictionary<string, string> errors)
    {
        if (roles.HasFlag(PracticeRoles.Owner))
        {
            errors[nameof(NewMemberForm.Roles)] = "The Owner role cannot be given; every practice has its owner from registration.";
        }
        else if ((roles & (PracticeRoles.Doctor | PracticeRoles.Receptionist | PracticeRoles.Nurse | PracticeRoles.Admin)) == PracticeRoles.None)
        {
            errors[nameof(NewMemberForm.Roles)] = "Choose at least one role.";
        }
    }

    private static void ValidateDoctorDetails(DoctorDetailsForm details, Dictionary<string, string> errors)
    {
        foreach (var (field, message) in Validate(details))
        {
            errors.TryAdd(field, message);
        }

        if (NormalizeRegistration(details.RegistrationNumber).Length is < 3 or > 50)
        {
            errors[nameof(DoctorDetailsForm.RegistrationNumber)] = "Enter the doctor's medical council registration number (3 to 50 characters).";
        }

        if (string.IsNullOrWhiteSpace(details.Specialization))
        {
            errors[nameof(DoctorDetailsForm.Specialization)] = "Enter at least one specialization (separate several with commas).";
        }

        if (decimal.Round(details.ConsultationFee, 2) != details.ConsultationFee)
        {
            errors[nameof(DoctorDetailsForm.ConsultationFee)] = "The fee can have at most two decimals (paise).";
        }
    }
}

/// <summary>One-time passwords for new accounts: 16 letters and digits without look-alikes, in groups of four.</summary>
public static class TemporaryPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Generate() =>
        string.Join('-', Enumerable.Range(0, 4).Select(_ => new string(RandomNumberGenerator.GetItems<char>(Alphabet, 4))));
}
