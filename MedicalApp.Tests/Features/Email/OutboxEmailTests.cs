using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Email;
using MedicalApp.Web.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Email;

/// <summary>Invitations through a real SMTP server (in-process), the pickup folder, retries while the server is down.</summary>
public sealed class OutboxEmailTests
{
    private static async Task<(string Slug, ApplicationUser Owner, StaffResult Added, string Email)> AddReceptionistAsync(MedicalAppFactory app)
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Mail Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var email = $"new-{Guid.NewGuid():N}@mail.test";
        var added = await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().AddMemberAsync(
            new NewMemberForm { FullName = "Neha Kulkarni", Email = email, Roles = PracticeRoles.Receptionist }));
        Assert.True(added.Succeeded, added.Message);
        return (slug, owner, added, email);
    }

    private static Task<OutboxEmail> InvitationAsync(MedicalAppFactory app, string slug, string email) =>
        app.InPracticeAsync(slug, db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.ToAddress == email));

    [Fact]
    public async Task The_invitation_arrives_by_smtp_and_its_temporary_password_signs_in_once_then_must_be_changed()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), SmtpTestServer.AppSettings(smtp.Port));
        var (slug, _, added, email) = await AddReceptionistAsync(app);

        Assert.Equal(1, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var message = await smtp.WaitForMessageToAsync(email);
        Assert.StartsWith("Your MedicalApp sign-in for Mail Clinic", message.Subject, StringComparison.Ordinal);
        Assert.Contains(added.TemporaryPassword!, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/t/{slug}/Account/Login", message.TextBody, StringComparison.Ordinal);
        var sent = await InvitationAsync(app, slug, email);
        Assert.Equal(OutboxEmailStatus.Sent, sent.Status);
        Assert.Null(sent.ProtectedBody); // the temporary password does not stay in the database

        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{slug}/Account/Login", email, added.TemporaryPassword!);
        Assert.Equal($"/t/{slug}/Account/ChangePassword", MedicalAppFactory.RedirectTarget(signIn));
        var changed = await MedicalAppFactory.PostFormAsync(client, $"/t/{slug}/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = added.TemporaryPassword!,
            ["Input.NewPassword"] = "cardamom and ginger",
            ["Input.ConfirmPassword"] = "cardamom and ginger",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var home = await client.GetAsync($"/t/{slug}/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welcome, Neha Kulkarni.", await MedicalAppFactory.TextAsync(home), StringComparison.Ordinal);

        // The temporary password no longer works.
        var old = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), $"/t/{slug}/Account/Login", email, added.TemporaryPassword!);
        Assert.Contains("The email or password is not correct.", await MedicalAppFactory.TextAsync(old), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_the_account_exists_the_mail_is_retried_and_an_admin_can_resend_it()
    {
        var port = SmtpTestServer.FreePort(); // nothing listens here yet
        var settings = new Dictionary<string, string?>(SmtpTestServer.AppSettings(port)) { ["Email:MaxAttempts"] = "2" };
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings);
        var (slug, owner, added, email) = await AddReceptionistAsync(app);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(0, await dispatcher.DispatchDueAsync());
        var retrying = await InvitationAsync(app, slug, email);
        Assert.Equal(OutboxEmailStatus.Pending, retrying.Status);
        Assert.Equal(1, retrying.Attempts);
        Assert.NotNull(retrying.LastError);
        Assert.True(retrying.NextAttemptAtUtc > DateTime.UtcNow.AddSeconds(20), "the next attempt waits (back-off)");
        Assert.Equal(0, await dispatcher.DispatchDueAsync()); // not due yet

        // The account was created all the same: the temporary password works.
        var signIn = await MedicalAppFactory.SignInAsync(app.CreateBrowserLikeClient(), $"/t/{slug}/Account/Login", email, added.TemporaryPassword!);
        Assert.Equal($"/t/{slug}/Account/ChangePassword", MedicalAppFactory.RedirectTarget(signIn));

        // An administrator re-sends: it is due at once, fails again, and after the last attempt it is marked failed.
        var user = (await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ListAsync())).Single(m => m.Email == email);
        Assert.True((await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ResendInvitationAsync(user.UserId))).Succeeded);
        await dispatcher.DispatchDueAsync();
        Assert.Equal(OutboxEmailStatus.Pending, (await InvitationAsync(app, slug, email)).Status);
        await app.InPracticeAsync(slug, async db =>
        {
            (await db.OutboxEmails.SingleAsync(e => e.ToAddress == email)).NextAttemptAtUtc = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        await dispatcher.DispatchDueAsync();
        Assert.Equal(OutboxEmailStatus.Failed, (await InvitationAsync(app, slug, email)).Status);
        Assert.Equal(OutboxEmailStatus.Failed, (await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ListAsync())).Single(m => m.Email == email).InvitationStatus);

        // The server comes back; the admin re-sends and it arrives.
        await using var smtp = SmtpTestServer.Start(port);
        Assert.True((await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ResendInvitationAsync(user.UserId))).Succeeded);
        Assert.Equal(1, await dispatcher.DispatchDueAsync());
        var message = await smtp.WaitForMessageToAsync(email);
        Assert.Contains(added.TemporaryPassword!, message.TextBody, StringComparison.Ordinal);
        Assert.False((await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffService>().ResendInvitationAsync(user.UserId))).Succeeded);
    }

    [Fact]
    public async Task In_development_mail_is_written_to_the_pickup_folder()
    {
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
        var (_, _, added, email) = await AddReceptionistAsync(app);
        Assert.Equal(1, await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

        var folder = app.Settings["Email:PickupFolder"]!;
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Contains(added.TemporaryPassword!, message.TextBody, StringComparison.Ordinal);
    }
}
