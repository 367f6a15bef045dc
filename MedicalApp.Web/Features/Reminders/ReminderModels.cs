using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>The reminder settings form. The stored API key is never sent back: only whether there is one.</summary>
public sealed class ReminderSettingsInput
{
    public bool EmailEnabled { get; set; } = true;

    public bool SmsEnabled { get; set; }

    public bool SendConfirmation { get; set; } = true;

    public bool SendDayBefore { get; set; } = true;

    public TimeOnly DayBeforeAt { get; set; } = new(18, 0);

    /// <summary>Null: no second reminder.</summary>
    public int? HoursBefore { get; set; } = 2;

    public string DefaultLanguage { get; set; } = ReminderLanguages.English;

    public string? SmsUrlTemplate { get; set; }

    public string SmsHttpMethod { get; set; } = "GET";

    public string? SmsBodyTemplate { get; set; }

    public string? SmsSenderId { get; set; }

    /// <summary>A new key; empty keeps the saved one.</summary>
    public string? SmsApiKey { get; set; }

    public bool RemoveSmsApiKey { get; set; }

    public bool HasSmsApiKey { get; set; }

    public int? Version { get; set; }
}

/// <summary>Names of the settings fields that can carry an error.</summary>
public static class ReminderFields
{
    public const string HoursBefore = nameof(ReminderSettingsInput.HoursBefore);
    public const string DefaultLanguage = nameof(ReminderSettingsInput.DefaultLanguage);
    public const string SmsEnabled = nameof(ReminderSettingsInput.SmsEnabled);
    public const string SmsUrlTemplate = nameof(ReminderSettingsInput.SmsUrlTemplate);
    public const string SmsHttpMethod = nameof(ReminderSettingsInput.SmsHttpMethod);
    public const string SmsBodyTemplate = nameof(ReminderSettingsInput.SmsBodyTemplate);
    public const string SmsSenderId = nameof(ReminderSettingsInput.SmsSenderId);
    public const string SmsApiKey = nameof(ReminderSettingsInput.SmsApiKey);
    public const string TestNumber = "TestNumber";
    public const string Subject = nameof(ReminderTemplateInput.Subject);
    public const string Body = nameof(ReminderTemplateInput.Body);
}

/// <summary>One message's wording in the editor: the practice's own, or the standard wording when it has none.</summary>
public sealed class ReminderTemplateInput
{
    public ReminderKind Kind { get; set; }

    public ReminderChannel Channel { get; set; }

    public string Language { get; set; } = ReminderLanguages.English;

    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>The practice has its own wording (else the standard is shown).</summary>
    public bool IsCustom { get; set; }

    public int? Version { get; set; }
}

/// <summary>One line of an appointment's delivery log.</summary>
public sealed record DeliveryLogEntry(
    ReminderKind Kind, ReminderChannel Channel, string To, AppointmentMessageStatus Status, DateTime LocalTime, DateTime LocalVisitStart,
    string Language, string? Note, int Attempts)
{
    public string KindText => ReminderKindText.Describe(Kind);
}

public static class ReminderKindText
{
    public static string Describe(ReminderKind kind) => kind switch
    {
        ReminderKind.Confirmation => "Booking confirmation",
        ReminderKind.DayBefore => "Day-before reminder",
        ReminderKind.Cancellation => "Cancelled by the practice",
        _ => "Reminder hours before",
    };

    public static string Describe(ReminderChannel channel) => channel == ReminderChannel.Sms ? "SMS" : "Email";
}
