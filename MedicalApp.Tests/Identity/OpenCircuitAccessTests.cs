using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Patients;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Changes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// A circuit opened before a change keeps its sign-in, but not what the sign-in allowed: every action and every
/// navigation reads the member's roles and the practice's state from the database. Each test works in a practice of
/// its own, registered through the real registration.
/// </summary>
public sealed class OpenCircuitAccessTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task A_demoted_administrator_in_an_open_circuit_is_refused_at_the_next_action_and_navigation()
    {
        var (slug, owner) = await App.RegisterPracticeAsync("Demotion Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var admin = await App.AddMemberAsync(slug, PracticeRoles.Admin);
        var practiceId = await PracticeIdAsync(slug);
        await using var adminsTab = await TestCircuit.OpenAsync(App.Services, practiceId, admin.Id);
        var principal = TestMember.Principal(admin.Id, practiceId);
        var staffPolicy = PracticePolicies.For(PracticePermission.ManageStaff);
        Assert.True((await adminsTab.Get<IAuthorizationService>().AuthorizeAsync(principal, staffPolicy)).Succeeded);
        var stampBefore = await SecurityStampAsync(admin.Id);

        // The owner, in another tab, takes the Admin role away.
        var adminRow = (await App.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ListAsync())).Single(m => m.UserId == admin.Id);
        var demoted = await App.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>()
            .ChangeRolesAsync(adminRow.MembershipId, new MemberRolesForm { Roles = PracticeRoles.Receptionist }));
        Assert.True(demoted.Succeeded, demoted.Message);

        var added = await adminsTab.Get<StaffInvitationService>().InviteAsync(
            new NewMemberForm { FullName = "Nurse Joy", Email = $"joy-{Guid.NewGuid():N}@staff.test", Roles = PracticeRoles.Nurse });

        Assert.False(added.Succeeded);
        Assert.Equal("Only the practice's owner and administrators can add staff.", added.Message);
        Assert.DoesNotContain(await App.InPracticeAsync(slug, db => db.StaffInvitations.Select(i => i.FullName).ToListAsync()), n => n == "Nurse Joy");
        Assert.DoesNotContain(await App.InPracticeAsync(slug, db => db.PracticeMemberships.Select(m => m.User!.FullName).ToListAsync()), n => n == "Nurse Joy");
        Assert.False((await adminsTab.Get<IAuthorizationService>().AuthorizeAsync(principal, staffPolicy)).Succeeded);
        Assert.NotEqual(stampBefore, await SecurityStampAsync(admin.Id)); // the member's other sessions are signed out at their next check
    }

    [Fact]
    public async Task A_deactivated_members_open_circuit_is_refused_at_the_next_navigation_and_action()
    {
        var (slug, owner) = await App.RegisterPracticeAsync("Deactivation Circuit Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var nurse = await App.AddMemberAsync(slug, PracticeRoles.Nurse);
        var practiceId = await PracticeIdAsync(slug);
        await using var nursesTab = await TestCircuit.OpenAsync(App.Services, practiceId, nurse.Id);
        var principal = TestMember.Principal(nurse.Id, practiceId);
        var patientsPolicy = PracticePolicies.For(PracticePermission.ViewPatients);
        Assert.True((await nursesTab.Get<IAuthorizationService>().AuthorizeAsync(principal, patientsPolicy)).Succeeded);

        var row = (await App.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ListAsync())).Single(m => m.UserId == nurse.Id);
        Assert.True((await App.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().DeactivateAsync(row.MembershipId))).Succeeded);

        Assert.False((await nursesTab.Get<IAuthorizationService>().AuthorizeAsync(principal, patientsPolicy)).Succeeded);
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => nursesTab.Get<PatientQueries>().SearchAsync("ra"));
    }

    [Fact]
    public async Task A_suspended_practices_open_circuit_cannot_write_and_is_told_to_leave()
    {
        var (slug, owner) = await App.RegisterPracticeAsync("Suspension Circuit Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var practiceId = await PracticeIdAsync(slug);
        await using var ownersTab = await TestCircuit.OpenAsync(App.Services, practiceId, owner.Id);
        var told = false;
        ownersTab.Get<PracticeStateNotifier>().Suspended += () => told = true;

        await App.SetPracticeStatusAsync(slug, PracticeStatus.Suspended);
        var mobile = PatientFixture.NewMobile();
        var registered = await ownersTab.Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", mobile: mobile));

        Assert.Equal(ChangeOutcome.Forbidden, registered.Outcome);
        Assert.True(told);
        Assert.Equal(0, await App.InPracticeAsync(slug, db => db.Patients.CountAsync(p => p.Mobile == mobile)));
        Assert.False((await ownersTab.Get<IAuthorizationService>().AuthorizeAsync(
            TestMember.Principal(owner.Id, practiceId), PracticePolicies.For(PracticePermission.ViewPatients))).Succeeded);
    }

    private async Task<Guid> PracticeIdAsync(string slug) => (await App.Services.GetRequiredService<MedicalApp.Web.Tenancy.PracticeDirectory>().FindBySlugAsync(slug))!.Id;

    private Task<string?> SecurityStampAsync(Guid userId) =>
        App.InPracticeAsync("demo", db => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
