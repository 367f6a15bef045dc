using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// "Forgot your password?" over HTTP with a real SMTP server: a member of the practice gets a link that sets a new
/// password once; the page answers the same for an unknown address and for another practice's member, who get nothing.
/// </summary>
public sealed partial class PasswordResetTests : IAsyncLifetime
{
    private const string NewPassword = "monsoon over marina beach";

    private SmtpTestServer smtp = default!;
    private MedicalAppFactory app = default!;

    public async ValueTask InitializeAsync()
    {
        smtp = SmtpTestServer.Start();
        app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), SmtpTestServer.AppSettings(smtp.Port));
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_member_resets_the_password_with_the_emailed_link_once()
    {
        var client = app.CreateBrowserLikeClient();
        var login = await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/Account/Login"));
        Assert.Contains("href=\"Account/ForgotPassword\"", login, StringComparison.Ordinal);

        var asked = await AskAsync(client, "demo", "  Reception@Demo.test ");
        Assert.Contains("we have emailed a link", asked, StringComparison.Ordinal);
        Assert.Equal(1, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        var mail = await smtp.WaitForMessageToAsync("reception@demo.test");
        Assert.StartsWith("Reset your MedicalApp password for Demo Family Clinic", mail.Subject, StringComparison.Ordinal);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        Assert.StartsWith("/t/demo/Account/ResetPassword?email=reception%40demo.test&code=", link.PathAndQuery, StringComparison.Ordinal);

        // The password rules apply: a common password is refused next to the field and changes nothing.
        var common = await ChooseAsync(client, link.PathAndQuery, "password1234");
        Assert.Equal(HttpStatusCode.OK, common.StatusCode);
        Assert.Contains("too common", await MedicalAppFactory.TextAsync(common), StringComparison.OrdinalIgnoreCase);

        var saved = await ChooseAsync(client, link.PathAndQuery, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(saved));
        Assert.Contains("Your password has been changed.", await MedicalAppFactory.TextAsync(await client.GetAsync("/t/demo/Account/Login")), StringComparison.Ordinal);

        var withNew = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), "/t/demo/Account/Login", "reception@demo.test", NewPassword);
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(withNew));
        var withOld = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), "/t/demo/Account/Login", "reception@demo.test");
        Assert.Contains("The email or password is not correct.", await MedicalAppFactory.TextAsync(withOld), StringComparison.Ordinal);

        // The link works once.
        var again = await ChooseAsync(client, link.PathAndQuery, "another long passphrase");
        Assert.Contains(PasswordResetService.InvalidLinkMessage, await MedicalAppFactory.TextAsync(again), StringComparison.Ordinal);
        var audit = await app.AuditEventsAsync("demo");
        Assert.Single(audit, e => e.Action == AuditActions.PasswordResetRequested && e.UserEmail == "reception@demo.test");
        Assert.Single(audit, e => e.Action == AuditActions.PasswordReset && e.UserEmail == "reception@demo.test");
    }

    [Fact]
    public async Task An_unknown_address_and_another_practices_member_are_answered_alike_and_get_nothing()
    {
        var client = app.CreateBrowserLikeClient();

        var unknown = await AskAsync(client, "demo", "nobody@nowhere.test");
        var elsewhere = await AskAsync(client, "demo", "owner@sunrise.test");

        Assert.Contains("we have emailed a link", unknown, StringComparison.Ordinal);
        Assert.Contains("we have emailed a link", elsewhere, StringComparison.Ordinal);
        Assert.Equal(0, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        Assert.Empty(await app.InPracticeAsync("demo", db => db.OutboxEmails.AsNoTracking().Where(e => e.Purpose == PasswordResetService.Purpose).ToListAsync()));
        Assert.Empty(await app.InPracticeAsync("sunrise", db => db.OutboxEmails.AsNoTracking().Where(e => e.Purpose == PasswordResetService.Purpose).ToListAsync()));
    }

    [Fact]
    public async Task A_forged_or_altered_link_is_refused()
    {
        var client = app.CreateBrowserLikeClient();

        var forged = await ChooseAsync(client, "/t/demo/Account/ResetPassword?email=reception%40demo.test&code=bm90LWEtdG9rZW4", NewPassword);

        Assert.Contains(PasswordResetService.InvalidLinkMessage, await MedicalAppFactory.TextAsync(forged), StringComparison.Ordinal);
        var withOld = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), "/t/demo/Account/Login", "reception@demo.test");
        Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(withOld));
    }

    [Theory]
    [InlineData("http://evil.example", "/t/demo/Account/ForgotPassword")] // the route strategy, under another site's name
    [InlineData("http://demo.localhost:6666", "/Account/ForgotPassword")] // the host strategy, with a forged port
    public async Task A_forged_Host_header_does_not_change_the_link_in_the_queued_mail(string site, string page)
    {
        var client = app.CreateBrowserLikeClient(site);

        var asked = await MedicalAppFactory.PostFormAsync(client, page, "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "reception@demo.test" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var queued = await app.InPracticeAsync("demo", db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Purpose == PasswordResetService.Purpose));
        var link = LinkPattern().Match(app.Services.GetRequiredService<MailOutbox>().ReadBody(queued)).Value;
        // Development's configured public address (appsettings.Development.json), whatever the request claimed to be.
        Assert.StartsWith("http://localhost:5000/t/demo/Account/ResetPassword?email=reception%40demo.test&code=", link, StringComparison.Ordinal);
    }

    private static async Task<string> AskAsync(HttpClient client, string slug, string email)
    {
        var response = await MedicalAppFactory.PostFormAsync(client, $"/t/{slug}/Account/ForgotPassword", "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await MedicalAppFactory.TextAsync(response);
    }

    private static Task<HttpResponseMessage> ChooseAsync(HttpClient client, string pathAndQuery, string password) =>
        MedicalAppFactory.PostFormAsync(client, pathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex LinkPattern();
}
