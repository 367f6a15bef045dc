using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>The Plan and usage page as owners, admins and other members get it (first render, over HTTP).</summary>
public sealed class PlanAndUsagePageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task The_owner_sees_usage_against_the_plan_and_the_plans_to_change_to()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "owner@demo.test");

        var response = await client.GetAsync("/t/demo/plan");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Plan and usage", html, StringComparison.Ordinal);
        Assert.Contains("₹2,999 / month", html, StringComparison.Ordinal);
        Assert.Contains("2 / 3", html, StringComparison.Ordinal);          // the demo's two locations of Basic's three
        Assert.Contains("0 bytes / 10 GB", html, StringComparison.Ordinal);
        Assert.Contains("Upgrade to Premium", html, StringComparison.Ordinal);
        Assert.Contains("On request: contact the MedicalApp platform team", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Only the practice owner can change the plan.", html, StringComparison.Ordinal);
        Assert.Contains("No plan changes yet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_page_without_the_plan_change_buttons()
    {
        var admin = await App.CreateMemberAsync("demo", "plan-admin@demo.test", PracticeRoles.Admin);
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", admin.Email!);

        var response = await client.GetAsync("/t/demo/plan");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2 / 3", html, StringComparison.Ordinal);
        Assert.Contains("Only the practice owner can change the plan.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Upgrade to Premium", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reception@demo.test")]
    [InlineData("doctor@demo.test")]
    public async Task Other_members_are_refused_the_page(string email)
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", email);

        var refused = await client.GetAsync("/t/demo/plan");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(refused.Headers.Location)).StatusCode);
    }
}
