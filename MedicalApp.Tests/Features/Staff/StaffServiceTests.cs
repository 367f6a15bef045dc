using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalApp.Tests.Features.Staff;

/// <summary>Staff management through the app's services, on both databases, each test in a practice of its own.</summary>
public abstract partial class StaffServiceTests(MedicalAppFactory app)
{
    /// <summary>The practice's staff service in a scope signed in as <paramref name="userId"/> (what the service reads its actor from).</summary>
    private Task<T> AsStaffAsync<T>(string slug, Guid userId, Func<StaffService, Task<T>> work) =>
        app.WithPracticeServicesAsync(slug, userId, services => work(services.GetRequiredService<StaffService>()));

    private Task<T> InvitingAsync<T>(string slug, Guid userId, Func<StaffInvitationService, Task<T>> work) =>
        app.WithPracticeServicesAsync(slug, userId, services => work(services.GetRequiredService<StaffInvitationService>()));

    /// <summary>The invited person's side, at the practice's address, signed in as nobody.</summary>
    private Task<T> AcceptingAsync<T>(string slug, Func<InvitationAcceptanceService, Task<T>> work) =>
        app.WithPracticeServicesAsync(slug, services => work(services.GetRequiredService<InvitationAcceptanceService>()));

    private static NewMemberForm Receptionist(string email, string name = "Kavya Reddy") =>
        new() { FullName = name, Email = email, Phone = "+91 99887 76655", Roles = PracticeRoles.Receptionist };

    private static NewMemberForm Doctor(string email) => new()
    {
        FullName = "Dr. Arjun Das", Email = email, Roles = PracticeRoles.Doctor,
        Doctor = new()
        {
            RegistrationNumber = " kmc  " + email[..6] + Guid.NewGuid().ToString("N")[..4],
            Specializations = "Paediatrics, General Medicine", Qualification = "MBBS, DCH", ExperienceYears = 8, ConsultationFee = 600m,
        },
    };

    private const string NewPassword = "saffron rain over the hills";

    private static string UniqueEmail(string name) => $"{name}-{Guid.NewGuid():N}@staff.test";

    private async Task<StaffInvitation> InvitationAsync(string slug, string email) =>
        await app.InPracticeAsync(slug, db => db.StaffInvitations.AsNoTracking().OrderByDescending(i => i.CreatedAtUtc).FirstAsync(i => i.Email == email));

