using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// The sign-in cookie's security-stamp check (every minute in the app; at every request here) runs in a scope of its
/// own (<c>FreshScopeSecurityStampValidator</c>, so the Blazor hub's long-lived request does not keep a database context
/// for its circuit's life): a cookie whose member changed password or was signed out elsewhere is still refused, and a
/// renewed cookie still belongs to the practice it was issued for.
/// </summary>
public sealed class SecurityStampCheckTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task A_cookie_is_renewed_for_its_practice_while_the_stamp_holds_and_refused_once_it_changes()
    {
        await using var app = fixture.App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero)));
        var member = await fixture.App.AddMemberAsync("demo", PracticeRoles.Receptionist);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", member.Email!)).StatusCode);

        // Checked at each request: the stamp holds, the cookie is renewed, and the renewed one still opens this practice.
        for (var request = 0; request < 2; request++)
        {
            var home = await client.GetAsync("/t/demo/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains($"Welcome, {member.FullName}.", await MedicalAppFactory.TextAsync(home), StringComparison.Ordinal);
        }

        // Signed out everywhere (a password change does the same): the next request no longer counts as signed in.
        await fixture.App.WithPracticeServicesAsync("demo", async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            return await users.UpdateSecurityStampAsync((await users.FindByIdAsync(member.Id.ToString()))!);
        });

        var after = await client.GetAsync("/t/demo/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(after), StringComparison.Ordinal);
    }
}
