using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.AspNetCore.DataProtection;

namespace MedicalApp.Web.Services.Email;

public sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string TextBody, string Purpose, Guid? RelatedUserId = null);

/// <summary>
/// Queues mail in the caller's own unit of work: the message is saved with whatever caused it (a new account) or not
/// at all, and the dispatcher sends it later, retrying while the mail server is down. Bodies are encrypted at rest
/// because invitations carry a temporary password.
/// </summary>
public sealed class MailOutbox(IDataProtectionProvider protection, TimeProvider clock, OutboxSignal signal)
{
    private const string ProtectionPurpose = "MedicalApp.OutboxEmail.Body";

    public OutboxEmail Queue(MedicalDbContext db, EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow().UtcDateTime;
        var email = new OutboxEmail
        {
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            ProtectedBody = protection.CreateProtector(ProtectionPurpose).Protect(message.TextBody),
            Purpose = message.Purpose,
            RelatedUserId = message.RelatedUserId,
            Status = OutboxEmailStatus.Pending,
            NextAttemptAtUtc = now,
            CreatedAtUtc = now,
        };
        db.OutboxEmails.Add(email);
        return email;
    }

    /// <summary>
    /// Queues a message that belongs to no practice (a registration's confirmation, the answer to a registration with
    /// an existing account) in the platform outbox, in the caller's unit of work.
    /// </summary>
    public PlatformOutboxEmail QueuePlatform(MedicalDbContext db, EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow().UtcDateTime;
        var email = new PlatformOutboxEmail
        {
            ToAddress = message.ToAddress,
            ToName = message.ToName,
            Subject = message.Subject,
            ProtectedBody = protection.CreateProtector(ProtectionPurpose).Protect(message.TextBody),
            Purpose = message.Purpose,
            Status = OutboxEmailStatus.Pending,
            NextAttemptAtUtc = now,
            CreatedAtUtc = now,
        };
        db.PlatformOutboxEmails.Add(email);
        return email;
    }

    /// <summary>Asks the dispatcher to look now rather than at its next interval (call after committing).</summary>
    public void NotifyQueued() => signal.Wake();

    public string ReadBody(IQueuedEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.ProtectedBody is { } body ? protection.CreateProtector(ProtectionPurpose).Unprotect(body) : "";
    }
}

/// <summary>Wakes the background dispatcher early.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Wake()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}
