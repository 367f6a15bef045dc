using Bunit;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Components.Layout;
using MedicalApp.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MedicalApp.Tests.Components;

/// <summary>
/// The navigation shows each member what their roles may use, decided by the same policies as the pages (read from
/// the database, not from the page's claims); the pages and services check again on the server.
/// </summary>
public sealed class NavMenuTests : IAsyncLifetime
{
    private TestDatabase db = default!;
    private TestPractice practice = default!;

    public async ValueTask InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        practice = await db.CreatePracticeAsync("navigation");
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Theory]
    [InlineData(PracticeRoles.Owner, true, true)]
    [InlineData(PracticeRoles.Admin, true, true)]
    [InlineData(PracticeRoles.Doctor, false, false)]
    [InlineData(PracticeRoles.Receptionist, false, true)]
    [InlineData(PracticeRoles.Nurse, false, true)]
    public async Task Each_role_is_offered_what_its_permissions_allow(PracticeRoles role, bool administration, bool reception)
    {
        var member = await practice.AddMemberAsync(role);
        await using var context = MemberComponents.For(db, practice, member);

        var menu = context.Render<NavMenu>();
        var links = menu.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));

        // Everyone: home, patients, doctors, appointments, calendar and their own profile.
        Assert.Equal("patients", links["Patients"]);
        Assert.Equal("doctors", links["Doctors"]);
        Assert.Equal("appointments", links["Appointments"]);
        Assert.Equal("appointments/calendar", links["Calendar"]);
        Assert.Equal("Account/Manage", links["My profile"]);
        Assert.Equal(reception, links.TryGetValue("Reception", out var desk) && desk == "reception");
        foreach (var (text, href) in new[] { ("Staff", "staff"), ("Clinic locations", "locations"), ("Practice settings", "settings"), ("Audit log", "audit"), ("Plan and usage", "plan") })
        {
            Assert.Equal(administration, links.TryGetValue(text, out var found) && found == href);
        }

        Assert.DoesNotContain("Practices", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_current_pages_link_is_marked_for_sight_and_screen_readers_and_follows_navigation()
    {
        var member = await practice.AddMemberAsync(PracticeRoles.Admin);
        await using var context = MemberComponents.For(db, practice, member);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("patients/0193-some-patient");

        var menu = context.Render<NavMenu>();

        var patients = menu.Find("a[href='patients']");
        Assert.Contains("active", patients.ClassList);
        Assert.Equal("page", patients.GetAttribute("aria-current"));
        Assert.Null(menu.Find("a[href='appointments']").GetAttribute("aria-current"));

        // "Appointments" matches only its own address; "Practice settings" not the printing settings beneath it.
        navigation.NavigateTo("settings/printing");
        menu.WaitForAssertion(() => Assert.Equal("page", menu.Find("a[href='settings/printing']").GetAttribute("aria-current")));
        Assert.Null(menu.Find("a[href='settings']").GetAttribute("aria-current"));
        Assert.Null(menu.Find("a[href='patients']").GetAttribute("aria-current"));
    }

    [Fact]
    public async Task The_administration_group_folds_away_its_links_and_says_so()
    {
        var member = await practice.AddMemberAsync(PracticeRoles.Owner);
        await using var context = MemberComponents.For(db, practice, member);
        var menu = context.Render<NavMenu>();

        var group = menu.Find("button[aria-controls='nav-administration']");
        Assert.Equal("true", group.GetAttribute("aria-expanded"));
        group.Click();

        Assert.Equal("false", menu.Find("button[aria-controls='nav-administration']").GetAttribute("aria-expanded"));
        Assert.Empty(menu.FindAll("a[href='staff']"));
    }

    [Fact]
    public async Task A_role_taken_away_in_the_database_is_no_longer_offered_though_the_page_still_holds_the_sign_in()
    {
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        await practice.SetRolesAsync(admin, PracticeRoles.Receptionist);
        await using var context = MemberComponents.For(db, practice, admin);

        var menu = context.Render<NavMenu>();

        Assert.DoesNotContain("Staff", menu.Markup, StringComparison.Ordinal);
        Assert.Contains("Reception", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_member_is_offered_nothing_of_the_practice()
    {
        var nurse = await practice.AddMemberAsync(PracticeRoles.Nurse, active: false);
        await using var context = MemberComponents.For(db, practice, nurse);

        var menu = context.Render<NavMenu>();

        Assert.DoesNotContain("Patients", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_root_a_platform_admin_is_offered_the_practice_list_and_no_practice_pages()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(new CurrentTenant());
        context.AddAuthorization().SetAuthorized("admin@platform.test").SetPolicies(PracticePolicies.PlatformAdmin);

        var menu = context.Render<NavMenu>();

        Assert.Contains("Practices", menu.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit log", menu.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Doctors", menu.Markup, StringComparison.Ordinal);
    }
}
