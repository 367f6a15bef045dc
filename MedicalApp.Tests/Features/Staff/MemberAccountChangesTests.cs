using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Staff;

/// <summary>
/// An owner correcting a member's name and mobile and issuing a one-time password, on both databases: who may, the
/// rules on the values, the audit rows, another practice's member ids, and members whose account another practice shares.
/// </summary>
public abstract class MemberAccountChangesTests(MedicalAppFactory app)
{
    private Task<T> AsStaffAsync<T>(string slug, Guid userId, Func<StaffService, Task<T>> work) =>
        app.WithPracticeServicesAsync(slug, userId, services => work(services.GetRequiredService<StaffService>()));

    private Task<Guid> MembershipIdAsync(string slug, Guid userId) =>
        app.InPracticeAsync(slug, db => db.PracticeMemberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync());

    private async Task<ApplicationUser> UserAsync(Guid userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId.ToString()))!;
    }

    [Fact]
    public async Task Owners_and_admins_correct_a_members_name_and_mobile_checked_and_audited()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Details Clinic " + Guid.NewGuid().ToString("N")[..6]);
        var admin = await app.AddMemberAsync(slug, PracticeRoles.Admin);
        var receptionist = await app.AddMemberAsync(slug, PracticeRoles.Receptionist);
        var membershipId = await MembershipIdAsync(slug, receptionist.Id);

        var invalid = await AsStaffAsync(slug, owner.Id, s => s.ChangeDetailsAsync(membershipId, new MemberDetailsForm { FullName = " ", Phone = "12345" }));
        Assert.Equal(ChangeOutcome.Invalid, invalid.Outcome);
        Assert.Contains(nameof(MemberDetailsForm.FullName), invalid.FieldErrors.Keys);
        Assert.Equal(MedicalApp.Web.Validation.IndianMobileNumber.ErrorMessage, invalid.ErrorFor(nameof(MemberDetailsForm.Phone)));

        var saved = await AsStaffAsync(slug, owner.Id, s => s.ChangeDetailsAsync(membershipId, new MemberDetailsForm { FullName = " Kavya Reddy ", Phone = "+91 99887 76655" }));
        Assert.True(saved.Succeeded, saved.Message);
        var user = await UserAsync(receptionist.Id);
        Assert.Equal(("Kavya Reddy", MedicalApp.Web.Validation.IndianMobileNumber.Normalize("+91 99887 76655")), (user.FullName, user.PhoneNumber));
        Assert.Contains(await app.AuditEventsAsync(slug), e => e.Action == AuditActions.MemberDetailsChanged && e.UserId == owner.Id && e.Details!.Contains("Kavya Reddy", StringComparison.Ordinal));

        // An administrator manages staff too (PRODUCT.md); a receptionist does not.
        Assert.True((await AsStaffAsync(slug, admin.Id, s => s.ChangeDetailsAsync(membershipId, new MemberDetailsForm { FullName = "Kavya R.", Phone = null }))).Succeeded);
        var refused = await AsStaffAsync(slug, receptionist.Id, s => s.ChangeDetailsAsync(membershipId, new MemberDetailsForm { FullName = "Me Myself" }));
        Assert.Equal(ChangeOutcome.Forbidden, refused.Outcome);
        Assert.Equal("Kavya R.", (await UserAsync(receptionist.Id)).FullName);
    }

    [Fact]
    public async Task Only_the_owner_issues_a_one_time_password_which_works_once_shown_and_must_be_changed()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Password Clinic " + Guid.NewGuid().ToString("N")[..6]);
        var admin = await app.AddMemberAsync(slug, PracticeRoles.Admin);
        var doctor = await app.AddMemberAsync(slug, PracticeRoles.Doctor);
        var membershipId = await MembershipIdAsync(slug, doctor.Id);
        var stampBefore = (await UserAsync(doctor.Id)).SecurityStamp;

        var byAdmin = await AsStaffAsync(slug, admin.Id, s => s.IssueOneTimePasswordAsync(membershipId, email: false));
        Assert.Equal(ChangeOutcome.Forbidden, byAdmin.Outcome);
        Assert.Null(byAdmin.Value);
        var ownSelf = await AsStaffAsync(slug, owner.Id, async s => await s.IssueOneTimePasswordAsync(await MembershipIdAsync(slug, owner.Id), email: false));
        Assert.Equal(ChangeOutcome.Refused, ownSelf.Outcome);

        var issued = await AsStaffAsync(slug, owner.Id, s => s.IssueOneTimePasswordAsync(membershipId, email: true));

        Assert.True(issued.Result.Succeeded, issued.Result.Message);
        var password = issued.Value!.Password;
        Assert.Matches("^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$", password);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(doctor.Id.ToString()))!;
            Assert.True(await users.CheckPasswordAsync(user, password));
            Assert.False(await users.CheckPasswordAsync(user, MedicalAppFactory.DemoPassword));
            Assert.True(user.MustChangePassword);
            Assert.NotEqual(stampBefore, user.SecurityStamp);
            foreach (var validator in users.PasswordValidators)
            {
                Assert.True((await validator.ValidateAsync(users, user, password)).Succeeded);
            }
        }

        // Emailed through the practice's outbox, and audited without the password.
        var mail = await app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Purpose == StaffService.OneTimePasswordPurpose));
        Assert.Contains(password, app.Services.GetRequiredService<MailOutbox>().ReadBody(mail), StringComparison.Ordinal);
        var audit = Assert.Single(await app.AuditEventsAsync(slug), e => e.Action == AuditActions.MemberPasswordIssued);
        Assert.DoesNotContain(password, audit.Details!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_practices_member_ids_are_not_found_and_shared_accounts_are_refused()
    {
        var (slugA, ownerA) = await app.RegisterPracticeAsync("Shared A " + Guid.NewGuid().ToString("N")[..6]);
        var (slugB, ownerB) = await app.RegisterPracticeAsync("Shared B " + Guid.NewGuid().ToString("N")[..6]);
        var memberOfB = await app.AddMemberAsync(slugB, PracticeRoles.Receptionist);
        var foreignId = await MembershipIdAsync(slugB, memberOfB.Id);

        // A's owner with B's membership id: not found, nothing changed.
        Assert.Equal(ChangeOutcome.NotFound, (await AsStaffAsync(slugA, ownerA.Id, s => s.IssueOneTimePasswordAsync(foreignId, email: false))).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await AsStaffAsync(slugA, ownerA.Id, s => s.ChangeDetailsAsync(foreignId, new MemberDetailsForm { FullName = "Taken Over" }))).Outcome);
        Assert.False((await UserAsync(memberOfB.Id)).MustChangePassword);

        // B's owner, also a doctor in A: A's owner can neither reset that account's password nor rename it.
        await app.InPracticeAsync(slugA, db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = ownerB.Id, Roles = PracticeRoles.Doctor, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var sharedId = await MembershipIdAsync(slugA, ownerB.Id);
        var reset = await AsStaffAsync(slugA, ownerA.Id, s => s.IssueOneTimePasswordAsync(sharedId, email: false));
        Assert.Equal(ChangeOutcome.Refused, reset.Outcome);
        Assert.Contains("also belongs to another practice", reset.Result.Message, StringComparison.Ordinal);
        var rename = await AsStaffAsync(slugA, ownerA.Id, s => s.ChangeDetailsAsync(sharedId, new MemberDetailsForm { FullName = "Renamed" }));
        Assert.Equal(ChangeOutcome.Refused, rename.Outcome);
        var sharedUser = await UserAsync(ownerB.Id);
        Assert.Equal(("Test Owner", false), (sharedUser.FullName, sharedUser.MustChangePassword));
    }
}

public sealed class SqliteMemberAccountChangesTests(SqliteAppFixture fixture)
    : MemberAccountChangesTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresMemberAccountChangesTests(PostgresAppFixture fixture)
    : MemberAccountChangesTests(fixture.App), IClassFixture<PostgresAppFixture>;
