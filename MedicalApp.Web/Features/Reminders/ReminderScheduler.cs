using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>What one round did, over all practices.</summary>
public sealed record ReminderRound(int Queued, int Skipped, int SmsSent, int SmsFailed)
{
    public ReminderRound Add(ReminderRound other) =>
        new(Queued + other.Queued, Skipped + other.Skipped, SmsSent + other.SmsSent, SmsFailed + other.SmsFailed);
}

/// <summary>
/// Finds the confirmations and reminders that are due, practice by practice (each in its own practice context, so
/// row-level security and the tenant filter apply as for a page), writes each as an <see cref="AppointmentMessage"/>
/// (an email also as an outbox row, in the same save), and sends the queued SMS with retries.
/// <para>
/// Never twice: the message's unique index (appointment, kind, channel, visit time) refuses a second insert, whoever
/// makes it (a restart, a second server); that refusal means "already done". Confirmations come from here too, not from
/// the booking's transaction: booking stays independent of the reminder settings and the gateway, and the visit's
/// creation or move (its <c>StatusChangedAtUtc</c>) within the last day makes the confirmation due at the next round.
/// </para>
/// </summary>
public sealed partial class ReminderScheduler(
    MedicalDatabase database, ReminderProtection protection, MailOutbox outbox, SmsGateway gateway, PracticeAddresses addresses,
    TimeProvider clock, ILogger<ReminderScheduler> logger)
{
    /// <summary>SMS attempts before a message is marked failed.</summary>
    public const int MaxSmsAttempts = 5;

    /// <summary>How long a server holds an SMS it is sending, so another server does not send it too.</summary>
    private static readonly TimeSpan SendingLease = TimeSpan.FromMinutes(2);

    /// <summary>A visit booked or moved longer ago than this gets no confirmation (none for the book as it stood before reminders).</summary>
    private static readonly TimeSpan ConfirmationWindow = TimeSpan.FromHours(24);

    private const int SmsBatchSize = 20;

    public async Task<ReminderRound> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new ReminderRound(0, 0, 0, 0);
        foreach (var practice in await PracticesAsync(cancellationToken))
        {
            try
            {
                total = total.Add(await RunPracticeAsync(practice, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One practice's trouble (a bad template, its database rows) must not stop the others' reminders.
                LogPracticeFailed(logger, practice.Id, exception);
            }
        }

        return total;
    }

    /// <summary>Active practices that may still be written to (a read-only trial or a suspended practice sends nothing).</summary>
    private async Task<List<TenantSnapshot>> PracticesAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(DatabaseRole.Application, new CurrentTenant());
        var now = clock.GetUtcNow().UtcDateTime;
        var practices = await db.Practices.AsNoTracking().Where(p => p.Status == PracticeStatus.Active).ToListAsync(cancellationToken);
        return practices.Where(p => !PracticeAccess.IsReadOnly(p.Plan, p.TrialEndsAtUtc, now)).Select(TenantSnapshot.From).ToList();
    }

    public async Task<ReminderRound> RunPracticeAsync(TenantSnapshot practice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var tenant = new CurrentTenant();
        tenant.Set(practice);
        await using var db = database.CreateContext(DatabaseRole.Application, tenant);
        var settings = await ReminderSettingsService.ReadAsync(db, cancellationToken);
        var smsGateway = protection.GatewayOf(settings);
        var (queued, skipped) = await QueueDueAsync(db, practice, settings, smsGateway, cancellationToken);
        var (sent, failed) = await SendDueSmsAsync(db, smsGateway, cancellationToken);
        return new ReminderRound(queued, skipped, sent, failed);
    }

    // ---------- Finding what is due ----------

    private async Task<(int Queued, int Skipped)> QueueDueAsync(
        MedicalDbContext db, TenantSnapshot practice, ReminderSettings settings, SmsGatewaySettings? smsGateway, CancellationToken cancellationToken)
    {
        var emailOn = settings.EmailEnabled;
        var smsOn = smsGateway is not null;
        if (!emailOn && !smsOn)
        {
            return (0, 0);
        }

        var practiceClock = PracticeClock.For(practice.TimeZoneId, clock);
        var now = practiceClock.NowUtc;
        // The furthest a reminder reaches ahead: 48 hours before, or the evening before a late visit the day after tomorrow.
        var horizon = now.AddHours(50);
        var recent = now - ConfirmationWindow;
        var visits = await db.Appointments.AsNoTracking()
            .Where(a => (a.Status == AppointmentStatus.Scheduled || a.Status == AppointmentStatus.Confirmed) && !a.IsWalkIn && a.StartsAtUtc > now
                        && (a.StartsAtUtc <= horizon || a.CreatedAtUtc >= recent || a.StatusChangedAtUtc >= recent))
            .Select(a => new Visit(
                a.Id, a.Number, a.StartsAtUtc, a.CreatedAtUtc, a.StatusChangedAtUtc,
                (a.Patient!.FirstName + " " + a.Patient.LastName).Trim(), a.Patient.Email, a.Patient.Mobile, a.Patient.PreferredLanguage,
                a.Patient.RemindersOptedOutAtUtc, a.Patient.IsActive, a.PatientId,
                a.Doctor!.Membership!.User!.FullName, a.ClinicLocation!.Name, a.ClinicLocation.Phone))
            .ToListAsync(cancellationToken);
        if (visits.Count == 0)
        {
            return (0, 0);
        }

        var ids = visits.Select(v => v.Id).ToList();
        var existing = (await db.AppointmentMessages.AsNoTracking().Where(m => ids.Contains(m.AppointmentId))
                .Select(m => new { m.AppointmentId, m.Kind, m.Channel, m.ForStartsAtUtc }).ToListAsync(cancellationToken))
            .Select(m => (m.AppointmentId, m.Kind, m.Channel, DateTime.SpecifyKind(m.ForStartsAtUtc, DateTimeKind.Utc))).ToHashSet();
        var about = await db.Practices.AsNoTracking().Where(p => p.Id == practice.Id).Select(p => new { p.Name, p.Phone, p.Slug, p.Settings.LetterheadPhone }).SingleAsync(cancellationToken);
        var wordings = new Dictionary<(ReminderKind, ReminderChannel, string), ReminderWording>();

        var (queued, skipped) = (0, 0);
        foreach (var visit in visits)
        {
            var start = DateTime.SpecifyKind(visit.StartsAtUtc, DateTimeKind.Utc);
            foreach (var kind in DueKinds(settings, practiceClock, visit, start))
            {
                foreach (var channel in new[] { ReminderChannel.Email, ReminderChannel.Sms })
                {
                    var to = channel == ReminderChannel.Email
                        ? (emailOn && !string.IsNullOrWhiteSpace(visit.Email) ? visit.Email : null)
                        : (smsOn && !string.IsNullOrWhiteSpace(visit.Mobile) ? ReminderRecipients.SmsNumber(visit.Mobile) : null);
                    if (to is null || existing.Contains((visit.Id, kind, channel, start)))
                    {
                        continue;
                    }

                    var language = ReminderLanguages.IsKnown(visit.PreferredLanguage) ? visit.PreferredLanguage! : settings.DefaultLanguage;
                    var message = new AppointmentMessage
                    {
                        AppointmentId = visit.Id, Kind = kind, Channel = channel, ForStartsAtUtc = start, Language = language, To = to,
                        CreatedAtUtc = now, NextAttemptAtUtc = now,
                    };
                    if (SkipReason(visit) is { } reason)
                    {
                        (message.Status, message.Note) = (AppointmentMessageStatus.Skipped, reason);
                        db.AppointmentMessages.Add(message);
                        skipped += await SaveOnceAsync(db, cancellationToken);
                        continue;
                    }

                    var key = (kind, channel, language);
                    if (!wordings.TryGetValue(key, out var wording))
                    {
                        wording = await ReminderSettingsService.WordingAsync(db, kind, channel, language, cancellationToken);
                        wordings[key] = wording;
                    }

                    var facts = new ReminderFacts(visit.PatientName, visit.Doctor, practiceClock.ToLocal(start), visit.Location, visit.Number, about.Name,
                        FirstPhone(visit.LocationPhone, about.Phone, about.LetterheadPhone));
                    var body = ReminderTexts.Render(wording.Body, facts, language);
                    message.Status = AppointmentMessageStatus.Pending;
                    db.AppointmentMessages.Add(message);
                    if (channel == ReminderChannel.Email)
                    {
                        var subject = ReminderTexts.Render(wording.Subject ?? "", facts, language);
                        body += Footer(language, about.Name, about.Slug, practice.Id, visit.PatientId, facts.Phone);
                        // Saved with the message below, in one save: both or neither.
                        var email = outbox.Queue(db, new EmailMessage(to, visit.PatientName, subject, body, OutboxPurpose));
                        message.OutboxEmailId = email.Id;
                    }
                    else
                    {
                        message.ProtectedBody = protection.ProtectSms(body);
                    }

                    queued += await SaveOnceAsync(db, cancellationToken);
                }
            }
        }

        return (queued, skipped);
    }

    public const string OutboxPurpose = "AppointmentReminder";

    /// <summary>Which messages of a visit are due now (whether already sent is checked by the caller and the unique index).</summary>
    private static IEnumerable<ReminderKind> DueKinds(ReminderSettings settings, PracticeClock practiceClock, Visit visit, DateTime start)
    {
        var now = practiceClock.NowUtc;
        var bookedAt = DateTime.SpecifyKind(visit.StatusChangedAtUtc is { } changed && changed > visit.CreatedAtUtc ? changed : visit.CreatedAtUtc, DateTimeKind.Utc);
        if (settings.SendConfirmation && bookedAt >= now - ConfirmationWindow)
        {
            yield return ReminderKind.Confirmation;
        }

        // A visit booked after a reminder's time has its confirmation instead (when confirmations are on): one message, not two.
        bool Due(DateTime dueAtUtc) => now >= dueAtUtc && !(settings.SendConfirmation && bookedAt >= dueAtUtc);

        if (settings.SendDayBefore)
        {
            var localDay = DateOnly.FromDateTime(practiceClock.ToLocal(start));
            if (Due(practiceClock.ToUtc(localDay.AddDays(-1), settings.DayBeforeAt)))
            {
                yield return ReminderKind.DayBefore;
            }
        }

        if (settings.HoursBefore is { } hours && Due(start.AddHours(-hours)))
        {
            yield return ReminderKind.HoursBefore;
        }
    }

    private static string? SkipReason(Visit visit) =>
        visit.OptedOutAtUtc is not null ? "The patient opted out of reminders."
        : !visit.PatientActive ? "The patient's record is inactive."
        : null;

    /// <summary>The number a reminder gives the patient: the location's, else the practice's, else the letterhead's.</summary>
    internal static string FirstPhone(params string?[] phones) => phones.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p))?.Trim() ?? "";

    /// <summary>The unsubscribe line, added after the practice's wording so it cannot be edited away.</summary>
    private string Footer(string language, string practiceName, string slug, Guid practiceId, Guid patientId, string phone)
    {
        string? link = null;
        try
        {
            link = new Uri(addresses.PublicBaseUrl(slug), "reminders/unsubscribe?token=" + Uri.EscapeDataString(protection.UnsubscribeToken(practiceId, patientId))).ToString();
        }
        catch (Exception unset) when (unset is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            // No public address configured (a development set-up): the patient is told to call instead.
        }

        return language == ReminderLanguages.Tamil
            ? link is null
                ? $"\n\n--\n{practiceName} இன் சந்திப்பு நினைவூட்டல்கள் வேண்டாமெனில் {phone} என்ற எண்ணில் தெரிவிக்கவும்."
                : $"\n\n--\n{practiceName} இன் சந்திப்பு நினைவூட்டல்கள் வேண்டாமெனில் இந்த இணைப்பைத் திறக்கவும்: {link}"
            : link is null
                ? $"\n\n--\nTo stop appointment reminders from {practiceName}, please call {phone}."
                : $"\n\n--\nTo stop appointment reminders from {practiceName}, open {link}";
    }

    /// <summary>
    /// Saves what is added (one message, with its email); a unique-index refusal means another round already wrote it.
    /// Either way the context is cleared for the next message.
    /// </summary>
    private static async Task<int> SaveOnceAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || exception?.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    // ---------- Sending SMS ----------

    private async Task<(int Sent, int Failed)> SendDueSmsAsync(MedicalDbContext db, SmsGatewaySettings? smsGateway, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.AppointmentMessages
            .Where(m => m.Channel == ReminderChannel.Sms && m.Status == AppointmentMessageStatus.Pending && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.NextAttemptAtUtc).Take(SmsBatchSize).ToListAsync(cancellationToken);
        var (sent, failed) = (0, 0);
        foreach (var message in due)
        {
            // Claim it first: another server that read it too finds it moved on and leaves it.
            var seen = message.NextAttemptAtUtc;
            var leaseEnd = now + SendingLease;
            var claimed = await db.AppointmentMessages
                .Where(m => m.Id == message.Id && m.Status == AppointmentMessageStatus.Pending && m.NextAttemptAtUtc == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, leaseEnd), cancellationToken);
            if (claimed == 0)
            {
                db.Entry(message).State = EntityState.Detached;
                continue;
            }

            db.Entry(message).Property(m => m.NextAttemptAtUtc).OriginalValue = leaseEnd;
            message.NextAttemptAtUtc = leaseEnd;
            if (await WhyNotSendAsync(db, message, smsGateway, now, cancellationToken) is { } reason)
            {
                (message.Status, message.Note, message.ProtectedBody) = (AppointmentMessageStatus.Skipped, reason, null);
            }
            else
            {
                var result = await gateway.SendAsync(smsGateway!, message.To, protection.UnprotectSms(message.ProtectedBody!), cancellationToken);
                message.Attempts++;
                if (result.Sent)
                {
                    (message.Status, message.SentAtUtc, message.ProtectedBody, message.Note) = (AppointmentMessageStatus.Sent, clock.GetUtcNow().UtcDateTime, null, null);
                    sent++;
                }
                else
                {
                    message.Note = Truncate(result.Error ?? "The gateway refused the message.");
                    if (message.Attempts >= MaxSmsAttempts)
                    {
                        (message.Status, message.ProtectedBody) = (AppointmentMessageStatus.Failed, null);
                        failed++;
                    }
                    else
                    {
                        message.NextAttemptAtUtc = now + OutboxDispatcher.RetryDelay(message.Attempts);
                    }

                    LogSmsFailed(logger, message.Id, message.Attempts, message.Note);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return (sent, failed);
    }

    /// <summary>Why a queued SMS must not go any more (the visit changed, the patient opted out, SMS was switched off).</summary>
    private static async Task<string?> WhyNotSendAsync(
        MedicalDbContext db, AppointmentMessage message, SmsGatewaySettings? smsGateway, DateTime now, CancellationToken cancellationToken)
    {
        var visit = await db.Appointments.AsNoTracking().Where(a => a.Id == message.AppointmentId)
            .Select(a => new { a.Status, a.StartsAtUtc, a.Patient!.RemindersOptedOutAtUtc }).SingleOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return "The visit no longer exists.";
        }

        if (message.Kind == ReminderKind.Cancellation)
        {
            // The one message that is about a cancelled visit: it goes unless something else stops it.
            return visit.Status != AppointmentStatus.Cancelled ? "The visit is no longer cancelled."
                : DateTime.SpecifyKind(visit.StartsAtUtc, DateTimeKind.Utc) <= now ? "The visit's time had passed before the SMS went."
                : visit.RemindersOptedOutAtUtc is not null ? "The patient opted out of reminders."
                : smsGateway is null ? "SMS was switched off before it went."
                : message.ProtectedBody is null ? "The text was no longer available."
                : null;
        }

        return visit.Status switch
        {
            AppointmentStatus.Cancelled => "The visit was cancelled before the SMS went.",
            AppointmentStatus.NoShow => "The visit was marked a no-show before the SMS went.",
            AppointmentStatus.Completed or AppointmentStatus.InProgress or AppointmentStatus.Arrived => "The patient had already come in.",
            _ when DateTime.SpecifyKind(visit.StartsAtUtc, DateTimeKind.Utc) != DateTime.SpecifyKind(message.ForStartsAtUtc, DateTimeKind.Utc) => "The visit was moved before the SMS went.",
            _ when visit.StartsAtUtc <= now => "The visit's time had passed before the SMS went.",
            _ when visit.RemindersOptedOutAtUtc is not null => "The patient opted out of reminders.",
            _ when smsGateway is null => "SMS was switched off before it went.",
            _ when message.ProtectedBody is null => "The text was no longer available.",
            _ => null,
        };
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;

    private sealed record Visit(
        Guid Id, string Number, DateTime StartsAtUtc, DateTime CreatedAtUtc, DateTime? StatusChangedAtUtc,
        string PatientName, string? Email, string Mobile, string? PreferredLanguage, DateTime? OptedOutAtUtc, bool PatientActive, Guid PatientId,
        string Doctor, string Location, string? LocationPhone);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminders of practice {PracticeId} failed this round.")]
    private static partial void LogPracticeFailed(ILogger logger, Guid practiceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending SMS {MessageId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogSmsFailed(ILogger logger, Guid messageId, int attempts, string error);
}

/// <summary>How a patient's contact details are written for a gateway and in the log.</summary>
public static class ReminderRecipients
{
    /// <summary>The number as Indian gateways take it: country code without "+", e.g. 919876543210.</summary>
    public static string SmsNumber(string mobile) => "91" + mobile;

    /// <summary>"98XXXXXX10": for audit rows, which need not carry the whole number.</summary>
    public static string Mask(string mobile) =>
        mobile.Length <= 4 ? mobile : mobile[..2] + new string('X', mobile.Length - 4) + mobile[^2..];
}
