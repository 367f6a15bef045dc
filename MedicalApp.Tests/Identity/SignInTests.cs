using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Services.Audit;

namespace MedicalApp.Tests.Identity;

/// <summary>Sign-in on a practice's own address, and everything that keeps one practice's members out of another.</summary>
public sealed class SignInTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task A_member_signs_in_on_the_practice_address_and_sees_its_home()
    {
        var client = App.CreateBrowserLikeClient();
        var response = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "doctor@demo.test");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(response)!);

        var home = await client.GetAsync("/t/demo/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome, Vikram Iyer.", html, StringComparison.Ordinal);
        Assert.Contains("Demo Family Clinic, T. Nagar", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_practice_A_gets_practice_B_sign_in_page_and_never_its_data()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "doctor@demo.test");

        var sunrise = await client.GetAsync("/t/sunrise/");
        Assert.Equal(HttpStatusCode.Redirect, sunrise.StatusCode);
        Assert.StartsWith("/t/sunrise/Account/Login", MedicalAppFactory.RedirectTarget(sunrise)!, StringComparison.Ordinal);

        // Practice A's password is right, but the account is not a member of B: refused.
        var attempt = await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", "doctor@demo.test");
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        Assert.Contains("not an active member of Sunrise Dental Care", await attempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_of_practice_A_presented_to_practice_B_is_refused_with_403()
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "doctor@demo.test");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MedicalApp.SignIn=", StringComparison.Ordinal));
        var value = cookie.Split(';')[0];

        // As if the cookie had been copied to B's address (or a shared cookie domain sent it there).
        var stranger = App.CreateBrowserLikeClient();
        foreach (var path in new[] { "/t/sunrise/", "/t/sunrise/audit", "/t/sunrise/Account/Manage" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", value);
            var response = await stranger.SendAsync(request);
            var html = await MedicalAppFactory.TextAsync(response);
            var status = response.StatusCode == HttpStatusCode.Redirect
                ? (await stranger.GetAsync(response.Headers.Location)).StatusCode
                : response.StatusCode;
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.DoesNotContain("Rahul Menon", html, StringComparison.Ordinal);
            Assert.DoesNotContain("8 MG Road", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var user = await App.CreateMemberAsync("demo", "lockout@demo.test", PracticeRoles.Nurse);
        var client = App.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!, "not-the-password-" + attempt);
            Assert.Contains("The email or password is not correct.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!, "not-the-password-5");
        Assert.Equal("/t/demo/Account/Lockout", MedicalAppFactory.RedirectTarget(fifth));

        var right = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!);
        Assert.Equal("/t/demo/Account/Lockout", MedicalAppFactory.RedirectTarget(right));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/demo/")).StatusCode);

        var events = await App.AuditEventsAsync("demo");
        Assert.Equal(4, events.Count(e => e.UserId == user.Id && e.Action == AuditActions.SignInFailed));
        Assert.Equal(2, events.Count(e => e.UserId == user.Id && e.Action == AuditActions.SignInLockedOut));
    }

    [Fact]
    public async Task A_temporary_password_must_be_replaced_before_anything_else()
    {
        var user = await App.CreateMemberAsync("demo", "new-nurse@demo.test", PracticeRoles.Nurse, mustChangePassword: true);
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!);
        Assert.Equal("/t/demo/Account/ChangePassword", MedicalAppFactory.RedirectTarget(signIn));

        var home = await client.GetAsync("/t/demo/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/t/demo/Account/ChangePassword", MedicalAppFactory.RedirectTarget(home));

        var tooCommon = await ChangePasswordAsync(client, MedicalAppFactory.DemoPassword, "password1234");
        Assert.Contains("too common", await tooCommon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooShort = await ChangePasswordAsync(client, MedicalAppFactory.DemoPassword, "short-one");
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongCurrent = await ChangePasswordAsync(client, "not-my-current-password", "mango lassi at noon");
        Assert.Contains("This is not your current password.", await wrongCurrent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await ChangePasswordAsync(client, MedicalAppFactory.DemoPassword, "mango lassi at noon");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/")).StatusCode);
        Assert.Contains(await App.AuditEventsAsync("demo"), e => e.UserId == user.Id && e.Action == AuditActions.PasswordChanged);
    }

    [Fact]
    public async Task A_receptionist_is_refused_the_audit_log_and_an_owner_is_not()
    {
        var reception = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(reception, "/t/demo/Account/Login", "reception@demo.test");
        var refused = await reception.GetAsync("/t/demo/audit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var denied = await reception.GetAsync(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var owner = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(owner, "/t/demo/Account/Login", "owner@demo.test");
        var allowed = await owner.GetAsync("/t/demo/audit");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Audit log", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_member_is_refused_at_once()
    {
        var user = await App.CreateMemberAsync("demo", "leaving@demo.test", PracticeRoles.Receptionist);
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/")).StatusCode);

        await App.SetMembershipActiveAsync("demo", user.Id, active: false);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/t/demo/")).StatusCode);
        var again = await MedicalAppFactory.SignInAsync(App.CreateBrowserLikeClient(), "/t/demo/Account/Login", user.Email!);
        Assert.Contains("not an active member", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await App.AuditEventsAsync("demo"), e => e.UserId == user.Id && e.Action == AuditActions.SignInRefused);
    }

    [Fact]
    public async Task Sign_ins_and_sign_outs_are_audit_events_of_the_practice()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "nobody-known@demo.test", "whatever-password");
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "owner@demo.test");
        var home = await client.GetAsync("/t/demo/");
        var token = System.Text.RegularExpressions.Regex.Match(await home.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/t/demo/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/t/demo/Account/Login?signedOut=true", MedicalAppFactory.RedirectTarget(signOut));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/demo/")).StatusCode);

        var events = await App.AuditEventsAsync("demo");
        Assert.Contains(events, e => e.Action == AuditActions.SignInFailed && e.UserEmail == "nobody-known@demo.test" && e.UserId == null);
        Assert.Contains(events, e => e.Action == AuditActions.SignIn && e.UserEmail == "owner@demo.test");
        Assert.Contains(events, e => e.Action == AuditActions.SignOut && e.UserEmail == "owner@demo.test");
        Assert.DoesNotContain(await App.AuditEventsAsync("sunrise"), e => e.UserEmail == "owner@demo.test");
    }

    [Fact]
    public async Task The_root_sign_in_admits_platform_admins_only()
    {
        var doctor = await MedicalAppFactory.SignInAsync(App.CreateBrowserLikeClient(), "/Account/Login", "doctor@demo.test");
        Assert.Contains("for platform administrators", await doctor.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var admin = App.CreateBrowserLikeClient();
        var signIn = await App.SignInAsPlatformAdminAsync(admin);
        Assert.Equal("/platform", MedicalAppFactory.RedirectTarget(signIn));
        var console = await admin.GetAsync("/platform");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("Sunrise Dental Care", await console.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The platform sign-in (its cookie is sent to every path of the root) is no sign-in to a practice.
        var practice = await admin.GetAsync("/t/demo/");
        Assert.Equal(HttpStatusCode.Forbidden, practice.StatusCode);
        Assert.DoesNotContain("Asha Raman", await practice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Practice_members_are_refused_the_platform_console()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "owner@demo.test");
        var atPracticeAddress = await client.GetAsync("/t/demo/platform");
        Assert.Equal(HttpStatusCode.Redirect, atPracticeAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(atPracticeAddress.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_sign_out_post_without_the_pages_antiforgery_token_is_refused_and_the_member_stays_signed_in()
    {
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "reception@demo.test");

        // What a page of a sibling subdomain can send: the cookie goes along, the token cannot.
        var bare = await client.PostAsync("/t/demo/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("still signed in", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forged = await client.PostAsync("/t/demo/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/")).StatusCode);

        var home = await client.GetAsync("/t/demo/");
        var token = System.Text.RegularExpressions.Regex.Match(await home.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/t/demo/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/t/demo/Account/Login?signedOut=true", MedicalAppFactory.RedirectTarget(signOut));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/demo/")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http:/evil.example")]
    [InlineData("/t/sunrise/patients")]
    [InlineData("%%%")]
    public async Task An_absolute_or_malformed_return_address_leads_to_the_practice_home(string returnUrl)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "doctor@demo.test");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(signIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/")).StatusCode);
    }

    [Theory]
    [InlineData("/t/demo/patients?page=2", "/t/demo/patients?page=2")]
    [InlineData("patients", "/t/demo/patients")]
    public async Task A_return_address_inside_the_practice_is_followed(string returnUrl, string expected)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "doctor@demo.test");

        Assert.Equal(expected, MedicalAppFactory.RedirectTarget(signIn));
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next) =>
        MedicalAppFactory.PostFormAsync(client, "/t/demo/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });
}
