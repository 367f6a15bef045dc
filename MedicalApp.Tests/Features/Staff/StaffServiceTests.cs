using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Email;
using MedicalApp.Web.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalApp.Tests.Features.Staff;

/// <summary>Staff management through the app's services, on both databases, each test in a practice of its own.</summary>
public abstract class StaffServiceTests(MedicalAppFactory app)
{

    /// <summary>The practice's staff service in a scope signed in as <paramref name="userId"/> (what the service reads its actor from).</summary>
    private Task<T> AsStaffAsync<T>(string slug, Guid userId, Func<StaffService, Task<T>> work) =>
        app.WithPracticeServicesAsync(slug, userId, services => work(services.GetRequiredService<StaffService>()));

    private static NewMemberForm Receptionist(string email) => new() { FullName = "Kavya Reddy", Email = email, Phone = "+91 99887 76655", Roles = PracticeRoles.Receptionist };

    private static NewMemberForm Doctor(string email) => new()
    {
        FullName = "Dr. Arjun Das", Email = email, Roles = PracticeRoles.Doctor, RegistrationNumber = "kmc " + email[..6],
        Specialization = "Paediatrics, General Medicine", Qualification = "MBBS, DCH", ExperienceYears = 8, ConsultationFee = 600m,
    };

    [Fact]
    public async Task A_new_person_gets_an_account_with_a_one_time_password_and_an_invitation_in_the_outbox()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Staff Test Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = $"kavya-{Guid.NewGuid():N}@staff.test";

