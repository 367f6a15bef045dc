using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>
/// A practice moving to a new address in the running app (its own app and database: it renames sunrise): pages of the
/// old address lead to the same page at the new one, the owner signs in again there, nobody else can take the old
/// address, and the practice can move back to it.
/// </summary>
public sealed class PracticeAddressChangeTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task After_the_owner_changes_the_address_the_old_one_leads_to_the_new_one_which_asks_for_a_new_sign_in()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", "owner@sunrise.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/sunrise/settings")).StatusCode);

        var owner = await UserIdAsync("owner@sunrise.test");
        var slug = await App.WithPracticeServicesAsync("sunrise", owner, s => s.GetRequiredService<PracticeSettingsService>().ChangeSlugAsync("bright-dental"));
        Assert.Equal("bright-dental", slug.Value);

        // Where the page sends the owner after the change (route strategy in Development).
        var target = new Uri(App.Services.GetRequiredService<PracticeAddresses>().BaseUrl("bright-dental", new Uri("http://localhost/t/sunrise/settings")), "settings");
        Assert.Equal("http://localhost/t/bright-dental/settings", target.ToString());

        // A bookmark of the old address leads to the same page and query at the new one; a form post does not follow.
        var old = await client.GetAsync("/t/sunrise/patients?q=ravi");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal("http://localhost/t/bright-dental/patients?q=ravi", old.Headers.Location!.ToString());
        Assert.DoesNotContain("8 MG Road", await MedicalAppFactory.TextAsync(old), StringComparison.Ordinal);
        var post = await client.PostAsync("/t/sunrise/Account/Login", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        // The sign-in cookie belongs to /t/sunrise: the new address asks the owner to sign in again.
        var moved = await client.GetAsync(target.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.StartsWith("/t/bright-dental/Account/Login", MedicalAppFactory.RedirectTarget(moved)!, StringComparison.Ordinal);

        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/bright-dental/Account/Login", "owner@sunrise.test");
        Assert.Equal("/t/bright-dental/", MedicalAppFactory.RedirectTarget(signIn));
        var settings = await client.GetAsync("/t/bright-dental/settings");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("http://localhost/t/bright-dental/", await MedicalAppFactory.TextAsync(settings), StringComparison.Ordinal);

        // The old address stays the practice's: a new "Sunrise" practice gets another, and so does a rename elsewhere.
        var (newcomer, newcomerOwner) = await App.RegisterPracticeAsync("Sunrise");
        Assert.NotEqual("sunrise", newcomer);
        var taken = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, App.WithPracticeServicesAsync(newcomer, newcomerOwner.Id,
            s => s.GetRequiredService<PracticeSettingsService>().ChangeSlugAsync("sunrise")));
        Assert.Equal(PracticeSettingsService.SlugTakenMessage, taken.FieldErrors["Slug"]);

        // Moving back is allowed: the first address is the practice's again and the second one now leads to it.
        Assert.Equal("sunrise", (await App.WithPracticeServicesAsync("bright-dental", owner,
            s => s.GetRequiredService<PracticeSettingsService>().ChangeSlugAsync("sunrise"))).Value);

        Assert.Equal(HttpStatusCode.OK, (await App.CreateBrowserLikeClient().GetAsync("/t/sunrise/Account/Login")).StatusCode);
        var back = await App.CreateBrowserLikeClient().GetAsync("/t/bright-dental/Account/Login");
        Assert.Equal("http://localhost/t/sunrise/Account/Login", back.Headers.Location!.ToString());
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }
}
