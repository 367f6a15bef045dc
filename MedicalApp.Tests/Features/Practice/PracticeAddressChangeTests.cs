using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Practice;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Practice;

/// <summary>
/// A practice moving to a new address in the running app (its own app and database: it renames sunrise): the old
/// address is gone at once, and the owner signs in again at the new one, where the settings page lives.
/// </summary>
public sealed class PracticeAddressChangeTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task After_the_owner_changes_the_address_the_old_one_is_gone_and_the_new_one_asks_for_a_new_sign_in()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", "owner@sunrise.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/sunrise/settings")).StatusCode);

        var practice = await App.Services.GetRequiredService<PracticeDirectory>().FindBySlugAsync("sunrise");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice!);
            var owner = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("owner@sunrise.test");
            var slug = await scope.ServiceProvider.GetRequiredService<PracticeSettingsService>()
                .ChangeSlugAsync("bright-dental", new ActingMember(owner!.Id, owner.Email));
            Assert.Equal("bright-dental", slug);
        }

        // Where the page sends the owner after the change (route strategy in Development).
        var target = new Uri(App.Services.GetRequiredService<PracticeAddresses>().BaseUrl("bright-dental", new Uri("http://localhost/t/sunrise/settings")), "settings");
        Assert.Equal("http://localhost/t/bright-dental/settings", target.ToString());

        var old = await client.GetAsync("/t/sunrise/");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.DoesNotContain("8 MG Road", await MedicalAppFactory.TextAsync(old), StringComparison.Ordinal);

        // The sign-in cookie belongs to /t/sunrise: the new address asks the owner to sign in again.
        var moved = await client.GetAsync(target.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.StartsWith("/t/bright-dental/Account/Login", MedicalAppFactory.RedirectTarget(moved)!, StringComparison.Ordinal);

        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/bright-dental/Account/Login", "owner@sunrise.test");
        Assert.Equal("/t/bright-dental/", MedicalAppFactory.RedirectTarget(signIn));
        var settings = await client.GetAsync("/t/bright-dental/settings");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("http://localhost/t/bright-dental/", await MedicalAppFactory.TextAsync(settings), StringComparison.Ordinal);
    }
}
