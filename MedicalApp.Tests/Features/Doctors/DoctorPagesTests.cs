using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Administration;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Changes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// The doctor pages over HTTP (first, prerendered GET) on the seeded demo practice. The seed has no doctor profiles
/// yet, so the tests give Vikram Iyer (doctor@demo.test) and Asha Raman (owner@demo.test, Owner + Doctor) one.
/// </summary>
public sealed class DoctorPagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly string VikramNumber = DemoDoctors.VikramNumber;
    private static readonly string AshaNumber = DemoDoctors.AshaNumber;

    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task Reception_sees_the_doctors_and_their_hours_but_no_edit_links()
    {
        var (vikram, asha) = await EnsureDoctorsAsync();
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync("/t/demo/doctors");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vikram Iyer", html, StringComparison.Ordinal);
        Assert.Contains(VikramNumber, html, StringComparison.Ordinal);
        Assert.Contains("Asha Raman", html, StringComparison.Ordinal);
        Assert.Contains("Mon–Fri 09:00–13:00, 17:00–21:00", html, StringComparison.Ordinal);
        Assert.Contains("₹600", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"doctors/{vikram}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"doctors/{asha}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("edit-doctor", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doctor_sees_an_edit_link_on_their_own_row_only()
    {
        var (vikram, asha) = await EnsureDoctorsAsync();
        var client = await SignedInAsync("doctor@demo.test");

        var html = await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/doctors"));

        Assert.Contains($"href=\"doctors/{vikram}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"doctors/{asha}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_doctor_profile_leads_a_doctor_to_their_own_profile()
    {
        var (vikram, _) = await EnsureDoctorsAsync();
        var client = await SignedInAsync("doctor@demo.test");

        var me = await client.GetAsync("/t/demo/doctors/me");
        Assert.Equal($"/t/demo/doctors/{vikram}", MedicalAppFactory.RedirectTarget(me));

        var page = await client.GetAsync($"/t/demo/doctors/{vikram}");
        var html = await MedicalAppFactory.TextAsync(page);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Registration number", html, StringComparison.Ordinal);
        Assert.Contains(VikramNumber, html, StringComparison.Ordinal);
        Assert.Contains("Where and when", html, StringComparison.Ordinal);
        Assert.Contains("Signature on prescriptions", html, StringComparison.Ordinal);
        Assert.Contains("href=\"settings/printing\"", html, StringComparison.Ordinal);
        Assert.Contains("How my prescriptions print", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_without_a_doctor_profile_is_told_so()
    {
        await EnsureDoctorsAsync();
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync("/t/demo/doctors/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You have no doctor profile in this practice.", await MedicalAppFactory.TextAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reception@demo.test")]
    [InlineData("doctor@demo.test")]
    public async Task Someone_elses_profile_cannot_be_opened_for_editing(string email)
    {
        var (_, asha) = await EnsureDoctorsAsync();
        var client = await SignedInAsync(email);

        var response = await client.GetAsync($"/t/demo/doctors/{asha}");
        var html = await MedicalAppFactory.TextAsync(response);
        // Reception lacks the page's roles (the endpoint sends them to the access-denied page); a doctor has them, and
        // the page itself refuses another doctor's profile.
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/t/demo/Account/AccessDenied", MedicalAppFactory.RedirectTarget(response), StringComparison.Ordinal);
            response = await client.GetAsync(response.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("access", await MedicalAppFactory.TextAsync(response), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AshaNumber, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_opens_any_doctors_profile()
    {
        var (vikram, _) = await EnsureDoctorsAsync();
        var client = await SignedInAsync("owner@demo.test");

        var response = await client.GetAsync($"/t/demo/doctors/{vikram}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await MedicalAppFactory.TextAsync(response);
        Assert.Contains(VikramNumber, html, StringComparison.Ordinal);
        // The signature is theirs to change too; "my prescriptions" is the doctor's own link only.
        Assert.Contains("Signature on prescriptions", html, StringComparison.Ordinal);
        Assert.DoesNotContain("How my prescriptions print", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signature_preview_is_served_privately_to_the_doctor_and_administrators_only()
    {
        var (vikram, _) = await EnsureDoctorsAsync();
        var png = TestImages.OnePixelPng();
        var doctorId = await UserIdAsync("doctor@demo.test");
        var uploaded = await App.WithPracticeServicesAsync("demo", doctorId, services =>
            services.GetRequiredService<DoctorSignatureService>().UploadAsync(vikram, new MemoryStream(png), "signature.png"));
        Assert.True(uploaded.Succeeded, uploaded.Summary());
        var path = $"/t/demo/doctors/{vikram}/signature?v={uploaded.Value!.FileId:N}";

        foreach (var email in new[] { "doctor@demo.test", "owner@demo.test" })
        {
            var response = await (await SignedInAsync(email)).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
            Assert.True(response.Headers.CacheControl?.Private, "The signature must only be cached privately.");
        }

        var reception = await (await SignedInAsync("reception@demo.test")).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, reception.StatusCode);
        Assert.NotEqual(png, await reception.Content.ReadAsByteArrayAsync());
        var anonymous = await App.CreateBrowserLikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(anonymous)!, StringComparison.Ordinal);

        var removed = await App.WithPracticeServicesAsync("demo", doctorId, services => services.GetRequiredService<DoctorSignatureService>().RemoveAsync(vikram));
        Assert.True(removed.Succeeded, removed.Summary());
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync("doctor@demo.test")).GetAsync(path)).StatusCode);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private Task<(Guid Vikram, Guid Asha)> EnsureDoctorsAsync() => DemoDoctors.EnsureAsync(App);
}
