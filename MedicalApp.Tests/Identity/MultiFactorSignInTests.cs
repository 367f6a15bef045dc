using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// Two-factor sign-in over HTTP against the real app: setting up the authenticator, the code step, recovery codes,
/// lockout, the platform admins' and the practice owner's requirements, and "remember this device" per practice.
/// Codes are computed here from the key the page shows (<see cref="TestAuthenticator"/>).
/// </summary>
public sealed partial class MultiFactorSignInTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public void The_test_authenticator_gives_the_codes_of_RFC_6238()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890": the 8-digit values end in these 6 digits.
        var authenticator = new TestAuthenticator("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Assert.Equal("287082", authenticator.CodeAt(TestAuthenticator.StepAt(DateTimeOffset.FromUnixTimeSeconds(59))));
        Assert.Equal("081804", authenticator.CodeAt(TestAuthenticator.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109))));
        Assert.Equal("050471", authenticator.CodeAt(TestAuthenticator.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111111))));
    }

    [Fact]
    public async Task A_member_sets_up_an_authenticator_then_signs_in_with_a_code_that_works_once()
    {
        var user = await App.CreateMemberAsync("demo", "mfa-setup@demo.test", PracticeRoles.Nurse);
        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!);

        var setUp = await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/Account/Manage/EnableAuthenticator"));
        Assert.Matches("data-testid=\"authenticator-qr\"[^>]*><svg", setUp);
        var shownKey = KeyShown().Match(setUp).Groups[1].Value;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey); // grouped by four for typing
        var authenticator = new TestAuthenticator(shownKey.Replace(" ", "", StringComparison.Ordinal));

        var empty = await EnableAsync(client, "");
        Assert.Contains("Enter the 6-digit code from your authenticator app.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await EnableAsync(client, authenticator.StaleCode());
        Assert.Contains("This code is not right.", await MedicalAppFactory.TextAsync(wrong), StringComparison.Ordinal);
        var enabled = await MedicalAppFactory.TextAsync(await EnableAsync(client, await authenticator.NextCodeAsync()));
        Assert.Equal(10, RecoveryCodesShown(enabled).Count);
        Assert.Contains("href=\"data:text/plain;charset=utf-8,MedicalApp%20recovery%20codes", enabled, StringComparison.Ordinal);
        Assert.Contains("download=\"medicalapp-recovery-codes.txt\"", enabled, StringComparison.Ordinal);

        // Next sign-in: the password alone is not enough.
        var next = App.CreateBrowserLikeClient();
        var password = await MedicalAppFactory.SignInAsync(next, "/t/demo/Account/Login", user.Email!);
        var codePage = MedicalAppFactory.RedirectTarget(password)!;
        Assert.StartsWith("/t/demo/Account/LoginWith2fa", codePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/t/demo/")).StatusCode);

        var badCode = await MedicalAppFactory.SubmitCodeAsync(next, codePage, authenticator.StaleCode());
        Assert.Equal(HttpStatusCode.OK, badCode.StatusCode);
        Assert.Contains("This code is not right, or it was used already.", await MedicalAppFactory.TextAsync(badCode), StringComparison.Ordinal);

        var code = await authenticator.NextCodeAsync();
        var signedIn = await MedicalAppFactory.SubmitCodeAsync(next, codePage, code);
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/t/demo/")).StatusCode);

        // The same code, still within its 30 seconds, is not accepted a second time (ASVS 2.8.4).
        var replay = App.CreateBrowserLikeClient();
        var replayCodePage = MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(replay, "/t/demo/Account/Login", user.Email!))!;
        var replayed = await MedicalAppFactory.SubmitCodeAsync(replay, replayCodePage, code);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/t/demo/")).StatusCode);

        var events = (await App.AuditEventsAsync("demo")).Where(e => e.UserId == user.Id).ToList();
        Assert.Contains(events, e => e.Action == AuditActions.MfaEnabled && e.Details!.Contains("10 recovery codes", StringComparison.Ordinal));
        Assert.Equal(3, events.Count(e => e.Action == AuditActions.MfaCodeFailed)); // the set-up's wrong code, the bad one, the replay
        Assert.Contains(events, e => e.Action == AuditActions.SignIn && e.Details == "With an authenticator code");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_not_twice()
    {
        var user = await App.CreateMemberAsync("demo", "mfa-recovery@demo.test", PracticeRoles.Receptionist);
        await App.EnrolAuthenticatorAsync(user.Email!);
        var codes = await NewRecoveryCodesAsync(user.Email!);
        // Kept as salted hashes (ASVS 2.6.2): the table holds ten entries and none of the codes.
        var stored = await App.InPracticeAsync("demo", db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        Assert.Equal(10, stored!.Split(';').Length);
        Assert.All(codes, code => Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));

        var client = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!);
        // Typed in lower case, without the dash: still the code.
        var used = await UseRecoveryCodeAsync(client, codes[0].ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(used));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/")).StatusCode);

        var again = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(again, "/t/demo/Account/Login", user.Email!);
        var refused = await UseRecoveryCodeAsync(again, codes[0]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This recovery code is not right, or it was used already.", await MedicalAppFactory.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/t/demo/")).StatusCode);
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(await UseRecoveryCodeAsync(again, codes[1])));

        var events = (await App.AuditEventsAsync("demo")).Where(e => e.UserId == user.Id).ToList();
        Assert.Equal(["9 recovery codes left", "8 recovery codes left"], events.Where(e => e.Action == AuditActions.RecoveryCodeUsed).Select(e => e.Details));
        Assert.Single(events, e => e.Action == AuditActions.MfaCodeFailed);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_then_the_right_code_is_refused_too()
    {
        var user = await App.CreateMemberAsync("demo", "mfa-lockout@demo.test", PracticeRoles.Doctor);
        var authenticator = await App.EnrolAuthenticatorAsync(user.Email!);
        var client = App.CreateBrowserLikeClient();
        var codePage = MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!))!;

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await MedicalAppFactory.SubmitCodeAsync(client, codePage, authenticator.StaleCode());
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var fifth = await MedicalAppFactory.SubmitCodeAsync(client, codePage, authenticator.StaleCode());
        Assert.Equal("/t/demo/Account/Lockout", MedicalAppFactory.RedirectTarget(fifth));
        var right = await MedicalAppFactory.SubmitCodeAsync(client, codePage, await authenticator.NextCodeAsync());
        Assert.Equal("/t/demo/Account/Lockout", MedicalAppFactory.RedirectTarget(right));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/t/demo/")).StatusCode);
        // The password itself is refused now, and a recovery code could not help either.
        var password = await MedicalAppFactory.SignInAsync(App.CreateBrowserLikeClient(), "/t/demo/Account/Login", user.Email!);
        Assert.Equal("/t/demo/Account/Lockout", MedicalAppFactory.RedirectTarget(password));

        var events = (await App.AuditEventsAsync("demo")).Where(e => e.UserId == user.Id).ToList();
        Assert.Equal(4, events.Count(e => e.Action == AuditActions.MfaCodeFailed));
        Assert.Contains(events, e => e.Action == AuditActions.SignInLockedOut && e.Details == "Too many wrong codes");
        Assert.DoesNotContain(events, e => e.Action == AuditActions.SignIn);
    }

    [Fact]
    public async Task A_platform_admin_cannot_skip_the_set_up_nor_the_code_step()
    {
        var admin = await CreatePlatformAdminAsync("second-admin@platform.test");
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/Account/Login", admin.Email!);
        Assert.Equal("/Account/Manage/EnableAuthenticator", MedicalAppFactory.RedirectTarget(signIn));

        // Nothing else is reachable until the authenticator is set up.
        foreach (var page in new[] { "/platform", "/Account/Manage", "/Account/Manage/TwoFactorAuthentication" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/Manage/EnableAuthenticator", MedicalAppFactory.RedirectTarget(response));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        var setUp = await MedicalAppFactory.TextAsync(await client.GetAsync("/Account/Manage/EnableAuthenticator"));
        Assert.Contains("Platform administrators must sign in with an authenticator app.", setUp, StringComparison.Ordinal);
        Assert.DoesNotContain("Not now", setUp, StringComparison.Ordinal);

        var authenticator = new TestAuthenticator(KeyShown().Match(setUp).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
        var enabled = await MedicalAppFactory.TextAsync(await EnableAsync(client, await authenticator.NextCodeAsync(), practicePath: ""));
        Assert.Equal(10, RecoveryCodesShown(enabled).Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/platform")).StatusCode);

        // It cannot be turned off, not even by a hand-made post.
        Assert.Contains("cannot be turned off", await MedicalAppFactory.TextAsync(await client.GetAsync("/Account/Manage/Disable2fa")), StringComparison.Ordinal);
        var token = await MedicalAppFactory.AntiforgeryTokenAsync(client, "/Account/Manage");
        var handMade = await client.PostAsync("/Account/Manage/Disable2fa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "disable-mfa",
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, handMade.StatusCode);
        Assert.True(await TwoFactorEnabledAsync(admin.Email!));

        // The code is asked at every sign-in: "remember this device" is not offered, and not honoured when sent anyway.
        var again = App.CreateBrowserLikeClient();
        var codePage = MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(again, "/Account/Login", admin.Email!))!;
        Assert.StartsWith("/Account/LoginWith2fa", codePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/platform")).StatusCode); // between password and code: not signed in
        Assert.DoesNotContain("Input.RememberDevice", await (await again.GetAsync(codePage)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withCode = await MedicalAppFactory.SubmitCodeAsync(again, codePage, await authenticator.NextCodeAsync(), rememberDevice: true);
        Assert.Equal("/platform", MedicalAppFactory.RedirectTarget(withCode));
        Assert.DoesNotContain(withCode.Headers.GetValues("Set-Cookie"), c => c.StartsWith("MedicalApp.TwoFactorRemembered=", StringComparison.Ordinal));
        var third = await MedicalAppFactory.SignInAsync(again, "/Account/Login", admin.Email!);
        Assert.StartsWith("/Account/LoginWith2fa", MedicalAppFactory.RedirectTarget(third), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_requires_two_factor_sign_in_for_owners_and_administrators_and_it_applies_only_then()
    {
        var (slug, owner) = await App.RegisterPracticeAsync("Lotus Eye Care");
        var admin = await App.CreateMemberAsync(slug, $"admin-{slug}@practice.test", PracticeRoles.Admin);
        var doctor = await App.CreateMemberAsync(slug, $"doctor-{slug}@practice.test", PracticeRoles.Doctor);
        var login = $"/t/{slug}/Account/Login";

        // Off: an administrator without an authenticator signs in as before.
        var adminSession = App.CreateBrowserLikeClient();
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(adminSession, login, admin.Email!)));
        Assert.Equal(HttpStatusCode.OK, (await adminSession.GetAsync($"/t/{slug}/")).StatusCode);

        // Only the owner may switch it, and only with an authenticator of their own.
        var byAdmin = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, SetRequirementAsync(slug, admin, true));
        Assert.Equal(PracticeSettingsService.MfaOwnerOnlyMessage, byAdmin.Message);
        var ownerFirst = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, SetRequirementAsync(slug, owner, true));
        Assert.Equal(PracticeSettingsService.MfaOwnerFirstMessage, ownerFirst.Message);
        await App.EnrolAuthenticatorAsync(owner.Email!);
        await ChangeAssert.DoneAsync(SetRequirementAsync(slug, owner, true));

        // On: the administrator's open session reaches nothing but the set-up, a fresh sign-in goes there first,
        // and a doctor is not concerned.
        var home = await adminSession.GetAsync($"/t/{slug}/");
        Assert.Equal($"/t/{slug}/Account/Manage/EnableAuthenticator", MedicalAppFactory.RedirectTarget(home));
        var fresh = App.CreateBrowserLikeClient();
        Assert.Equal($"/t/{slug}/Account/Manage/EnableAuthenticator", MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(fresh, login, admin.Email!)));
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.PostAsync($"/t/{slug}/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(App.CreateBrowserLikeClient(), login, doctor.Email!)));

        var setUp = await MedicalAppFactory.TextAsync(await fresh.GetAsync($"/t/{slug}/Account/Manage/EnableAuthenticator"));
        Assert.Contains("Lotus Eye Care requires two-factor sign-in for owners and administrators.", setUp, StringComparison.Ordinal);
        var authenticator = new TestAuthenticator(KeyShown().Match(setUp).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
        await EnableAsync(fresh, await authenticator.NextCodeAsync(), practicePath: $"/t/{slug}");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/t/{slug}/")).StatusCode);
        Assert.Contains("cannot be turned off", await MedicalAppFactory.TextAsync(await fresh.GetAsync($"/t/{slug}/Account/Manage/Disable2fa")), StringComparison.Ordinal);

        // Off again: a new administrator without an authenticator is let in.
        await ChangeAssert.DoneAsync(SetRequirementAsync(slug, owner, false));
        var second = await App.CreateMemberAsync(slug, $"admin2-{slug}@practice.test", PracticeRoles.Admin);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(App.CreateBrowserLikeClient(), login, second.Email!)));

        var changes = (await App.AuditEventsAsync(slug)).Where(e => e.Action == AuditActions.MfaRequirementChanged).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, e => Assert.Equal(owner.Id, e.UserId));
    }

    [Fact]
    public async Task Remembering_a_device_at_one_practice_does_not_skip_the_code_at_another()
    {
        var user = await App.CreateMemberAsync("demo", "visiting@demo.test", PracticeRoles.Doctor);
        await App.InPracticeAsync("sunrise", db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = user.Id, Roles = PracticeRoles.Doctor, IsActive = true, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var authenticator = await App.EnrolAuthenticatorAsync(user.Email!);

        var client = App.CreateBrowserLikeClient();
        var codePage = MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!))!;
        var withCode = await MedicalAppFactory.SubmitCodeAsync(client, codePage, await authenticator.NextCodeAsync(), rememberDevice: true);
        var remembered = Assert.Single(withCode.Headers.GetValues("Set-Cookie"), c => c.StartsWith("MedicalApp.TwoFactorRemembered=", StringComparison.Ordinal));
        Assert.Contains("path=/t/demo", remembered, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", remembered, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(Regex.Match(remembered, "expires=([^;]+)", RegexOptions.IgnoreCase).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));

        // At demo the device is remembered: the password is enough.
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!)));
        // At sunrise the browser does not even send it; and sent there by hand, it is worth nothing.
        Assert.StartsWith("/t/sunrise/Account/LoginWith2fa",
            MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", user.Email!)), StringComparison.Ordinal);
        var cookie = remembered.Split(';')[0];
        Assert.Equal("/t/demo/", await PasswordStepWithCookieAsync("/t/demo/Account/Login", user.Email!, cookie));
        Assert.StartsWith("/t/sunrise/Account/LoginWith2fa", await PasswordStepWithCookieAsync("/t/sunrise/Account/Login", user.Email!, cookie), StringComparison.Ordinal);

        Assert.Contains(await App.AuditEventsAsync("demo"), e => e.UserId == user.Id && e.Action == AuditActions.SignIn
            && e.Details == "Without a code: this device is remembered at this practice");
    }

    [Fact]
    public async Task Resetting_the_key_new_recovery_codes_and_turning_it_off_are_audited()
    {
        var user = await App.CreateMemberAsync("demo", "mfa-manage@demo.test", PracticeRoles.Nurse);
        var authenticator = await App.EnrolAuthenticatorAsync(user.Email!);
        var client = App.CreateBrowserLikeClient();
        var codePage = MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", user.Email!))!;
        await MedicalAppFactory.SubmitCodeAsync(client, codePage, await authenticator.NextCodeAsync());

        var codes = await MedicalAppFactory.PostFormAsync(client, "/t/demo/Account/Manage/GenerateRecoveryCodes", "generate-recovery-codes", new Dictionary<string, string>());
        Assert.Equal(10, RecoveryCodesShown(await MedicalAppFactory.TextAsync(codes)).Count);

        var reset = await MedicalAppFactory.PostFormAsync(client, "/t/demo/Account/Manage/ResetAuthenticator", "reset-authenticator", new Dictionary<string, string>());
        Assert.Equal("/t/demo/Account/Manage/EnableAuthenticator", MedicalAppFactory.RedirectTarget(reset));
        Assert.False(await TwoFactorEnabledAsync(user.Email!));
        var setUp = await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/Account/Manage/EnableAuthenticator"));
        var newKey = KeyShown().Match(setUp).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEqual(authenticator.Key.ToLowerInvariant(), newKey);
        var renewed = new TestAuthenticator(newKey);
        var enabled = await MedicalAppFactory.TextAsync(await EnableAsync(client, await renewed.NextCodeAsync()));
        Assert.Contains("Your recovery codes from before still work.", enabled, StringComparison.Ordinal); // a redirect's status, shown on the next page
        Assert.True(await TwoFactorEnabledAsync(user.Email!));

        var off = await MedicalAppFactory.PostFormAsync(client, "/t/demo/Account/Manage/Disable2fa", "disable-mfa", new Dictionary<string, string>());
        Assert.Equal("/t/demo/Account/Manage/TwoFactorAuthentication", MedicalAppFactory.RedirectTarget(off));
        Assert.False(await TwoFactorEnabledAsync(user.Email!));
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(await MedicalAppFactory.SignInAsync(App.CreateBrowserLikeClient(), "/t/demo/Account/Login", user.Email!)));

        var actions = (await App.AuditEventsAsync("demo")).Where(e => e.UserId == user.Id).Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.RecoveryCodesGenerated, actions);
        Assert.Contains(AuditActions.AuthenticatorReset, actions);
        Assert.Contains(AuditActions.MfaEnabled, actions);
        Assert.Contains(AuditActions.MfaDisabled, actions);
    }

    private static Task<HttpResponseMessage> EnableAsync(HttpClient client, string code, string practicePath = "/t/demo")
    {
        var handler = "enable-authenticator";
        return PostFollowingAsync(client, $"{practicePath}/Account/Manage/EnableAuthenticator", handler, new Dictionary<string, string> { ["Input.Code"] = code });
    }

    // A redirect after the post (re-enrolment) is followed once, so the caller reads the page the browser would show.
    private static async Task<HttpResponseMessage> PostFollowingAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var response = await MedicalAppFactory.PostFormAsync(client, path, handler, fields);
        return response.StatusCode == HttpStatusCode.Redirect ? await client.GetAsync(response.Headers.Location) : response;
    }

    private static async Task<HttpResponseMessage> UseRecoveryCodeAsync(HttpClient client, string code)
    {
        return await MedicalAppFactory.PostFormAsync(client, "/t/demo/Account/LoginWithRecoveryCode", "login-recovery-code", new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
    }

    private static List<string> RecoveryCodesShown(string html) =>
        RecoveryCodeShown().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private async Task<List<string>> NewRecoveryCodesAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10))!.ToList();
    }

    private async Task<bool> TwoFactorEnabledAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.FindByEmailAsync(email))!.TwoFactorEnabled;
    }

    private async Task<ApplicationUser> CreatePlatformAdminAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, FullName = "Second Admin", CreatedAtUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, MedicalAppFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PlatformRoles.PlatformAdmin)).Succeeded);
        return user;
    }

    private Task<ChangeResult> SetRequirementAsync(string slug, ApplicationUser actor, bool required) =>
        App.WithPracticeServicesAsync(slug, actor.Id, services => services.GetRequiredService<PracticeSettingsService>().SetMfaRequirementAsync(required));

    /// <summary>
    /// The password step from a browser that holds only the given cookie (as if copied from another practice):
    /// where it leads, handling the antiforgery cookie by hand.
    /// </summary>
    private async Task<string?> PasswordStepWithCookieAsync(string loginPath, string email, string cookie)
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = new Dictionary<string, string>();
        var (name, value) = (cookie.Split('=', 2)[0], cookie.Split('=', 2)[1]);
        jar[name] = value;

        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            return response;
        }

        var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, loginPath));
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, loginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = MedicalAppFactory.DemoPassword,
            }),
        };
        return MedicalAppFactory.RedirectTarget(await SendAsync(post));
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCodeShown();
}
