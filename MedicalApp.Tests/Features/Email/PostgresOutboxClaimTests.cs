using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Email;

/// <summary>
/// Two servers of one deployment dispatch the same outbox (the production lane runs two). On PostgreSQL they really
/// run at once: a server that read the due messages and is held in the middle of one delivery must not send, when it
/// goes on, the messages the other server sent meanwhile. Each message is claimed before it is sent.
/// </summary>
public sealed class PostgresOutboxClaimTests(PostgresServer server)
{
    [Fact]
    public async Task Two_dispatchers_at_once_send_every_message_exactly_once()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server, migrate: false),
            SmtpTestServer.AppSettings(smtp.Port));
        var (slug, owner) = await app.RegisterPracticeAsync("Claim Clinic " + Guid.NewGuid().ToString("N")[..5]);
        var invited = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var email = $"claim-{i}-{Guid.NewGuid():N}@mail.test";
            var result = await app.WithPracticeServicesAsync(slug, owner.Id, s => s.GetRequiredService<StaffInvitationService>().InviteAsync(
                new NewMemberForm { FullName = $"Member {i}", Email = email, Roles = PracticeRoles.Receptionist }));
            Assert.True(result.Succeeded, result.Message);
            invited.Add(email);
        }

        // The owner's welcome and four invitations (the welcome may wait in the platform outbox).
        var queued = await app.InPracticeAsync(slug, db => db.OutboxEmails.CountAsync(e => e.Status == OutboxEmailStatus.Pending))
            + await PlatformPendingAsync(app);
        Assert.True(queued >= 5, $"{queued} messages queued");

        // Server A reads the due messages and is held inside its first delivery.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        smtp.Gate = gate;
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var first = dispatcher.DispatchDueAsync();
        await smtp.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Server B dispatches meanwhile: it sends everything A has not claimed.
        smtp.Gate = null;
        Assert.Equal(queued - 1, await dispatcher.DispatchDueAsync());

        // A goes on: its delivery completes, and it finds every other message taken.
        gate.SetResult();
        Assert.Equal(1, await first.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(queued, smtp.Messages.Count);
        foreach (var email in invited)
        {
            Assert.Single(smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == email));
        }

        Assert.Equal(0, await app.InPracticeAsync(slug, db => db.OutboxEmails.CountAsync(e => e.Status != OutboxEmailStatus.Sent)));
    }

    private static async Task<int> PlatformPendingAsync(MedicalAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await db.PlatformOutboxEmails.CountAsync(e => e.Status == OutboxEmailStatus.Pending);
    }
}
