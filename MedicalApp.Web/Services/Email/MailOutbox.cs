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
        var email = Pending(new OutboxEmail { RelatedUserId = message.RelatedUserId }, message);
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
        var email = Pending(new PlatformOutboxEmail(), message);
        db.PlatformOutboxEmails.Add(email);
        return email;
    }

    /// <summary>Asks the dispatcher to look now rather than at its next interval (call after committing).</summary>
    public void NotifyQueued() => signal.Wake();

    // Either outbox's row, filled the same way: due at once, its body encrypted.
    private T Pending<T>(T email, EmailMessage message) where T : IQueuedEmail
    {
        var now = clock.GetUtcNow().UtcDateTime;
        email.ToAddress = message.ToAddress;
        email.ToName = message.ToName;
        email.Subject = message.Subject;
        email.ProtectedBody = protection.CreateProtector(ProtectionPurpose).Protect(message.TextBody);
        email.Purpose = message.Purpose;
        email.Status = OutboxEmailStatus.Pending;
        email.NextAttemptAtUtc = now;
        email.CreatedAtUtc = now;
        return email;
    }

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
