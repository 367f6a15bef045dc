using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
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
/// Adding staff: an administrator invites an email address with roles (and doctor details); the person joins by the
/// emailed one-time link (<see cref="InvitationAcceptanceService"/>). Whether the address already has a MedicalApp
/// account (say, as a member of another practice) is never looked at here: the answer, the mail, the audit row and the
/// staff list are the same either way, so adding staff cannot be used to find out who has an account (issue #8).
/// Pending doctor invitations hold a seat of the plan's doctor limit. Each change runs in the practice change frame
/// (one transaction holding the practice's lock), with its audit row and its mail.
/// </summary>
public sealed class StaffInvitationService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    CurrentTenant currentTenant,
    MailOutbox outbox,
    PracticeAddresses addresses,
    ILookupNormalizer normalizer,
    TimeProvider clock)
{
    public const string EmailPurpose = "StaffInvitation";

    private static readonly ChangeRule Invite = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can add staff.");

    private static readonly ChangeRule Resend = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can re-send invitations.");

    private static readonly ChangeRule Revoke = new(PracticePermission.ManageStaff, "Only the practice's owner and administrators can revoke invitations.");

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

    public Task<ChangeResult> InviteAsync(NewMemberForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var practice = currentTenant.Practice ?? throw new InvalidOperationException("Staff are invited inside a practice.");
        return changes.RunAsync(Invite, async change =>
        {
            if (StaffRules.Check(form) is { } invalid)
            {
                return invalid;
            }

            var email = form.Email.Trim();
            var normalizedEmail = normalizer.NormalizeEmail(email);
            // Only this practice's own members and invitations are consulted (the tenant filter sees nothing else):
            // what the administrator learns here they can already read in their staff list.
            if (await change.Db.PracticeMemberships.Where(m => m.User!.NormalizedEmail == normalizedEmail)
                    .Select(m => (bool?)m.IsActive).FirstOrDefaultAsync(cancellationToken) is { } active)
            {
                return ChangeResult.Invalid(nameof(form.Email), active
                    ? "This person is already a member of the practice."
                    : "This person was a member of the practice: reactivate them in the staff list instead.");
            }

            if (await change.Db.StaffInvitations.AnyAsync(i => i.NormalizedEmail == normalizedEmail && i.Status == StaffInvitationStatus.Pending, cancellationToken))
            {
                return ChangeResult.Invalid(nameof(form.Email), "This address already has a pending invitation: re-send or revoke it in the list below.");
            }

            var isDoctor = form.Roles.HasFlag(PracticeRoles.Doctor);
            var registration = DoctorProfileRules.NormalizeRegistrationNumber(form.Doctor.RegistrationNumber);
            if (isDoctor
                && (await DoctorProfiles.RegistrationNumberTakenAsync(change.Db, registration, cancellationToken: cancellationToken)
                    || await change.Db.StaffInvitations.AnyAsync(i => i.Status == StaffInvitationStatus.Pending && i.RegistrationNumber == registration, cancellationToken)))
            {
                return ChangeResult.Invalid(DoctorFields.RegistrationNumber, DoctorProfileRules.DuplicateRegistrationNumber(registration));
            }

            if (isDoctor)
            {
                await change.EnsureRoomForAsync(LimitedResource.Doctors, 1, cancellationToken);
            }

            var (token, hash) = InvitationToken.Create();
            var doctor = DoctorProfileRules.Clean(form.Doctor);
            var invitation = new StaffInvitation
            {
                Email = email,
                NormalizedEmail = normalizedEmail,
                FullName = form.FullName.Trim(),
                Phone = IndianMobileNumber.Normalize(form.Phone),
                Roles = form.Roles,
                RegistrationNumber = isDoctor ? doctor.RegistrationNumber : null,
                Specializations = isDoctor ? StaffRules.InvitationSpecializations(form.Doctor) : null,
                Qualification = isDoctor ? doctor.Qualification : null,
                ExperienceYears = isDoctor ? doctor.ExperienceYears : 0,
                ConsultationFee = isDoctor ? doctor.ConsultationFee : 0,
                ConsultationMinutes = isDoctor ? doctor.ConsultationMinutes : DoctorProfile.DefaultConsultationMinutes,
                TokenHash = hash,
                ExpiresAtUtc = change.NowUtc + InvitationToken.Lifetime,
                Status = StaffInvitationStatus.Pending,
                InvitedByUserId = change.Actor.UserId,
                CreatedAtUtc = change.NowUtc,
            };
            change.Db.StaffInvitations.Add(invitation);
            QueueMail(change, practice, invitation, token);
            Audit(change, AuditActions.InvitationSent, invitation);
            return ChangeResult.Done(SentMessage(invitation));
        }, cancellationToken);
    }

    /// <summary>
    /// Sends a new link (the old one stops working: only hashes are kept, so the old link cannot be mailed again) valid
    /// for another <see cref="InvitationToken.Lifetime"/>. Also how an expired invitation is renewed; a doctor's
    /// expired invitation needs its seat back first.
    /// </summary>
    public Task<ChangeResult> ResendAsync(Guid invitationId, CancellationToken cancellationToken = default)
    {
        var practice = currentTenant.Practice ?? throw new InvalidOperationException("Staff are invited inside a practice.");
        return OnPendingAsync(invitationId, Resend, async (change, invitation) =>
        {
            if (invitation.ExpiresAtUtc <= change.NowUtc && invitation.Roles.HasFlag(PracticeRoles.Doctor))
            {
                // An expired doctor's invitation gave its seat back; renewing it takes one again.
                await change.EnsureRoomForAsync(LimitedResource.Doctors, 1, cancellationToken);
            }

            var (token, hash) = InvitationToken.Create();
            invitation.TokenHash = hash;
            invitation.ExpiresAtUtc = change.NowUtc + InvitationToken.Lifetime;
            QueueMail(change, practice, invitation, token);
            Audit(change, AuditActions.InvitationResent, invitation);
            return ChangeResult.Done(SentMessage(invitation));
        }, cancellationToken);
    }

    /// <summary>Withdraws a pending invitation: its link stops working and a doctor's seat is free again.</summary>
    public Task<ChangeResult> RevokeAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        OnPendingAsync(invitationId, Revoke, (change, invitation) =>
        {
            invitation.Status = StaffInvitationStatus.Revoked;
            invitation.RevokedAtUtc = change.NowUtc;
            Audit(change, AuditActions.InvitationRevoked, invitation);
            return Task.FromResult(ChangeResult.Done($"The invitation to {invitation.Email} was revoked; its link no longer works."));
        }, cancellationToken);

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

    /// <summary>Runs <paramref name="change"/> on a pending invitation of this practice; anything else is refused alike.</summary>
    private Task<ChangeResult> OnPendingAsync(
        Guid invitationId, ChangeRule rule, Func<PracticeChange, StaffInvitation, Task<ChangeResult>> change, CancellationToken cancellationToken) =>
        changes.RunAsync(rule, async frame =>
        {
            var invitation = await frame.Db.StaffInvitations
                .FirstOrDefaultAsync(i => i.Id == invitationId && i.Status == StaffInvitationStatus.Pending, cancellationToken);
            return invitation is null ? ChangeResult.Refused(NotPendingMessage) : await change(frame, invitation);
        }, cancellationToken);

    /// <summary>The invitation's mail, in the outbox by the change's own save; sent as soon as the change is committed.</summary>
    private void QueueMail(PracticeChange change, TenantSnapshot practice, StaffInvitation invitation, string token)
    {
        invitation.EmailId = outbox.Queue(change.Db, Mail(practice, invitation, token)).Id;
        change.AfterCommit(outbox.NotifyQueued);
    }

    private static void Audit(PracticeChange change, string action, StaffInvitation invitation) =>
        change.Audit(action, nameof(StaffInvitation), invitation.Id,
            $"{invitation.Email} as {string.Join(", ", PracticeRoleNames.Of(invitation.Roles))}");
}