    /// <summary>The link's token from the invitation's latest mail, as the invited person reads it.</summary>
    private async Task<string> TokenAsync(string slug, string email)
    {
        var invitation = await InvitationAsync(slug, email);
        var mail = await app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == invitation.EmailId));
        var body = app.Services.GetRequiredService<MailOutbox>().ReadBody(mail);
        return AcceptLink().Match(body).Groups["token"].Value;
    }

    [GeneratedRegex(@"/Account/AcceptInvitation\?token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex AcceptLink();

    [Fact]
    public async Task Inviting_the_address_of_an_account_in_another_practice_answers_exactly_as_for_a_new_address()
    {
        // Another practice's owner: an account the inviting practice has no business knowing about.
        var (otherSlug, other) = await app.RegisterPracticeAsync("Other Practice " + Guid.NewGuid().ToString("N")[..5]);
        await app.InPracticeAsync(otherSlug, async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.Id == other.Id);
            owner.FullName = "Dr. Secret Elsewhere";
            return await db.SaveChangesAsync();
        });
        var (slug, owner) = await app.RegisterPracticeAsync("Enumeration Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var newEmail = UniqueEmail("nobody-yet");
        var existingEmail = other.Email!;

        var forExisting = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(existingEmail, "Typed Name")));
        var forNew = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(newEmail, "Typed Name")));

        // The same answer, field for field, once the address the admin typed is set aside.
        Assert.True(forExisting.Succeeded, forExisting.Message);
        Assert.Equal(forNew with { Message = forNew.Message!.Replace(newEmail, "EMAIL", StringComparison.Ordinal), FieldErrors = forExisting.FieldErrors },
            forExisting with { Message = forExisting.Message!.Replace(existingEmail, "EMAIL", StringComparison.Ordinal) });
        Assert.Empty(forExisting.FieldErrors);
        Assert.Empty(forNew.FieldErrors);

        // The list: pending, with only what was typed; the other practice's member is not a member here.
        var pending = await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync());
        var rowExisting = Assert.Single(pending, i => i.Email == existingEmail);
        var rowNew = Assert.Single(pending, i => i.Email == newEmail);
        Assert.Equal(rowNew with { InvitationId = default, Email = "", ExpiresAtUtc = default },
            rowExisting with { InvitationId = default, Email = "", ExpiresAtUtc = default });
        Assert.Equal("Typed Name", rowExisting.FullName);
        Assert.DoesNotContain(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == existingEmail);

        // Nothing written in this practice names the account or links to it: mail, outbox row, audit trail.
        var outbox = app.Services.GetRequiredService<MailOutbox>();
        foreach (var email in new[] { existingEmail, newEmail })
        {
            var mail = await app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.ToAddress == email));
            Assert.Null(mail.RelatedUserId);
            Assert.Equal("Typed Name", mail.ToName);
            Assert.DoesNotContain("Secret", mail.Subject + outbox.ReadBody(mail), StringComparison.Ordinal);
        }

        var mailExisting = outbox.ReadBody(await app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.ToAddress == existingEmail)));
        var mailNew = outbox.ReadBody(await app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.ToAddress == newEmail)));
        Assert.Equal(AcceptLink().Replace(mailNew, "LINK"), AcceptLink().Replace(mailExisting, "LINK"));

        var audit = (await app.AuditEventsAsync(slug)).Where(e => e.Action == "InvitationSent").ToList();
        Assert.Equal(2, audit.Count);
        Assert.Equal(audit[1].Details!.Replace(newEmail, "EMAIL", StringComparison.Ordinal), audit[0].Details!.Replace(existingEmail, "EMAIL", StringComparison.Ordinal));
        Assert.All(await app.AuditEventsAsync(slug), e => Assert.DoesNotContain("Secret", e.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_person_accepts_with_their_name_and_password_and_joins_with_the_chosen_roles_and_doctor_details()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Joining Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = UniqueEmail("arjun");
        var form = Doctor(email);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(form))).Succeeded);

        // The emailed link is built from the configured public address only, never from a request.
        var invitation = await InvitationAsync(slug, email);
        var body = app.Services.GetRequiredService<MailOutbox>().ReadBody(await app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == invitation.EmailId)));
        var publicBaseUrl = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl;
        Assert.Contains($"{publicBaseUrl}/t/{slug}/Account/AcceptInvitation?token=", body, StringComparison.Ordinal);
        var token = await TokenAsync(slug, email);
        Assert.DoesNotContain(token, invitation.TokenHash, StringComparison.Ordinal); // only the hash is stored
        Assert.Equal(InvitationToken.Hash(token), invitation.TokenHash);
        Assert.InRange(invitation.ExpiresAtUtc - invitation.CreatedAtUtc, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        var view = await AcceptingAsync(slug, a => a.ReadAsync(token));
        Assert.Equal(InvitationState.Valid, view.State);
        Assert.False(view.HasAccount);
        var weak = await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "Dr. Arjun K. Das", "password1234"));
        Assert.False(weak.Succeeded);
        Assert.True(weak.FieldErrors.ContainsKey("Password"));

        var accepted = await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "Dr. Arjun K. Das", NewPassword));

        Assert.True(accepted.Succeeded, accepted.Message + string.Join(";", accepted.FieldErrors.Values));
        var member = Assert.Single(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == email);
        Assert.Equal("Dr. Arjun K. Das", member.FullName);
        Assert.Equal(PracticeRoles.Doctor, member.Roles);
        Assert.True(member.IsActive);
        Assert.False(member.MustChangePassword);
        var profile = await app.InPracticeAsync(slug, db => db.DoctorProfiles.AsNoTracking().Include(d => d.Locations).SingleAsync(d => d.Membership!.UserId == member.UserId));
        // One rule for the number wherever a doctor is made: trimmed, upper case, inner spaces collapsed (" kmc  x" is "KMC X").
        Assert.Equal(DoctorProfileRules.NormalizeRegistrationNumber(form.Doctor.RegistrationNumber), profile.RegistrationNumber);
        Assert.StartsWith("KMC ", profile.RegistrationNumber, StringComparison.Ordinal);
        Assert.Equal(["Paediatrics", "General Medicine"], profile.Specializations);
        Assert.Equal("MBBS, DCH", profile.Qualification);
        Assert.Equal(600m, profile.ConsultationFee);
        Assert.Single(profile.Locations);
        Assert.DoesNotContain(await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync()), i => i.Email == email);
        Assert.Contains(await app.AuditEventsAsync(slug), e => e.Action == "InvitationAccepted" && e.UserId == member.UserId);

        // The account works with the chosen password.
        var signIn = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), $"/t/{slug}/Account/Login", email, NewPassword);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));
    }

    [Fact]
    public async Task An_existing_account_joins_with_its_own_account_name_and_password()
    {
        var (_, elsewhere) = await app.RegisterPracticeAsync("Home Practice " + Guid.NewGuid().ToString("N")[..5]);
        var (slug, owner) = await app.RegisterPracticeAsync("Visiting Consultant Clinic " + Guid.NewGuid().ToString("N")[..5]);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(new NewMemberForm { FullName = "Someone Else", Email = elsewhere.Email!, Roles = PracticeRoles.Nurse }))).Succeeded);
        var token = await TokenAsync(slug, elsewhere.Email!);

        // Only the holder of the link learns that the address has an account (to be asked for its password).
        Assert.True((await AcceptingAsync(slug, a => a.ReadAsync(token))).HasAccount);
        var asNew = await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "Impostor", NewPassword));
        Assert.False(asNew.Succeeded);
        Assert.Equal(InvitationAcceptanceService.AccountExistsMessage, asNew.Message);

        var accepted = await AcceptingAsync(slug, a => a.AcceptAsAccountAsync(token, elsewhere.Id));

        Assert.True(accepted.Succeeded, accepted.Message);
        var member = Assert.Single(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == elsewhere.Email);
        Assert.Equal(elsewhere.Id, member.UserId);
        Assert.Equal("Test Owner", member.FullName); // after joining, the member is who they are
        Assert.Equal(PracticeRoles.Nurse, member.Roles);
        var signIn = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), $"/t/{slug}/Account/Login", elsewhere.Email!, MedicalAppFactory.DemoPassword);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));

        var again = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(new NewMemberForm { FullName = "Someone Else", Email = elsewhere.Email!, Roles = PracticeRoles.Nurse }));
        Assert.Equal("This person is already a member of the practice.", again.FieldErrors[nameof(NewMemberForm.Email)]);
    }

    [Fact]
    public async Task A_link_works_once_not_after_it_expires_and_not_after_a_resend_replaced_it()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Link Rules Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var once = UniqueEmail("once");
        await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(once)));
        var token = await TokenAsync(slug, once);
        Assert.True((await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "First Use", NewPassword))).Succeeded);
        var second = await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "Second Use", NewPassword));
        Assert.Equal(InvitationState.Used, second.Value?.LinkState);
        Assert.Equal(InvitationState.Used, (await AcceptingAsync(slug, a => a.ReadAsync(token))).State);

        var late = UniqueEmail("late");
        await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(late)));
        var lateToken = await TokenAsync(slug, late);
        await app.InPracticeAsync(slug, async db =>
        {
            (await db.StaffInvitations.SingleAsync(i => i.Email == late)).ExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(InvitationState.Expired, (await AcceptingAsync(slug, a => a.ReadAsync(lateToken))).State);
        Assert.Equal(InvitationState.Expired, (await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(lateToken, "Too Late", NewPassword))).Value?.LinkState);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync())).Single(i => i.Email == late).IsExpired);

        // A re-send renews it with a new link; the old one is dead.
        var lateRow = (await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync())).Single(i => i.Email == late);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.ResendAsync(lateRow.InvitationId))).Succeeded);
        var renewed = await TokenAsync(slug, late);
        Assert.NotEqual(lateToken, renewed);
        Assert.Equal(InvitationState.Unknown, (await AcceptingAsync(slug, a => a.ReadAsync(lateToken))).State);
        Assert.Equal(InvitationState.Valid, (await AcceptingAsync(slug, a => a.ReadAsync(renewed))).State);

        foreach (var bad in new[] { "", "not-a-token", new string('A', 43), renewed[..42] + (renewed[42] == 'A' ? 'B' : 'A') })
        {
            Assert.Equal(InvitationState.Unknown, (await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(bad, "Guessing", NewPassword))).Value?.LinkState);
        }

        Assert.Equal(InvitationState.Valid, (await AcceptingAsync(slug, a => a.ReadAsync(renewed))).State);
        Assert.Contains(await app.AuditEventsAsync(slug), e => e.Action == "InvitationResent" && e.Details!.StartsWith(late, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parallel_acceptances_of_one_link_join_once()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Race Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = UniqueEmail("racing");
        await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(email)));
        var token = await TokenAsync(slug, email);

        // Five tabs (or replays) at once: the practice's lock orders them, the first uses the link, the rest find it used.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            Task.Run(() => AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, $"Racer {i}", NewPassword)))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(InvitationState.Used, o.Value?.LinkState));
        Assert.Single(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == email);
    }

    [Fact]
    public async Task An_acceptance_the_practice_cannot_take_leaves_nothing_behind()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Ended Trial Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = UniqueEmail("too-late");
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(email)))).Succeeded);
        var token = await TokenAsync(slug, email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
            (await platform.Practices.SingleAsync(t => t.Slug == slug)).TrialEndsAtUtc = DateTime.UtcNow.AddMinutes(-1);
            await platform.SaveChangesAsync();
        }

        var refused = await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "Dr. Too Late", NewPassword));

        Assert.Equal(ChangeOutcome.ReadOnly, refused.Outcome);
        Assert.EndsWith("Ask the practice's administrator.", refused.Message, StringComparison.Ordinal);
        // Its own transaction, audit row included: no account, no membership, no profile, no trail, the link still pending.
        Assert.False(await app.InPracticeAsync(slug, db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal(StaffInvitationStatus.Pending, (await InvitationAsync(slug, email)).Status);
        Assert.Equal(0, await app.InPracticeAsync(slug, db => db.DoctorProfiles.CountAsync()));
        Assert.DoesNotContain(await app.AuditEventsAsync(slug), e => e.Action == "InvitationAccepted");
    }

    [Fact]
    public async Task Revoking_an_invitation_stops_its_link()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Revoke Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = UniqueEmail("revoked");
        await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(email)));
        var token = await TokenAsync(slug, email);
        var row = (await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync())).Single(i => i.Email == email);

        Assert.True((await InvitingAsync(slug, owner.Id, s => s.RevokeAsync(row.InvitationId))).Succeeded);

        Assert.Equal(InvitationState.Revoked, (await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(token, "Revoked Person", NewPassword))).Value?.LinkState);
        Assert.DoesNotContain(await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync()), i => i.Email == email);
        Assert.False((await InvitingAsync(slug, owner.Id, s => s.RevokeAsync(row.InvitationId))).Succeeded);
        Assert.False((await InvitingAsync(slug, owner.Id, s => s.ResendAsync(row.InvitationId))).Succeeded);
        Assert.Contains(await app.AuditEventsAsync(slug), e => e.Action == "InvitationRevoked" && e.EntityId == row.InvitationId.ToString());
        // The address can be invited again.
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(email)))).Succeeded);
    }

    [Fact]
    public async Task Pending_doctor_invitations_hold_seats_of_the_doctor_limit_until_revoked_or_expired()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Doctor Limit Clinic " + Guid.NewGuid().ToString("N")[..5], ownerPractises: true);
        var invited = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var email = UniqueEmail($"doc{i}");
            var added = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(email)));
            Assert.True(added.Succeeded, added.Message);
            invited.Add(email);
        }

        // The owner and four invited doctors fill the Trial's five seats, though only one doctor has joined.
        var sixth = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("doc6"))));
        Assert.False(sixth.Succeeded);
        Assert.Equal("Your Trial plan allows 5 doctors — upgrade to add more.", sixth.Message);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(UniqueEmail("desk"))))).Succeeded);

        // Accepting moves the seat from the invitation to the profile: still full.
        var firstToken = await TokenAsync(slug, invited[0]);
        Assert.True((await AcceptingAsync(slug, a => a.AcceptAsNewPersonAsync(firstToken, "Joined Doctor", NewPassword))).Succeeded);
        Assert.False((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("doc7"))))).Succeeded);

        // Revoking frees a seat.
        var pending = await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync());
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.RevokeAsync(pending.Single(i => i.Email == invited[1]).InvitationId))).Succeeded);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("doc8"))))).Succeeded);
        Assert.False((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("doc9"))))).Succeeded);

        // So does expiry; renewing an expired doctor's invitation needs a seat again.
        await app.InPracticeAsync(slug, async db =>
        {
            (await db.StaffInvitations.SingleAsync(i => i.Email == invited[2])).ExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("doc10"))))).Succeeded);
        var expired = (await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync())).Single(i => i.Email == invited[2]);
        Assert.Equal("Your Trial plan allows 5 doctors — upgrade to add more.", (await InvitingAsync(slug, owner.Id, s => s.ResendAsync(expired.InvitationId))).Message);
        Assert.Equal(5, await app.InPracticeAsync(slug, db => PlanLimitService.CountAsync(db, LimitedResource.Doctors)));
    }

    [Fact]
    public async Task A_member_of_another_practice_can_neither_see_revoke_resend_nor_accept_this_practices_invitations()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Victim Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var (attackerSlug, attacker) = await app.RegisterPracticeAsync("Attacker Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = UniqueEmail("victim-hire");
        await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(email)));
        var token = await TokenAsync(slug, email);
        var invitationId = (await InvitationAsync(slug, email)).Id;

        // As the attacker's own practice's administrator.
        Assert.DoesNotContain(await InvitingAsync(attackerSlug, attacker.Id, s => s.ListPendingAsync()), i => i.Email == email);
        Assert.Equal(StaffInvitationService.NotPendingMessage, (await InvitingAsync(attackerSlug, attacker.Id, s => s.RevokeAsync(invitationId))).Message);
        Assert.Equal(StaffInvitationService.NotPendingMessage, (await InvitingAsync(attackerSlug, attacker.Id, s => s.ResendAsync(invitationId))).Message);
        // At the attacker's address the victim's link means nothing.
        Assert.Equal(InvitationState.Unknown, (await AcceptingAsync(attackerSlug, a => a.ReadAsync(token))).State);
        Assert.Equal(InvitationState.Unknown, (await AcceptingAsync(attackerSlug, a => a.AcceptAsAccountAsync(token, attacker.Id))).Value?.LinkState);
        // As a signed-in member of another practice at the victim's address: not a member here, so no staff rights.
        Assert.False((await InvitingAsync(slug, attacker.Id, s => s.RevokeAsync(invitationId))).Succeeded);
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => InvitingAsync(slug, attacker.Id, s => s.ListPendingAsync()));
        // With the link itself, the attacker's own account cannot take an invitation addressed to someone else.
        Assert.Equal("This invitation is for another email address.", (await AcceptingAsync(slug, a => a.AcceptAsAccountAsync(token, attacker.Id))).Message);

        Assert.DoesNotContain(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.UserId == attacker.Id);
        Assert.Single(await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync()), i => i.Email == email);
        Assert.Equal(InvitationState.Valid, (await AcceptingAsync(slug, a => a.ReadAsync(token))).State);
    }

    [Fact]
    public async Task An_address_is_invited_once_at_a_time()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Twice Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = UniqueEmail("twice");
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(email)))).Succeeded);
        var again = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(email.ToUpperInvariant())));
        Assert.False(again.Succeeded);
        Assert.Contains("already has a pending invitation", again.FieldErrors[nameof(NewMemberForm.Email)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_problems_are_reported_per_field()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Validation Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var form = new NewMemberForm
        {
            FullName = "X", Email = "not-an-email", Phone = "12345", Roles = PracticeRoles.Doctor, Doctor = new() { ConsultationMinutes = 2 },
        };

        var result = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(form));

        Assert.False(result.Succeeded);
        foreach (var field in new[] { "FullName", "Email", "Phone", "RegistrationNumber", "Specializations", "ConsultationMinutes" })
        {
            Assert.True(result.FieldErrors.ContainsKey(field), field);
        }

        var noRole = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(new NewMemberForm { FullName = "No Role", Email = "norole@staff.test" }));
        Assert.Equal("Choose at least one role.", noRole.FieldErrors["Roles"]);
        var asOwner = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(new NewMemberForm { FullName = "Second Owner", Email = "owner2@staff.test", Roles = PracticeRoles.Owner }));
        Assert.Contains("Owner role cannot be given", asOwner.FieldErrors["Roles"], StringComparison.Ordinal);
        Assert.Empty(await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync()));
    }

    [Fact]
    public async Task A_doctor_added_as_staff_follows_the_profiles_own_rules()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Doctor Rules Clinic " + Guid.NewGuid().ToString("N")[..5], ownerPractises: true);
        var ownersNumber = await app.InPracticeAsync(slug, db => db.DoctorProfiles.Select(d => d.RegistrationNumber).SingleAsync());

        // A number the profile page would refuse is refused when the doctor is invited, with the page's own words.
        var invited = Doctor(UniqueEmail("rules"));
        invited.Doctor.RegistrationNumber = "TN#1234";
        var odd = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(invited));
        Assert.Equal(ChangeOutcome.Invalid, odd.Outcome);
        Assert.Equal(DoctorProfileRules.RegistrationNumberError("TN#1234"), odd.FieldErrors[DoctorFields.RegistrationNumber]);

        // Giving the Doctor role checks the number against the practice's doctors as the profile page does.
        var nurse = await app.AddMemberAsync(slug, PracticeRoles.Nurse);
        var row = (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == nurse.Id);
        var taken = await AsStaffAsync(slug, owner.Id, s => s.ChangeRolesAsync(row.MembershipId, new MemberRolesForm
        {
            Roles = PracticeRoles.Doctor, Doctor = new() { RegistrationNumber = $"  {ownersNumber.ToLowerInvariant()} ", Specializations = "General Medicine" },
        }));
        Assert.Equal(DoctorProfileRules.DuplicateRegistrationNumber(ownersNumber), taken.FieldErrors[DoctorFields.RegistrationNumber]);
        Assert.DoesNotContain(await app.AuditEventsAsync(slug), e => e.Action == "MemberChanged");

        var made = await AsStaffAsync(slug, owner.Id, s => s.ChangeRolesAsync(row.MembershipId, new MemberRolesForm
        {
            Roles = PracticeRoles.Doctor,
            Doctor = new() { RegistrationNumber = " kmc  77 " + nurse.Id.ToString("N")[..4], Specializations = "Cardiology; cardiology, Diabetology", ConsultationFee = 450m },
        }));
        Assert.True(made.Succeeded, made.Summary());
        var profile = await app.InPracticeAsync(slug, db => db.DoctorProfiles.AsNoTracking().Include(d => d.Locations).SingleAsync(d => d.Membership!.UserId == nurse.Id));
        Assert.Equal("KMC 77 " + nurse.Id.ToString("N")[..4].ToUpperInvariant(), profile.RegistrationNumber);
        Assert.Equal(["Cardiology", "Diabetology"], profile.Specializations);
        Assert.Single(profile.Locations);
        Assert.Single(await app.AuditEventsAsync(slug), e => e.Action == "MemberChanged" && e.EntityId == row.MembershipId.ToString());
    }

    [Fact]
    public async Task Only_administrators_manage_staff()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Roles Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var nurse = (await app.AddMemberAsync(slug, PracticeRoles.Nurse)).Id;
        var refused = await InvitingAsync(slug, nurse, s => s.InviteAsync(Receptionist("r@staff.test")));
        Assert.False(refused.Succeeded);
        Assert.Contains("owner and administrators", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync()));

        await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist("r@staff.test")));
        var invitation = (await InvitingAsync(slug, owner.Id, s => s.ListPendingAsync())).Single();
        Assert.Contains("owner and administrators", (await InvitingAsync(slug, nurse, s => s.RevokeAsync(invitation.InvitationId))).Message, StringComparison.Ordinal);
        Assert.Contains("owner and administrators", (await InvitingAsync(slug, nurse, s => s.ResendAsync(invitation.InvitationId))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => InvitingAsync(slug, nurse, s => s.ListPendingAsync()));
    }

    [Fact]
    public async Task The_owner_can_be_neither_deactivated_nor_demoted_and_nobody_deactivates_themselves()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Owner Rules Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var admin = (await app.AddMemberAsync(slug, PracticeRoles.Admin)).Id;
        var members = await AsStaffAsync(slug, owner.Id, s => s.ListAsync());
        var ownerRow = members.Single(m => m.UserId == owner.Id);
        var adminRow = members.Single(m => m.UserId == admin);

        Assert.Equal("The practice's owner cannot be deactivated.", (await AsStaffAsync(slug, admin, s => s.DeactivateAsync(ownerRow.MembershipId))).Message);
        Assert.Equal("You cannot deactivate yourself.", (await AsStaffAsync(slug, admin, s => s.DeactivateAsync(adminRow.MembershipId))).Message);

        // "Demoting" the owner to a receptionist keeps Owner.
        var demoted = await AsStaffAsync(slug, admin, s => s.ChangeRolesAsync(ownerRow.MembershipId, new MemberRolesForm { Roles = PracticeRoles.Receptionist }));
        Assert.True(demoted.Succeeded);
        Assert.Equal(PracticeRoles.Owner | PracticeRoles.Receptionist, (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == owner.Id).Roles);
        Assert.Single(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Roles.HasFlag(PracticeRoles.Owner) && m.IsActive);
    }

    [Fact]
    public async Task Deactivating_stops_the_membership_and_reactivating_restores_it()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Deactivation Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var leaving = await app.AddMemberAsync(slug, PracticeRoles.Receptionist);
        var member = (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == leaving.Id);

        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.DeactivateAsync(member.MembershipId))).Succeeded);
        Assert.False((await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == leaving.Id).IsActive);
        var reinvited = await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Receptionist(leaving.Email!)));
        Assert.Contains("reactivate them", reinvited.FieldErrors[nameof(NewMemberForm.Email)], StringComparison.Ordinal);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.ReactivateAsync(member.MembershipId))).Succeeded);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == leaving.Id).IsActive);
        var audit = await app.AuditEventsAsync(slug);
        Assert.Contains(audit, e => e.Action == "MemberDeactivated" && e.Details == leaving.Email);
        Assert.Contains(audit, e => e.Action == "MemberReactivated");
    }

    [Fact]
    public async Task Removing_the_doctor_role_frees_a_seat_for_an_invitation()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Doctor Seat Clinic " + Guid.NewGuid().ToString("N")[..5], ownerPractises: true);
        var doctors = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            doctors.Add((await app.AddMemberAsync(slug, PracticeRoles.Nurse)).Id);
        }

        foreach (var doctor in doctors)
        {
            var row = (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == doctor);
            var made = await AsStaffAsync(slug, owner.Id, s => s.ChangeRolesAsync(row.MembershipId, new MemberRolesForm
            {
                Roles = PracticeRoles.Doctor, Doctor = new() { RegistrationNumber = "REG " + doctor.ToString("N")[^8..], Specializations = "General Medicine" },
            }));
            Assert.True(made.Succeeded, made.Message + string.Join(";", made.FieldErrors.Values));
        }

        Assert.False((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("full"))))).Succeeded);
        var first = (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.UserId == doctors[0]);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.ChangeRolesAsync(first.MembershipId, new MemberRolesForm { Roles = PracticeRoles.Nurse }))).Succeeded);
        Assert.True((await InvitingAsync(slug, owner.Id, s => s.InviteAsync(Doctor(UniqueEmail("room"))))).Succeeded);
    }

    [Fact]
    public async Task An_administrator_of_practice_A_cannot_manage_members_of_practice_B()
    {
        var (slugA, ownerA) = await app.RegisterPracticeAsync("Practice A Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var (slugB, ownerB) = await app.RegisterPracticeAsync("Practice B Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var memberOfBUser = await app.AddMemberAsync(slugB, PracticeRoles.Receptionist);
        var memberOfB = (await AsStaffAsync(slugB, ownerB.Id, s => s.ListAsync())).Single(m => m.UserId == memberOfBUser.Id);

        Assert.DoesNotContain(await AsStaffAsync(slugA, ownerA.Id, s => s.ListAsync()), m => m.UserId == memberOfBUser.Id);
        Assert.Equal("This member does not exist in this practice.", (await AsStaffAsync(slugA, ownerA.Id, s => s.DeactivateAsync(memberOfB.MembershipId))).Message);
        Assert.Equal("This member does not exist in this practice.", (await AsStaffAsync(slugA, ownerA.Id, s => s.ChangeRolesAsync(memberOfB.MembershipId, new MemberRolesForm { Roles = PracticeRoles.Admin }))).Message);
        Assert.True((await AsStaffAsync(slugB, ownerB.Id, s => s.ListAsync())).Single(m => m.UserId == memberOfBUser.Id).IsActive);
    }
}

public sealed class SqliteStaffServiceTests(SqliteAppFixture fixture) : StaffServiceTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresStaffServiceTests(PostgresAppFixture fixture) : StaffServiceTests(fixture.App), IClassFixture<PostgresAppFixture>;
