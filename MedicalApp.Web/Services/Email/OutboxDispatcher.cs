using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Services.Email;

/// <summary>
/// Sends due outbox messages of every practice (through the platform path, as it crosses practices). A failure is
/// recorded and retried with exponential back-off; after the last attempt the message is marked failed for an
/// administrator to re-send. A sent message's body (it may hold a temporary password) is erased.
/// Several servers of one deployment dispatch the same outbox: each message is claimed before it is sent (one
/// conditional update moves its next attempt past a lease; only the server whose update took the row sends it), so
/// a message goes out once. A server that dies mid-send leaves the claim to lapse, and the message is sent again
/// after the lease: at least once, never by two servers at the same time.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopeFactory,
    MailDelivery delivery,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 20;

    /// <summary>How long a claimed message is left to its server: far longer than one SMTP delivery takes.</summary>
    internal static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <returns>How many messages were sent.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxEmails.IgnoreQueryFilters([MedicalDbContext.TenantFilter])
            .Where(e => e.Status == OutboxEmailStatus.Pending && e.NextAttemptAtUtc <= now)
            .OrderBy(e => e.NextAttemptAtUtc).Take(BatchSize).ToListAsync(cancellationToken);
        // Mail that belongs to no practice (registration confirmations), from the platform outbox.
        var duePlatform = await db.PlatformOutboxEmails
            .Where(e => e.Status == OutboxEmailStatus.Pending && e.NextAttemptAtUtc <= now)
            .OrderBy(e => e.NextAttemptAtUtc).Take(BatchSize).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var email in duePlatform.Cast<IQueuedEmail>().Concat(due))
        {
            if (!await ClaimAsync(db, email, now, cancellationToken))
            {
                continue; // another server took it since it was read
            }

            if (await SendAsync(outbox, email, cancellationToken))
            {
                sent++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    /// <summary>Takes the message for this server if it is still pending and due: one conditional update, atomic on
    /// both databases. The tracked entity keeps its old next-attempt time, so the save after sending leaves the
    /// lease alone unless the send failed and set a retry time.</summary>
    private static async Task<bool> ClaimAsync(MedicalDbContext db, IQueuedEmail email, DateTime now, CancellationToken cancellationToken)
    {
        var leaseEnd = now + ClaimLease;
        var claimed = email switch
        {
            OutboxEmail practiceMail => await db.OutboxEmails.IgnoreQueryFilters([MedicalDbContext.TenantFilter])
                .Where(e => e.Id == practiceMail.Id && e.Status == OutboxEmailStatus.Pending && e.NextAttemptAtUtc <= now)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.NextAttemptAtUtc, leaseEnd), cancellationToken),
            PlatformOutboxEmail platformMail => await db.PlatformOutboxEmails
                .Where(e => e.Id == platformMail.Id && e.Status == OutboxEmailStatus.Pending && e.NextAttemptAtUtc <= now)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.NextAttemptAtUtc, leaseEnd), cancellationToken),
            _ => throw new InvalidOperationException($"Unknown outbox message type {email.GetType().Name}."),
        };
        return claimed == 1;
    }

    private async Task<bool> SendAsync(MailOutbox outbox, IQueuedEmail email, CancellationToken cancellationToken)
    {
        try
        {
            var message = delivery.Compose(email.ToAddress, email.ToName, email.Subject, outbox.ReadBody(email));
            await delivery.DeliverAsync(message, cancellationToken);
            email.Status = OutboxEmailStatus.Sent;
            email.SentAtUtc = clock.GetUtcNow().UtcDateTime;
            email.ProtectedBody = null;
            email.LastError = null;
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            email.Attempts++;
            email.LastError = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
            if (email.Attempts >= options.Value.MaxAttempts)
            {
                email.Status = OutboxEmailStatus.Failed;
            }
            else
            {
                email.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + RetryDelay(email.Attempts);
            }

            LogFailed(logger, email.Id, email.Attempts, exception.Message);
            return false;
        }
    }

    /// <summary>30 s, 1 min, 2 min, … capped at one hour.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending outbox email {EmailId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogFailed(ILogger logger, Guid emailId, int attempts, string error);
}

/// <summary>Runs the dispatcher every few seconds, or as soon as something is queued.</summary>
public sealed partial class OutboxBackgroundService(
    OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<EmailOptions> options, ILogger<OutboxBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatchInBackground)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.DispatchIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next round tries again.
                LogRoundFailed(logger, exception);
            }

            try
            {
                await signal.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox dispatch round failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
