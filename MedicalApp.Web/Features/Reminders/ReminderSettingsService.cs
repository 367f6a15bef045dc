using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>
/// The practice's reminder settings, its wording of each message and the test SMS (administrators: ManageReminders),
/// and an appointment's delivery log (anyone who sees appointments). The settings row is created here under the
/// practice lock the change frame takes; a practice without one reminds with the defaults and the standard wording.
/// </summary>
public sealed partial class ReminderSettingsService(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, ReminderProtection protection,
    SmsGateway gateway, TimeProvider clock)
{
    public const string NotAllowed = "Only administrators can change appointment reminders.";

    private static readonly ChangeRule ManageReminders = new(PracticePermission.ManageReminders, NotAllowed);

    public async Task<ReminderSettingsInput> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageReminders, cancellationToken: cancellationToken);
        var settings = await ReadAsync(db, cancellationToken);
        return new ReminderSettingsInput
        {
            EmailEnabled = settings.EmailEnabled, SmsEnabled = settings.SmsEnabled, SendConfirmation = settings.SendConfirmation,
            SendDayBefore = settings.SendDayBefore, DayBeforeAt = settings.DayBeforeAt, HoursBefore = settings.HoursBefore,
            DefaultLanguage = settings.DefaultLanguage, SmsUrlTemplate = settings.SmsUrlTemplate, SmsHttpMethod = settings.SmsHttpMethod,
            SmsBodyTemplate = settings.SmsBodyTemplate, SmsSenderId = settings.SmsSenderId, HasSmsApiKey = settings.ProtectedSmsApiKey is not null,
            Version = settings.Id == Guid.Empty ? null : settings.Version,
        };
    }

    /// <summary>The practice's settings, or the defaults (an unsaved row, empty id) when it has none yet.</summary>
    internal static async Task<ReminderSettings> ReadAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        await db.ReminderSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken) ?? new ReminderSettings();

    public Task<ChangeResult> SaveAsync(ReminderSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(ManageReminders, async change =>
        {
            var settings = await change.Db.ReminderSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            if (Check(input, hasSavedKey: settings?.ProtectedSmsApiKey is not null) is { } invalid)
            {
                return invalid;
            }

            if (settings is null)
            {
                settings = new ReminderSettings();
                change.Db.ReminderSettings.Add(settings);
            }
            else if (StaleEdit.IsStale(input.Version, settings))
            {
                return ChangeResult.Stale("reminder settings");
            }

            var changed = new List<string>();
            void Set<T>(T current, T value, string what, Action<T> apply)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    apply(value);
                    changed.Add(what);
                }
            }

            var url = Clean(input.SmsUrlTemplate);
            var method = input.SmsHttpMethod.ToUpperInvariant();
            Set(settings.EmailEnabled, input.EmailEnabled, input.EmailEnabled ? "email on" : "email off", v => settings.EmailEnabled = v);
            Set(settings.SmsEnabled, input.SmsEnabled, input.SmsEnabled ? "SMS on" : "SMS off", v => settings.SmsEnabled = v);
            Set(settings.SendConfirmation, input.SendConfirmation, input.SendConfirmation ? "confirmations on" : "confirmations off", v => settings.SendConfirmation = v);
            Set(settings.SendDayBefore, input.SendDayBefore, input.SendDayBefore ? "day-before reminder on" : "day-before reminder off", v => settings.SendDayBefore = v);
            Set(settings.DayBeforeAt, input.DayBeforeAt, $"day-before reminder at {input.DayBeforeAt:HH\\:mm}", v => settings.DayBeforeAt = v);
            Set(settings.HoursBefore, input.HoursBefore, input.HoursBefore is { } h ? $"reminder {h} h before" : "no reminder hours before", v => settings.HoursBefore = v);
            Set(settings.DefaultLanguage, input.DefaultLanguage, $"default language {ReminderLanguages.Name(input.DefaultLanguage)}", v => settings.DefaultLanguage = v);
            Set(settings.SmsUrlTemplate, url, "gateway address", v => settings.SmsUrlTemplate = v);
            Set(settings.SmsHttpMethod, method, $"gateway method {method}", v => settings.SmsHttpMethod = v);
            Set(settings.SmsBodyTemplate, method == "POST" ? Clean(input.SmsBodyTemplate) : null, "gateway body", v => settings.SmsBodyTemplate = v);
            Set(settings.SmsSenderId, Clean(input.SmsSenderId), "sender ID", v => settings.SmsSenderId = v);
            if (!string.IsNullOrWhiteSpace(input.SmsApiKey))
            {
                settings.ProtectedSmsApiKey = protection.ProtectApiKey(input.SmsApiKey.Trim());
                changed.Add("new gateway key");
            }
            else if (input.RemoveSmsApiKey && settings.ProtectedSmsApiKey is not null)
            {
                settings.ProtectedSmsApiKey = null;
                changed.Add("removed the gateway key");
            }

            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged("Nothing to save: the reminders are as shown.");
            }

            settings.UpdatedAtUtc = change.NowUtc;
            change.Audit(AuditActions.ReminderSettingsChanged, nameof(ReminderSettings), settings.Id, $"Reminders: {string.Join(", ", changed)}.");
            return ChangeResult.Done("Reminder settings saved.");
        }, cancellationToken);
    }

    public static ChangeResult? Check(ReminderSettingsInput input, bool hasSavedKey = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        if (input.HoursBefore is { } hours && hours is < 1 or > 48)
        {
            errors[ReminderFields.HoursBefore] = "Choose between 1 and 48 hours, or no reminder.";
        }

        if (!ReminderLanguages.IsKnown(input.DefaultLanguage))
        {
            errors[ReminderFields.DefaultLanguage] = "Choose English or Tamil.";
        }

        var method = input.SmsHttpMethod?.ToUpperInvariant();
        if (method is not ("GET" or "POST"))
        {
            errors[ReminderFields.SmsHttpMethod] = "Choose GET or POST.";
        }

        if (UrlTemplateError(input.SmsUrlTemplate, input.SmsEnabled) is { } urlError)
        {
            errors[ReminderFields.SmsUrlTemplate] = urlError;
        }

        var body = Clean(input.SmsBodyTemplate);
        if (method == "POST" && body is null && input.SmsEnabled)
        {
            errors[ReminderFields.SmsBodyTemplate] = "Enter the body the gateway expects, e.g. {\"to\":\"{to}\",\"text\":\"{message}\"}.";
        }
        else if (body?.Length > 2000)
        {
            errors[ReminderFields.SmsBodyTemplate] = "The body can be at most 2000 characters.";
        }
        else if (input.SmsEnabled && !string.IsNullOrWhiteSpace(input.SmsUrlTemplate) && errors.Count == 0
                 && !$"{input.SmsUrlTemplate}{(method == "POST" ? body : "")}".Contains("{to}", StringComparison.Ordinal))
        {
            errors[ReminderFields.SmsUrlTemplate] = "The address (or the POST body) must contain {to} and {message}.";
        }
        else if (input.SmsEnabled && errors.Count == 0
                 && !$"{input.SmsUrlTemplate}{(method == "POST" ? body : "")}".Contains("{message}", StringComparison.Ordinal))
        {
            errors[ReminderFields.SmsUrlTemplate] = "The address (or the POST body) must contain {to} and {message}.";
        }

        if (Clean(input.SmsSenderId) is { } sender && !SenderIdPattern().IsMatch(sender))
        {
            errors[ReminderFields.SmsSenderId] = "The sender ID is 3 to 20 letters or digits, e.g. SUNCLN.";
        }

        if (input.SmsApiKey?.Trim().Length > 500)
        {
            errors[ReminderFields.SmsApiKey] = "The key can be at most 500 characters.";
        }

        var usesKey = $"{input.SmsUrlTemplate}{input.SmsBodyTemplate}".Contains("{key}", StringComparison.Ordinal);
        if (input.SmsEnabled && usesKey && string.IsNullOrWhiteSpace(input.SmsApiKey) && (!hasSavedKey || input.RemoveSmsApiKey))
        {
            errors[ReminderFields.SmsApiKey] = "The gateway address uses {key}: enter the key.";
        }

        return errors.Count > 0 ? ChangeResult.Invalid(errors) : null;
    }

    /// <summary>The gateway address's error for the form (client and server), or null.</summary>
    public static string? UrlTemplateError(string? template, bool smsEnabled)
    {
        var url = Clean(template);
        if (url is null)
        {
            return smsEnabled ? "Enter the gateway's address to send SMS." : null;
        }

        if (url.Length > 1000)
        {
            return "The address can be at most 1000 characters.";
        }

        // Checked as it will be sent, with sample values in the placeholders.
        var sample = url.Replace("{to}", "919876543210", StringComparison.Ordinal).Replace("{message}", "test", StringComparison.Ordinal)
            .Replace("{sender}", "SENDER", StringComparison.Ordinal).Replace("{key}", "key", StringComparison.Ordinal);
        return SmsGatewayAddress.Problem(sample);
    }

    // ---------- Wording ----------

    public async Task<ReminderTemplateInput> GetTemplateAsync(ReminderKind kind, ReminderChannel channel, string language, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageReminders, cancellationToken: cancellationToken);
        language = ReminderLanguages.IsKnown(language) ? language : ReminderLanguages.English;
        var row = await FindTemplateAsync(db, kind, channel, language, cancellationToken);
        var wording = row is null ? ReminderTexts.StandardWording(kind, channel, language) : new ReminderWording(row.Subject, row.Body);
        return new ReminderTemplateInput
        {
            Kind = kind, Channel = channel, Language = language, Subject = wording.Subject, Body = wording.Body, IsCustom = row is not null, Version = row?.Version,
        };
    }

    /// <summary>Which messages the practice has reworded, as (kind, channel, language).</summary>
    public async Task<IReadOnlySet<(ReminderKind, ReminderChannel, string)>> CustomisedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageReminders, cancellationToken: cancellationToken);
        var rows = await db.ReminderTemplates.AsNoTracking().Select(t => new { t.Kind, t.Channel, t.Language }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Kind, r.Channel, r.Language)).ToHashSet();
    }

    /// <summary>The wording a message is sent with: the practice's own, else the standard.</summary>
    internal static async Task<ReminderWording> WordingAsync(MedicalDbContext db, ReminderKind kind, ReminderChannel channel, string language, CancellationToken cancellationToken) =>
        await FindTemplateAsync(db, kind, channel, language, cancellationToken) is { } row
            ? new ReminderWording(row.Subject, row.Body)
            : ReminderTexts.StandardWording(kind, channel, language);

    private static Task<ReminderTemplate?> FindTemplateAsync(MedicalDbContext db, ReminderKind kind, ReminderChannel channel, string language, CancellationToken cancellationToken) =>
        db.ReminderTemplates.AsNoTracking().Where(t => t.Kind == kind && t.Channel == channel && t.Language == language)
            .OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);

    public Task<ChangeResult> SaveTemplateAsync(ReminderTemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(ManageReminders, async change =>
        {
            if (CheckTemplate(input) is { } invalid)
            {
                return invalid;
            }

            var subject = input.Channel == ReminderChannel.Email ? input.Subject!.Trim() : null;
            var body = input.Body!.Trim().ReplaceLineEndings("\n");
            var row = await change.Db.ReminderTemplates
                .Where(t => t.Kind == input.Kind && t.Channel == input.Channel && t.Language == input.Language).OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);
            if (row is not null && StaleEdit.IsStale(input.Version, row))
            {
                return ChangeResult.Stale("message wording");
            }

            var standard = ReminderTexts.StandardWording(input.Kind, input.Channel, input.Language);
            if (row is null && subject == standard.Subject && body == standard.Body)
            {
                return ChangeResult.Unchanged("This is the standard wording already.");
            }

            if (row is not null && row.Subject == subject && row.Body == body)
            {
                return ChangeResult.Unchanged();
            }

            if (row is null)
            {
                row = new ReminderTemplate { Kind = input.Kind, Channel = input.Channel, Language = input.Language };
                change.Db.ReminderTemplates.Add(row);
            }

            (row.Subject, row.Body, row.UpdatedAtUtc) = (subject, body, change.NowUtc);
            change.Audit(AuditActions.ReminderTemplateChanged, nameof(ReminderTemplate), row.Id,
                $"{ReminderKindText.Describe(input.Kind)} ({ReminderKindText.Describe(input.Channel)}, {ReminderLanguages.Name(input.Language)}): new wording.");
            return ChangeResult.Done("Wording saved.");
        }, cancellationToken);
    }

    /// <summary>Goes back to the standard wording (the practice's own row is removed).</summary>
    public Task<ChangeResult> ResetTemplateAsync(ReminderKind kind, ReminderChannel channel, string language, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageReminders, async change =>
        {
            var rows = await change.Db.ReminderTemplates.Where(t => t.Kind == kind && t.Channel == channel && t.Language == language).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return ChangeResult.Unchanged("This message already uses the standard wording.");
            }

            change.Db.ReminderTemplates.RemoveRange(rows);
            change.Audit(AuditActions.ReminderTemplateChanged, nameof(ReminderTemplate), rows[0].Id,
                $"{ReminderKindText.Describe(kind)} ({ReminderKindText.Describe(channel)}, {ReminderLanguages.Name(language)}): back to the standard wording.");
            return ChangeResult.Done("Back to the standard wording.");
        }, cancellationToken);

    public static ChangeResult? CheckTemplate(ReminderTemplateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        if (!ReminderLanguages.IsKnown(input.Language) || !Enum.IsDefined(input.Channel) || !ReminderTexts.KindsOf(input.Channel).Contains(input.Kind))
        {
            errors[ReminderFields.Body] = "Choose a message, a channel and a language.";
        }

        if (input.Channel == ReminderChannel.Email && SubjectError(input.Subject) is { } subjectError)
        {
            errors[ReminderFields.Subject] = subjectError;
        }

        if (BodyError(input.Body) is { } bodyError)
        {
            errors[ReminderFields.Body] = bodyError;
        }

        return errors.Count > 0 ? ChangeResult.Invalid(errors) : null;
    }

    public static string? SubjectError(string? subject) =>
        string.IsNullOrWhiteSpace(subject) ? "Enter the email's subject."
        : subject.Trim().Length > ReminderTexts.SubjectMaxLength ? $"The subject can be at most {ReminderTexts.SubjectMaxLength} characters."
        : PlaceholderError(subject);

    public static string? BodyError(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "Enter the message."
        : body.Trim().Length > ReminderTexts.BodyMaxLength ? $"The message can be at most {ReminderTexts.BodyMaxLength} characters."
        : PlaceholderError(body);

    private static string? PlaceholderError(string text) => ReminderTexts.UnknownPlaceholders(text) is { Count: > 0 } unknown
        ? $"Unknown placeholder {string.Join(", ", unknown)}. Use {string.Join(" ", ReminderTexts.Placeholders)}."
        : null;

    // ---------- Test SMS ----------

    /// <summary>Sends a test SMS through the saved gateway to <paramref name="mobile"/>; the answer says what the gateway said.</summary>
    public Task<ChangeResult> SendTestSmsAsync(string? mobile, CancellationToken cancellationToken = default)
    {
        // No practice lock: nothing is counted, and the gateway's answer may take seconds.
        var rule = ManageReminders with { LockPractice = false };
        return changes.RunAsync(rule, async change =>
        {
            if (IndianMobileNumber.Normalize(mobile) is not { } number)
            {
                return ChangeResult.Invalid(ReminderFields.TestNumber, IndianMobileNumber.ErrorMessage);
            }

            var settings = await ReadAsync(change.Db, cancellationToken);
            if (protection.GatewayOf(settings) is not { } smsGateway)
            {
                return ChangeResult.Refused("Switch SMS on and save the gateway's address first.");
            }

            var practice = await change.Db.Practices.AsNoTracking().Where(p => p.Id == change.Db.RequirePracticeId()).Select(p => p.Name).SingleAsync(cancellationToken);
            var sent = await gateway.SendAsync(smsGateway, ReminderRecipients.SmsNumber(number), $"Test message from {practice}: SMS reminders are working.", cancellationToken);
            if (!sent.Sent)
            {
                return ChangeResult.Refused($"The test SMS was not sent. {sent.Error}");
            }

            change.Audit(AuditActions.ReminderTestSmsSent, nameof(ReminderSettings), settings.Id, $"Test SMS to {ReminderRecipients.Mask(number)}.");
            return ChangeResult.Done($"The gateway accepted the test SMS to {number}.");
        }, cancellationToken);
    }

    // ---------- Delivery log ----------

    /// <summary>The messages of one appointment of the practice (another practice's id finds nothing), newest first.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> DeliveryLogAsync(Guid appointmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var rows = await db.AppointmentMessages.AsNoTracking().Where(m => m.AppointmentId == appointmentId)
            .OrderByDescending(m => m.CreatedAtUtc).ThenBy(m => m.Channel)
            .Select(m => new
            {
                m.Kind, m.Channel, m.To, m.Status, m.CreatedAtUtc, m.SentAtUtc, m.ForStartsAtUtc, m.Language, m.Note, m.Attempts,
                Email = db.OutboxEmails.Where(e => e.Id == m.OutboxEmailId).Select(e => new { e.Status, e.SentAtUtc, e.LastError, e.Attempts }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            // An email's progress is the outbox's: the log reads it from there rather than keeping a second copy.
            var (status, sentAt, note, attempts) = r.Email is { } email
                ? (email.Status switch
                {
                    OutboxEmailStatus.Sent => AppointmentMessageStatus.Sent,
                    OutboxEmailStatus.Failed => AppointmentMessageStatus.Failed,
                    _ => AppointmentMessageStatus.Pending,
                }, email.SentAtUtc, email.LastError ?? r.Note, email.Attempts)
                : (r.Status, r.SentAtUtc, r.Note, r.Attempts);
            return new DeliveryLogEntry(r.Kind, r.Channel, r.To, status, practiceClock.ToLocal(sentAt ?? r.CreatedAtUtc),
                practiceClock.ToLocal(r.ForStartsAtUtc), r.Language, note, attempts);
        }).ToList();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9]{3,20}$")]
    private static partial Regex SenderIdPattern();
}
