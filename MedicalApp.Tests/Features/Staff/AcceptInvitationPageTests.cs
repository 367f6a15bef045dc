using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Staff;

/// <summary>The accept page over HTTP for someone who already has an account (the new person's way is in OutboxEmailTests).</summary>
public sealed partial class AcceptInvitationPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [GeneratedRegex(@"/Account/AcceptInvitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex AcceptLink();

    [Fact]
    public async Task An_existing_account_joins_from_the_link_with_its_own_password_and_lands_signed_in()
    {
        var (homeSlug, elsewhere) = await App.RegisterPracticeAsync("Home Practice " + Guid.NewGuid().ToString("N")[..5]);
        var (slug, owner) = await App.RegisterPracticeAsync("Second Practice " + Guid.NewGuid().ToString("N")[..5]);
        var invited = await App.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffInvitationService>().InviteAsync(
            new NewMemberForm { FullName = "Visiting Consultant", Email = elsewhere.Email!, Roles = PracticeRoles.Nurse }));
        Assert.True(invited.Succeeded, invited.Message);
        var mail = await App.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.ToAddress == elsewhere.Email));
        var path = $"/t/{slug}" + AcceptLink().Match(App.Services.GetRequiredService<MailOutbox>().ReadBody(mail)).Value;

        // At another practice's address the link is nobody's.
        var elsewherePage = await App.CreateBrowserLikeClient().GetAsync(path.Replace($"/t/{slug}/", $"/t/{homeSlug}/", StringComparison.Ordinal));
        Assert.Contains(InvitationAcceptanceService.MessageFor(InvitationState.Unknown), await MedicalAppFactory.TextAsync(elsewherePage), StringComparison.Ordinal);

        // At the root (no practice) neither.
        var rootPage = await App.CreateBrowserLikeClient().GetAsync(path.Replace($"/t/{slug}/", "/", StringComparison.Ordinal));
        Assert.Contains(InvitationAcceptanceService.MessageFor(InvitationState.Unknown), await MedicalAppFactory.TextAsync(rootPage), StringComparison.Ordinal);

        var client = App.CreateBrowserLikeClient();
        var page = await MedicalAppFactory.TextAsync(await client.GetAsync(path));
        Assert.Contains("Sign in and join", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Create my account", page, StringComparison.Ordinal);

        var wrong = await MedicalAppFactory.PostFormAsync(client, path, "accept-with-account", new Dictionary<string, string> { ["Account.Password"] = "not the password at all" });
        Assert.Contains("The password is not correct.", await MedicalAppFactory.TextAsync(wrong), StringComparison.Ordinal);
        Assert.Equal(StaffInvitationStatus.Pending, (await App.InPracticeAsync(slug, db => db.StaffInvitations.AsNoTracking().SingleAsync())).Status);

        var joined = await MedicalAppFactory.PostFormAsync(client, path, "accept-with-account", new Dictionary<string, string> { ["Account.Password"] = MedicalAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(joined));
        var home = await client.GetAsync($"/t/{slug}/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome, Test Owner.", await MedicalAppFactory.TextAsync(home), StringComparison.Ordinal);
        Assert.Equal(StaffInvitationStatus.Accepted, (await App.InPracticeAsync(slug, db => db.StaffInvitations.AsNoTracking().SingleAsync())).Status);
        var audit = await App.AuditEventsAsync(slug);
        Assert.Contains(audit, e => e.Action == "SignInFailed" && e.UserId == elsewhere.Id);
        Assert.Contains(audit, e => e.Action == "InvitationAccepted" && e.UserId == elsewhere.Id);
    }
}
