using MedicalApp.Data.Plans;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// Adding staff: an administrator invites an email address with roles (and doctor details); the person joins by the
/// emailed one-time link (<see cref="InvitationAcceptanceService"/>). Whether the address already has a MedicalApp
/// account (say, as a member of another practice) is never looked at here: the answer, the mail, the audit row and the
/// staff list are the same either way, so adding staff cannot be used to find out who has an account (issue #8).
/// Pending doctor invitations hold a seat of the plan's doctor limit. Each change runs in one transaction holding the
/// practice's lock, with its audit row and its mail.
/// </summary>
public sealed class StaffInvitationService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    CurrentTenant currentTenant,
    PlanLimitService limits,
    MailOutbox outbox,
    PracticeAddresses addresses,
    ILookupNormalizer normalizer,
    TimeProvider clock)
{
    public const string EmailPurpose = "StaffInvitation";

    /// <summary>The practice's pending invitations (expired ones too, to be re-sent or revoked), oldest first.</summary>
    public async Task<IReadOnlyList<PendingInvitation>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageStaff, cancellationToken: cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.StaffInvitations.AsNoTracking()
            .Where(i => i.Status == StaffInvitationStatus.Pending)
            .OrderBy(i => i.CreatedAtUtc)
            .Select(i => new
            {
                i.Id, i.Email, i.FullName, i.Roles, i.ExpiresAtUtc,
                Mail = db.OutboxEmails.Where(e => e.Id == i.EmailId).Select(e => new { e.Status, e.LastError }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PendingInvitation(r.Id, r.Email, r.FullName, r.Roles, r.ExpiresAtUtc, r.ExpiresAtUtc <= now,
            r.Mail?.Status, r.Mail?.LastError)).ToList();
    }

    public async Task<StaffResult> InviteAsync(NewMemberForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = StaffRules.Validate(form);
        StaffRules.ValidateRoles(form.Roles, errors);
        if (form.Roles.HasFlag(PracticeRoles.Doctor))
        {
            StaffRules.ValidateDoctorDetails(form, errors);
        }

        if (errors.Count > 0)
        {
            return StaffResult.Invalid(errors);
        }

        var practice = currentTenant.Practice ?? throw new InvalidOperationException("Staff are invited inside a practice.");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can add staff.");
        }

        var email = form.Email.Trim();
        var normalizedEmail = normalizer.NormalizeEmail(email);
        return await StaffRules.RefusalsAsMessagesAsync(async () =>
        {
            await using var transaction = await PracticeLock.BeginAsync(db, cancellationToken);
            // Only this practice's own members and invitations are consulted (the tenant filter sees nothing else):
            // what the administrator learns here they can already read in their staff list.
            if (await db.TenantMemberships.Where(m => m.User!.NormalizedEmail == normalizedEmail)
                    .Select(m => (bool?)m.IsActive).FirstOrDefaultAsync(cancellationToken) is { } active)
            {
                return StaffResult.Invalid(nameof(form.Email), active
                    ? "This person is already a member of the practice."
                    : "This person was a member of the practice: reactivate them in the staff list instead.");
            }

            if (await db.StaffInvitations.AnyAsync(i => i.NormalizedEmail == normalizedEmail && i.Status == StaffInvitationStatus.Pending, cancellationToken))
            {
                return StaffResult.Invalid(nameof(form.Email), "This address already has a pending invitation: re-send or revoke it in the list below.");
            }

            var registration = DoctorProfileRules.NormalizeRegistrationNumber(form.RegistrationNumber);
            if (form.Roles.HasFlag(PracticeRoles.Doctor)
                && (await db.DoctorProfiles.AnyAsync(d => d.RegistrationNumber == registration, cancellationToken)
                    || await db.StaffInvitations.AnyAsync(i => i.Status == StaffInvitationStatus.Pending && i.RegistrationNumber == registration, cancellationToken)))
            {
                return StaffResult.Invalid(nameof(form.RegistrationNumber), "Another doctor of this practice has this registration number.");
            }

            if (form.Roles.HasFlag(PracticeRoles.Doctor))
            {
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var (token, hash) = InvitationToken.Create();
            var isDoctor = form.Roles.HasFlag(PracticeRoles.Doctor);
            var invitation = new StaffInvitation
            {
                Email = email,
                NormalizedEmail = normalizedEmail,
                FullName = form.FullName.Trim(),
                Phone = IndianMobileNumber.Normalize(form.Phone),
                Roles = form.Roles,
                RegistrationNumber = isDoctor ? registration : null,
                Specializations = isDoctor ? form.Specialization?.Trim() : null,
                Qualification = isDoctor && !string.IsNullOrWhiteSpace(form.Qualification) ? form.Qualification.Trim() : null,
                ExperienceYears = isDoctor ? form.ExperienceYears : 0,
                ConsultationFee = isDoctor ? form.ConsultationFee : 0,
                ConsultationMinutes = isDoctor ? form.ConsultationMinutes : DoctorProfile.DefaultConsultationMinutes,
                TokenHash = hash,
                ExpiresAtUtc = now + InvitationToken.Lifetime,
                Status = StaffInvitationStatus.Pending,
                InvitedByUserId = editor.UserId,
                CreatedAtUtc = now,
            };
            db.StaffInvitations.Add(invitation);
            invitation.EmailId = outbox.Queue(db, Mail(practice, invitation, token)).Id;
            db.AuditEvents.Add(Audit(editor, AuditActions.InvitationSent, invitation, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.NotifyQueued();
            return StaffResult.Ok(SentMessage(invitation));
        });
    }

    /// <summary>
    /// Sends a new link (the old one stops working: only hashes are kept, so the old link cannot be mailed again) valid
    /// for another <see cref="InvitationToken.Lifetime"/>. Also how an expired invitation is renewed; a doctor's
    /// expired invitation needs its seat back first.
    /// </summary>
    public async Task<StaffResult> ResendAsync(Guid invitationId, CancellationToken cancellationToken = default)
    {
        var practice = currentTenant.Practice ?? throw new InvalidOperationException("Staff are invited inside a practice.");
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can re-send invitations.");
        }

        return await StaffRules.RefusalsAsMessagesAsync(async () =>
        {
            await using var transaction = await PracticeLock.BeginAsync(db, cancellationToken);
            var invitation = await db.StaffInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.Status == StaffInvitationStatus.Pending, cancellationToken);
            if (invitation is null)
            {
                return StaffResult.Refused(NotPendingMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (invitation.ExpiresAtUtc <= now && invitation.Roles.HasFlag(PracticeRoles.Doctor))
            {
                // An expired doctor's invitation gave its seat back; renewing it takes one again.
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors, 1, cancellationToken);
            }

            var (token, hash) = InvitationToken.Create();
            invitation.TokenHash = hash;
            invitation.ExpiresAtUtc = now + InvitationToken.Lifetime;
            invitation.EmailId = outbox.Queue(db, Mail(practice, invitation, token)).Id;
            db.AuditEvents.Add(Audit(editor, AuditActions.InvitationResent, invitation, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.NotifyQueued();
            return StaffResult.Ok(SentMessage(invitation));
        });
    }

    /// <summary>Withdraws a pending invitation: its link stops working and a doctor's seat is free again.</summary>
    public async Task<StaffResult> RevokeAsync(Guid invitationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await EditorAsync(db, cancellationToken) is not { } editor)
        {
            return StaffResult.Refused("Only the practice's owner and administrators can revoke invitations.");
        }

        return await StaffRules.RefusalsAsMessagesAsync(async () =>
        {
            await using var transaction = await PracticeLock.BeginAsync(db, cancellationToken);
            var invitation = await db.StaffInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.Status == StaffInvitationStatus.Pending, cancellationToken);
            if (invitation is null)
            {
                return StaffResult.Refused(NotPendingMessage);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            invitation.Status = StaffInvitationStatus.Revoked;
            invitation.RevokedAtUtc = now;
            db.AuditEvents.Add(Audit(editor, AuditActions.InvitationRevoked, invitation, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return StaffResult.Ok($"The invitation to {invitation.Email} was revoked; its link no longer works.");
        });
    }

    public const string NotPendingMessage = "This invitation is not pending in this practice (it was accepted or revoked meanwhile).";

    /// <summary>The one answer to an invitation, whoever the address belongs to: built only from what was typed.</summary>
    private static string SentMessage(StaffInvitation invitation) =>
        $"Invitation sent to {invitation.Email} for {invitation.FullName}. The link in it works once, for {InvitationToken.Lifetime.TotalDays:0} days; " +
        "until then the invitation is listed as pending.";

    private EmailMessage Mail(TenantSnapshot practice, StaffInvitation invitation, string token)
    {
        // From configuration only (Email:PublicBaseUrl, the practice's address), never from the request's Host header.
        var link = new Uri(addresses.PublicBaseUrl(practice.Slug), $"Account/AcceptInvitation?token={token}");
        var body =
            $"Hello {invitation.FullName},\n\n" +
            $"{practice.Name} invites you to join its team on MedicalApp as {string.Join(", ", PracticeRoleNames.Of(invitation.Roles))}.\n\n" +
            $"To accept, open:\n\n{link}\n\n" +
            $"If you already have a MedicalApp account with this email, you sign in with it there; otherwise you choose your password there.\n" +
            $"The link works once, until {invitation.ExpiresAtUtc:d MMM yyyy HH:mm} UTC. If you did not expect this message, you can ignore it.\n";
        // No account id is related to the message: the outbox must not record whether the address has one.
        return new EmailMessage(invitation.Email, invitation.FullName, $"Join {practice.Name} on MedicalApp", body, EmailPurpose);
    }

    private static AuditEvent Audit(PracticeActor editor, string action, StaffInvitation invitation, DateTime now) =>
        editor.Audit(action, now, nameof(StaffInvitation), invitation.Id.ToString(),
            $"{invitation.Email} as {string.Join(", ", PracticeRoleNames.Of(invitation.Roles))}");

    /// <summary>The administrator acting, as the database has them now; null when they may not manage staff (any more).</summary>
    private async Task<PracticeActor?> EditorAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        await actors.ReadAsync(db, cancellationToken) is { } actor && actor.May(PracticePermission.ManageStaff) ? actor : null;
}
