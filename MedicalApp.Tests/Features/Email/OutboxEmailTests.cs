using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Email;

/// <summary>Invitations through a real SMTP server (in-process), the pickup folder, retries while the server is down.</summary>
public sealed partial class OutboxEmailTests
{
    private static async Task<(string Slug, ApplicationUser Owner, string Email)> InviteReceptionistAsync(MedicalAppFactory app)
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Mail Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = $"new-{Guid.NewGuid():N}@mail.test";
        var invited = await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffInvitationService>().InviteAsync(
            new NewMemberForm { FullName = "Neha Kulkarni", Email = email, Roles = PracticeRoles.Receptionist }));
        Assert.True(invited.Succeeded, invited.Message);
        return (slug, owner, email);
    }

    private static Task<List<OutboxEmail>> MailsToAsync(MedicalAppFactory app, string slug, string email) =>
        app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().Where(e => e.ToAddress == email).OrderBy(e => e.CreatedAtUtc).ToListAsync());

    [GeneratedRegex(@"https?://\S+/Account/AcceptInvitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex AcceptLink();

    [Fact]
    public async Task The_invitation_arrives_by_smtp_and_its_link_lets_the_new_person_choose_a_password_and_land_signed_in()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), SmtpTestServer.AppSettings(smtp.Port));
        var (slug, _, email) = await InviteReceptionistAsync(app);

        // The owner's welcome (with the practice's address) and the invitation.
        Assert.Equal(2, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var message = await smtp.WaitForMessageToAsync(email);
        Assert.StartsWith("Join Mail Clinic", message.Subject, StringComparison.Ordinal);
        var link = new Uri(AcceptLink().Match(message.TextBody ?? "").Value);
        Assert.Equal($"/t/{slug}/Account/AcceptInvitation", link.AbsolutePath);
        Assert.DoesNotContain("password:", message.TextBody, StringComparison.OrdinalIgnoreCase); // no temporary password any more
        var sent = Assert.Single(await MailsToAsync(app, slug, email));
        Assert.Equal(OutboxEmailStatus.Sent, sent.Status);
        Assert.Null(sent.ProtectedBody); // the link does not stay in the database

        var client = app.CreateBrowserLikeClient();
        var page = await client.GetAsync(link.PathAndQuery);
        Assert.Contains("Create my account and join", await MedicalAppFactory.TextAsync(page), StringComparison.Ordinal);
        var mismatch = await MedicalAppFactory.PostFormAsync(client, link.PathAndQuery, "accept-new-person", new Dictionary<string, string>
        {
            ["NewPerson.FullName"] = "Neha Kulkarni",
            ["NewPerson.Password"] = "cardamom and ginger",
            ["NewPerson.ConfirmPassword"] = "cardamom and pepper",
        });
        Assert.Contains("The two passwords do not match.", await MedicalAppFactory.TextAsync(mismatch), StringComparison.Ordinal);
        var accepted = await MedicalAppFactory.PostFormAsync(client, link.PathAndQuery, "accept-new-person", new Dictionary<string, string>
        {
            ["NewPerson.FullName"] = "Neha Kulkarni",
            ["NewPerson.Password"] = "cardamom and ginger",
            ["NewPerson.ConfirmPassword"] = "cardamom and ginger",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var home = await client.GetAsync($"/t/{slug}/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome, Neha Kulkarni.", await MedicalAppFactory.TextAsync(home), StringComparison.Ordinal);

        // The link worked once.
        var reused = await app.CreateBrowserLikeClient().GetAsync(link.PathAndQuery);
        Assert.Contains(InvitationAcceptanceService.MessageFor(InvitationState.Used), await MedicalAppFactory.TextAsync(reused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_the_invitation_is_retried_and_an_admin_can_resend_it_with_a_new_link()
    {
        var port = SmtpTestServer.FreePort(); // nothing listens here yet
        var settings = new Dictionary<string, string?>(SmtpTestServer.AppSettings(port)) { ["Email:MaxAttempts"] = "2" };
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings);
        var (slug, owner, email) = await InviteReceptionistAsync(app);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        Task<IReadOnlyList<PendingInvitation>> PendingAsync() =>
            app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffInvitationService>().ListPendingAsync());

        Assert.Equal(0, await dispatcher.DispatchDueAsync());
        var retrying = Assert.Single(await MailsToAsync(app, slug, email));
        Assert.Equal(OutboxEmailStatus.Pending, retrying.Status);
        Assert.Equal(1, retrying.Attempts);
        Assert.NotNull(retrying.LastError);
        Assert.True(retrying.NextAttemptAtUtc > DateTime.UtcNow.AddSeconds(20), "the next attempt waits (back-off)");
        Assert.Equal(0, await dispatcher.DispatchDueAsync()); // not due yet

        await app.InPracticeAsync(slug, async db =>
        {
            (await db.OutboxEmails.SingleAsync(e => e.ToAddress == email)).NextAttemptAtUtc = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        await dispatcher.DispatchDueAsync();
        Assert.Equal(OutboxEmailStatus.Failed, Assert.Single(await MailsToAsync(app, slug, email)).Status);
        var invitation = Assert.Single(await PendingAsync());
        Assert.Equal(OutboxEmailStatus.Failed, invitation.EmailStatus);
        Assert.NotNull(invitation.EmailError);
        var firstLink = AcceptLink().Match(app.Services.GetRequiredService<MailOutbox>().ReadBody((await MailsToAsync(app, slug, email))[0])).Value;

        // The server comes back; the admin re-sends: a new message with a new link arrives, the old link is dead.
        await using var smtp = SmtpTestServer.Start(port);
        Assert.True((await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffInvitationService>().ResendAsync(invitation.InvitationId))).Succeeded);
        Assert.Equal(1, await dispatcher.DispatchDueAsync());
        var message = await smtp.WaitForMessageToAsync(email);
        var newLink = AcceptLink().Match(message.TextBody ?? "").Value;
        Assert.NotEqual("", newLink);
        Assert.NotEqual(firstLink, newLink);
        Assert.Equal(OutboxEmailStatus.Sent, Assert.Single(await PendingAsync()).EmailStatus);
        var client = app.CreateBrowserLikeClient();
        Assert.Contains(InvitationAcceptanceService.MessageFor(InvitationState.Unknown),
            await MedicalAppFactory.TextAsync(await client.GetAsync(new Uri(firstLink).PathAndQuery)), StringComparison.Ordinal);
        Assert.Contains("Create my account and join", await MedicalAppFactory.TextAsync(await client.GetAsync(new Uri(newLink).PathAndQuery)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_mail_is_written_to_the_pickup_folder()
    {
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
        var (_, _, email) = await InviteReceptionistAsync(app);
        // The owner's welcome (with the practice's address) and the invitation.
        Assert.Equal(2, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var folder = app.Settings["Email:PickupFolder"]!;
        var messages = new List<MimeKit.MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            messages.Add(await MimeKit.MimeMessage.LoadAsync(file));
        }

        Assert.Equal(2, messages.Count);
        var invitation = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == email);
        Assert.Matches(AcceptLink(), invitation.TextBody);
    }
}
