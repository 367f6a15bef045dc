using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum OutboxEmailStatus
{
    Pending,
    Sent,

    /// <summary>Gave up after the last retry; an administrator can send it again.</summary>
    Failed,
}

/// <summary>
/// An email waiting to be sent, or the record of one. Written in the same transaction as what caused it (a new staff
/// account), so a mail server that is down never loses it. The body can hold a temporary password, so it is stored
/// encrypted with Data Protection and erased once the message is sent.
/// </summary>
public class OutboxEmail : ITenantOwned, IAllowedWhenReadOnly, IQueuedEmail
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string ToAddress { get; set; } = "";

    public string? ToName { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>The message body, protected; null once sent.</summary>
    public string? ProtectedBody { get; set; }

    /// <summary>What the message is for, e.g. "StaffInvitation".</summary>
    public string Purpose { get; set; } = "";

    public Guid? RelatedUserId { get; set; }

    public OutboxEmailStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
}
