namespace MedicalApp.Data.Entities;

/// <summary>
/// A queued message, whichever outbox it is in: a practice's (<see cref="OutboxEmail"/>) or the platform's
/// (<see cref="PlatformOutboxEmail"/>). The outbox fills it and the dispatcher sends it through this one shape.
/// </summary>
public interface IQueuedEmail
{
    Guid Id { get; }

    string ToAddress { get; set; }

    string? ToName { get; set; }

    string Subject { get; set; }

    string Purpose { get; set; }

    DateTime CreatedAtUtc { get; set; }

    string? ProtectedBody { get; set; }

    OutboxEmailStatus Status { get; set; }

    int Attempts { get; set; }

    DateTime NextAttemptAtUtc { get; set; }

    string? LastError { get; set; }

    DateTime? SentAtUtc { get; set; }
}

/// <summary>
/// A message that belongs to no practice (yet): the confirmation of a practice registration, or the answer to a
/// registration with an email that already has an account. Same life as <see cref="OutboxEmail"/> (queued in the
/// transaction that caused it, retried, body encrypted and erased once sent), but a global row, because the practice
/// does not exist or the account spans several.
/// </summary>
public class PlatformOutboxEmail : IQueuedEmail
{
    public Guid Id { get; set; }

    public string ToAddress { get; set; } = "";

    public string? ToName { get; set; }

    public string Subject { get; set; } = "";

    public string? ProtectedBody { get; set; }

    public string Purpose { get; set; } = "";

    public OutboxEmailStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
}
