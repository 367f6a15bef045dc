using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Tenancy;

/// <summary>How requests find their practice over HTTP: route and host strategies, unknown, malformed and suspended.</summary>
public sealed class PracticeResolutionTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Theory]
    [InlineData("/t/no-such-practice/")]
    [InlineData("/t/no-such-practice/Account/Login")]
    [InlineData("/t/Not_A_Slug/")]
    [InlineData("/t/admin/")]
    [InlineData("/t/")]
    public async Task An_address_that_names_no_practice_is_a_friendly_404(string path)
    {
        var response = await App.CreateBrowserLikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Practice not found", await MedicalAppFactory.TextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_route_strategy_serves_the_practice_under_its_own_base_path()
    {
        var response = await App.CreateBrowserLikeClient().GetAsync("/t/demo/Account/Login");
        var html = await MedicalAppFactory.TextAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Demo Family Clinic", html, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/t/demo/\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_strategy_serves_the_practice_on_its_subdomain()
    {
        var demo = await App.CreateBrowserLikeClient("http://demo.localhost").GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
        var html = await demo.Content.ReadAsStringAsync();
        Assert.Contains("Demo Family Clinic", html, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/\"", html, StringComparison.Ordinal);

        var unknown = await App.CreateBrowserLikeClient("http://nobody-here.localhost").GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_root_shows_the_landing_page_with_registration_and_plans()
    {
        var response = await App.CreateBrowserLikeClient().GetAsync("/");
        var html = await MedicalAppFactory.TextAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Register your practice", html, StringComparison.Ordinal);
        Assert.Contains("₹2,999 / month", html, StringComparison.Ordinal);
        Assert.Contains("Practice address", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspended_practice_shows_an_explanation_and_nothing_else()
    {
        var client = App.CreateBrowserLikeClient();
        var user = await App.CreateMemberAsync("sunrise", "suspended-test@sunrise.test", PracticeRoles.Doctor);
        Assert.Equal(HttpStatusCode.Redirect, (await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", user.Email!)).StatusCode);
        try
        {
            await App.SetPracticeStatusAsync("sunrise", PracticeStatus.Suspended);

            foreach (var path in new[] { "/t/sunrise/", "/t/sunrise/Account/Login", "/t/sunrise/audit" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                var html = await MedicalAppFactory.TextAsync(response);
                Assert.Contains("This practice is suspended", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Sunrise Dental Care", html, StringComparison.Ordinal);
            }
        }
        finally
        {
            await App.SetPracticeStatusAsync("sunrise", PracticeStatus.Active);
        }
    }
}
