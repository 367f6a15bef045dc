using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>The logo endpoint and the administration pages over HTTP, in the real app on SQLite.</summary>
public sealed class PracticeEndpointTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task The_logo_endpoint_answers_404_when_the_practice_has_no_logo()
    {
        await InPracticeAsync("demo", "owner@demo.test", settings => settings.RemoveLogoAsync());
        var owner = await SignedInAsync("demo", "owner@demo.test");

        var response = await owner.GetAsync("/t/demo/practice/logo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Members_get_the_logo_bytes_with_their_content_type_and_a_private_cache_header()
    {
        var png = TestImages.OnePixelPng();
        await InPracticeAsync("demo", "owner@demo.test", settings => settings.UploadLogoAsync(new MemoryStream(png), "demo-logo.png"));

        foreach (var email in new[] { "owner@demo.test", "doctor@demo.test" })
        {
            var member = await SignedInAsync("demo", email);
            var response = await member.GetAsync("/t/demo/practice/logo");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl?.Private, "The logo must only be cached privately.");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var anonymous = await App.CreateBrowserLikeClient().GetAsync("/t/demo/practice/logo");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(anonymous)!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_practice_never_gets_the_logo()
    {
        var png = TestImages.OnePixelPng();
        await InPracticeAsync("demo", "owner@demo.test", settings => settings.UploadLogoAsync(new MemoryStream(png), "demo-logo.png"));
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", "owner@sunrise.test");
        Assert.Equal("/t/sunrise/", MedicalAppFactory.RedirectTarget(signIn));

        // Their cookie belongs to /t/sunrise, so the browser does not even send it to /t/demo.
        var fetched = await client.GetAsync("/t/demo/practice/logo");
        Assert.Equal(HttpStatusCode.Redirect, fetched.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(fetched)!, StringComparison.Ordinal);
        Assert.NotEqual(png, await fetched.Content.ReadAsByteArrayAsync());

        // Copied by hand to demo's address, the cookie is refused: 403 (after the access-denied redirect), never the bytes.
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MedicalApp.SignIn=", StringComparison.Ordinal)).Split(';')[0];
        var stranger = App.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/demo/practice/logo");
        request.Headers.Add("Cookie", cookie);
        var copied = await stranger.SendAsync(request);
        Assert.NotEqual(png, await copied.Content.ReadAsByteArrayAsync());
        var status = copied.StatusCode == HttpStatusCode.Redirect ? (await stranger.GetAsync(copied.Headers.Location)).StatusCode : copied.StatusCode;
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_receptionist_is_refused_the_settings_and_locations_pages()
    {
        var reception = await SignedInAsync("demo", "reception@demo.test");
        foreach (var path in new[] { "/t/demo/settings", "/t/demo/locations" })
        {
            var refused = await reception.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var denied = await reception.GetAsync(refused.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.DoesNotContain("Letterhead", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_owner_sees_every_settings_section_and_the_address_form()
    {
        var owner = await SignedInAsync("demo", "owner@demo.test");

        var response = await owner.GetAsync("/t/demo/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await MedicalAppFactory.TextAsync(response);
        foreach (var text in new[] { "Practice settings", "General", "Letterhead", "Logo", "Address of the practice", "http://localhost/t/demo/", "Change address", "sign in again" })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Only the practice owner can change the address.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_who_is_not_the_owner_sees_the_address_but_cannot_change_it()
    {
        var admin = await App.CreateMemberAsync("demo", $"admin-{Guid.NewGuid():N}@demo.test", PracticeRoles.Admin);
        var client = await SignedInAsync("demo", admin.Email!);

        var html = await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/settings"));

        Assert.Contains("Only the practice owner can change the address.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"slug-field\"", html, StringComparison.Ordinal);
        Assert.Contains("Letterhead", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_locations_page_lists_the_practice_locations_with_its_plan_usage()
    {
        var owner = await SignedInAsync("demo", "owner@demo.test");

        var response = await owner.GetAsync("/t/demo/locations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await MedicalAppFactory.TextAsync(response);
        Assert.Contains("Demo Family Clinic, Anna Nagar", html, StringComparison.Ordinal);
        Assert.Contains("Demo Family Clinic, T. Nagar", html, StringComparison.Ordinal);
        Assert.Contains("of 3 active locations on the Basic plan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("8 MG Road", html, StringComparison.Ordinal); // sunrise's location
    }

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{slug}/Account/Login", email);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));
        return client;
    }

    /// <summary>Runs the settings service in a scope of the app working for the practice, as the member with that email.</summary>
    private async Task InPracticeAsync(string slug, string email, Func<PracticeSettingsService, Task> work)
    {
        Guid userId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email)).Id;
        }

        await App.WithPracticeServicesAsync(slug, userId, async services =>
        {
            await work(services.GetRequiredService<PracticeSettingsService>());
            return true;
        });
    }
}
