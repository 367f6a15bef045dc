using System.Net;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Services.Audit;

namespace MedicalApp.Tests.Hosting;

/// <summary>
/// The app on PostgreSQL with its three roles: migrations as the owner, pages as the row-level-secured application
/// role, the platform console as the BYPASSRLS role. Proves the grants and policies let the app work, and only work.
/// </summary>
public sealed class PostgresAppTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task A_member_works_in_their_practice_and_is_kept_out_of_another()
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "owner@demo.test");
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(signIn));

        var home = await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/"));
        Assert.Contains("Welcome, Asha Raman.", home, StringComparison.Ordinal);
        Assert.Contains("Demo Family Clinic, T. Nagar", home, StringComparison.Ordinal); // demo's second location
        Assert.DoesNotContain("8 MG Road", home, StringComparison.Ordinal);               // sunrise's address

        var audit = await client.GetAsync("/t/demo/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains(await App.AuditEventsAsync("demo"), e => e.Action == AuditActions.SignIn && e.UserEmail == "owner@demo.test");
        Assert.DoesNotContain(await App.AuditEventsAsync("sunrise"), e => e.UserEmail == "owner@demo.test");

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/sunrise/")).StatusCode);
    }

    [Fact]
    public async Task The_platform_console_reads_across_practices_through_the_platform_role()
    {
        var admin = App.CreateBrowserLikeClient();
        await App.SignInAsPlatformAdminAsync(admin);
        var console = await MedicalAppFactory.TextAsync(await admin.GetAsync("/platform"));
        Assert.Contains("Demo Family Clinic", console, StringComparison.Ordinal);
        Assert.Contains("Sunrise Dental Care", console, StringComparison.Ordinal);
    }
}
