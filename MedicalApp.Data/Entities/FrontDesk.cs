using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// One opening period of a clinic location on a weekday (09:00–13:00); a split day has two rows. A location without
/// rows has no structured hours yet. Doctors' weekly hours outside these periods are warned about, not refused.
/// </summary>
public class LocationOpeningHours : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ClinicLocationId { get; set; }

    public DayOfWeek Day { get; set; }

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }
}

public enum ReminderKind
{
    /// <summary>Sent when the visit is booked (or moved to a new time).</summary>
    Confirmation,

    /// <summary>Sent the evening before the visit.</summary>
    DayBefore,

    /// <summary>Sent the practice's chosen number of hours before the visit.</summary>
    HoursBefore,

    /// <summary>
    /// Sent when the practice cancels the visit itself (the doctor's leave). Stored as its name (a string column with
    /// no check constraint), so this value needed no migration.
    /// </summary>
    Cancellation,
}

public enum ReminderChannel
{
    Email,
    Sms,
}

public enum AppointmentMessageStatus
{
    /// <summary>Waiting to be sent (SMS) or handed to the email outbox.</summary>
    Pending,
    Sent,

    /// <summary>Gave up after the last retry; the error is kept.</summary>
    Failed,

    /// <summary>Not sent, with the reason (opted out, no mobile, visit cancelled before it went).</summary>
    Skipped,
}

/// <summary>
/// How a practice reminds its patients. One per practice, created by the settings service under the practice lock
/// (a plain index, not a unique one, so the isolation matrix can add samples beside it). The SMS gateway's API key is
/// protected with Data Protection like the outbox bodies and never shown again once saved.
/// </summary>
public class ReminderSettings : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public bool EmailEnabled { get; set; } = true;

    public bool SmsEnabled { get; set; }

    public bool SendConfirmation { get; set; } = true;

    public bool SendDayBefore { get; set; } = true;

    /// <summary>The practice's local time of the day-before reminder, e.g. 18:00.</summary>
    public TimeOnly DayBeforeAt { get; set; } = new(18, 0);

    /// <summary>Hours before the visit for the second reminder; null sends none.</summary>
    public int? HoursBefore { get; set; } = 2;

    /// <summary>The language used when the patient has none ("en", "ta").</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// The gateway's address with placeholders {to}, {message}, {sender} and {key} (values URL-encoded), e.g.
    /// <c>https://sms.example.in/send?apikey={key}&amp;to={to}&amp;text={message}</c>.
    /// </summary>
    public string? SmsUrlTemplate { get; set; }

    /// <summary>GET puts everything in the address; POST sends <see cref="SmsBodyTemplate"/> as the body.</summary>
    public string SmsHttpMethod { get; set; } = "GET";

    /// <summary>For POST: the body with the same placeholders (values JSON-escaped when the body is JSON).</summary>
    public string? SmsBodyTemplate { get; set; }

    /// <summary>The gateway's API key, protected with Data Protection; null when none is set.</summary>
    public string? ProtectedSmsApiKey { get; set; }

    /// <summary>The registered sender ID (DLT header in India, e.g. "SUNCLN").</summary>
    public string? SmsSenderId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>
/// A practice's wording of one message in one language. Placeholders: {patient}, {doctor}, {date}, {time},
/// {location}, {number}, {practice}, {phone}. Practices start with the standard set in English and Tamil.
/// </summary>
public class ReminderTemplate : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public ReminderKind Kind { get; set; }

    public ReminderChannel Channel { get; set; }

    /// <summary>"en" or "ta".</summary>
    public string Language { get; set; } = "en";

    /// <summary>The email subject; null for SMS.</summary>
    public string? Subject { get; set; }

    public string Body { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>
/// One confirmation or reminder for one visit on one channel: the delivery log shown on the appointment, and the SMS
/// queue. Unique per appointment, kind, channel and visit time, so a restart or a second server never sends it twice;
/// moving the visit to a new time makes the new time's messages due.
/// </summary>
public class AppointmentMessage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid AppointmentId { get; set; }

    public ReminderKind Kind { get; set; }

    public ReminderChannel Channel { get; set; }

    /// <summary>The visit's start this message is about (UTC).</summary>
    public DateTime ForStartsAtUtc { get; set; }

    public string Language { get; set; } = "en";

    /// <summary>The email address or mobile number it went to.</summary>
    public string To { get; set; } = "";

    public AppointmentMessageStatus Status { get; set; }

    /// <summary>The SMS text, protected; null once sent, and for email (the outbox holds the body).</summary>
    public string? ProtectedBody { get; set; }

    /// <summary>The email in the outbox that carries this message.</summary>
    public Guid? OutboxEmailId { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>The last failure, or why it was skipped.</summary>
    public string? Note { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
}