        var result = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(Receptionist(email)));

        Assert.True(result.Succeeded, result.Message + string.Join(";", result.Errors.Values));
        Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", result.TemporaryPassword);
        var member = Assert.Single(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == email);
        Assert.Equal(PracticeRoles.Receptionist, member.Roles);
        Assert.True(member.MustChangePassword);
        Assert.Equal("9988776655", member.Phone);
        Assert.Equal(OutboxEmailStatus.Pending, member.InvitationStatus);

        var invitation = await app.InPracticeAsync(slug, db => db.OutboxEmails.SingleAsync(e => e.ToAddress == email));
        Assert.DoesNotContain(result.TemporaryPassword!, invitation.ProtectedBody, StringComparison.Ordinal); // encrypted at rest
        var body = app.Services.GetRequiredService<MailOutbox>().ReadBody(invitation);
        Assert.Contains(result.TemporaryPassword!, body, StringComparison.Ordinal);
        // The link is built from the configured public address only (Development's, here), never from a request.
        var publicBaseUrl = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl;
        Assert.Contains($"{publicBaseUrl}/t/{slug}/Account/Login", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_account_is_added_as_a_member_without_a_new_password()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Visiting Consultant Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var form = new NewMemberForm { FullName = "Someone Else", Email = "owner@sunrise.test", Roles = PracticeRoles.Nurse };

        var result = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(form));

        Assert.True(result.Succeeded);
        Assert.True(result.AddedExistingAccount);
        Assert.Null(result.TemporaryPassword);
        var member = Assert.Single(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == "owner@sunrise.test");
        Assert.Equal("Rahul Menon", member.FullName); // the account keeps its own name
        Assert.False(member.MustChangePassword);

        var again = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(form));
        Assert.Equal("This person is already a member of the practice.", again.Errors[nameof(NewMemberForm.Email)]);
    }

    [Fact]
    public async Task Form_problems_are_reported_per_field()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Validation Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var form = new NewMemberForm { FullName = "X", Email = "not-an-email", Phone = "12345", Roles = PracticeRoles.Doctor, ConsultationMinutes = 2 };

        var result = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(form));

        Assert.False(result.Succeeded);
        foreach (var field in new[] { "FullName", "Email", "Phone", "RegistrationNumber", "Specialization", "ConsultationMinutes" })
        {
            Assert.True(result.Errors.ContainsKey(field), field);
        }

        var noRole = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(new NewMemberForm { FullName = "No Role", Email = "norole@staff.test" }));
        Assert.Equal("Choose at least one role.", noRole.Errors["Roles"]);
        var asOwner = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(new NewMemberForm { FullName = "Second Owner", Email = "owner2@staff.test", Roles = PracticeRoles.Owner }));
        Assert.Contains("Owner role cannot be given", asOwner.Errors["Roles"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_manage_staff()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Roles Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var nurse = (await app.AddMemberAsync(slug, PracticeRoles.Nurse)).Id;
        var refused = await AsStaffAsync(slug, nurse, s => s.AddMemberAsync(Receptionist("r@staff.test")));
        Assert.False(refused.Succeeded);
        Assert.Contains("owner and administrators", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await AsStaffAsync(slug, owner.Id, s => s.ListAsync()), m => m.Email == "r@staff.test");
    }

    [Fact]
    public async Task The_owner_can_be_neither_deactivated_nor_demoted_and_nobody_deactivates_themselves()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Owner Rules Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var adminEmail = $"admin-{Guid.NewGuid():N}@staff.test";
        await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(new NewMemberForm { FullName = "Admin Person", Email = adminEmail, Roles = PracticeRoles.Admin }));
        var members = await AsStaffAsync(slug, owner.Id, s => s.ListAsync());
        var ownerRow = members.Single(m => m.UserId == owner.Id);
        var adminRow = members.Single(m => m.Email == adminEmail);
        var admin = adminRow.UserId;

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
        var email = $"leaving-{Guid.NewGuid():N}@staff.test";
        await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(Receptionist(email)));
        var member = (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.Email == email);

        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.DeactivateAsync(member.MembershipId))).Succeeded);
        Assert.False((await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.Email == email).IsActive);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.ReactivateAsync(member.MembershipId))).Succeeded);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).Single(m => m.Email == email).IsActive);
        var audit = await app.AuditEventsAsync(slug);
        Assert.Contains(audit, e => e.Action == "MemberDeactivated" && e.Details == email);
        Assert.Contains(audit, e => e.Action == "MemberReactivated");
    }

    [Fact]
    public async Task The_trial_allows_five_doctors_and_says_so_when_a_sixth_is_added()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Doctor Limit Clinic " + Guid.NewGuid().ToString("N")[..5], ownerPractises: true);
        for (var i = 0; i < 4; i++)
        {
            var added = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(Doctor($"doc{i}{Guid.NewGuid():N}@staff.test")));
            Assert.True(added.Succeeded, added.Message);
        }

        var sixth = await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(Doctor($"doc6{Guid.NewGuid():N}@staff.test")));
        Assert.False(sixth.Succeeded);
        Assert.Equal("Your Trial plan allows 5 doctors — upgrade to add more.", sixth.Message);
        Assert.Equal(5, await app.InPracticeAsync(slug, db => db.DoctorProfiles.CountAsync(d => d.IsActive)));

        // Removing a doctor's role frees the slot; a receptionist can always be added.
        var doctor = (await AsStaffAsync(slug, owner.Id, s => s.ListAsync())).First(m => m.Roles == PracticeRoles.Doctor);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.ChangeRolesAsync(doctor.MembershipId, new MemberRolesForm { Roles = PracticeRoles.Nurse }))).Succeeded);
        Assert.True((await AsStaffAsync(slug, owner.Id, s => s.AddMemberAsync(Doctor($"doc7{Guid.NewGuid():N}@staff.test")))).Succeeded);
    }

    [Fact]
    public async Task An_administrator_of_practice_A_cannot_manage_members_of_practice_B()
    {
        var (slugA, ownerA) = await app.RegisterPracticeAsync("Practice A Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var (slugB, ownerB) = await app.RegisterPracticeAsync("Practice B Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = $"b-staff-{Guid.NewGuid():N}@staff.test";
        await AsStaffAsync(slugB, ownerB.Id, s => s.AddMemberAsync(Receptionist(email)));
        var memberOfB = (await AsStaffAsync(slugB, ownerB.Id, s => s.ListAsync())).Single(m => m.Email == email);

        Assert.DoesNotContain(await AsStaffAsync(slugA, ownerA.Id, s => s.ListAsync()), m => m.Email == email);
        Assert.Equal("This member does not exist in this practice.", (await AsStaffAsync(slugA, ownerA.Id, s => s.DeactivateAsync(memberOfB.MembershipId))).Message);
        Assert.Equal("This member does not exist in this practice.", (await AsStaffAsync(slugA, ownerA.Id, s => s.ChangeRolesAsync(memberOfB.MembershipId, new MemberRolesForm { Roles = PracticeRoles.Admin }))).Message);
        Assert.False((await AsStaffAsync(slugA, ownerA.Id, s => s.ResendInvitationAsync(memberOfB.UserId))).Succeeded);
        Assert.True((await AsStaffAsync(slugB, ownerB.Id, s => s.ListAsync())).Single(m => m.Email == email).IsActive);
    }
}

public sealed class SqliteStaffServiceTests(SqliteAppFixture fixture) : StaffServiceTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresStaffServiceTests(PostgresAppFixture fixture) : StaffServiceTests(fixture.App), IClassFixture<PostgresAppFixture>;
