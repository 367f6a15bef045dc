using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>How the patients of a practice can be told about a change to their visit, as the leave panel says it.</summary>
public sealed record NoticeChannels(bool SmsOn)
{
    /// <summary>"will be told by email and SMS", or what the desk must do instead.</summary>
    public string Describe(bool hasEmail, bool hasMobile, bool optedOut)
    {
        var sms = SmsOn && hasMobile;
        return optedOut ? "opted out of messages: call the patient"
            : hasEmail && sms ? "will be told by email and SMS"
            : hasEmail ? "will be told by email"
            : sms ? "will be told by SMS"
            : "no email on file: call the patient";
    }
}

/// <summary>
/// Messages the practice owes a patient because it changed the visit itself (a doctor's leave): a cancellation, or a
/// move, which is a new confirmation for the new time. They are written inside the change's transaction as
/// <see cref="AppointmentMessage"/> rows, so they appear in the visit's delivery log and go through the reminders'
/// pipeline: the email is the caller's own letter (it says why) queued in the outbox, the SMS is the practice's wording
/// of the kind, sent by <see cref="ReminderScheduler"/> with its retries, when the practice has SMS on. The practice's
/// "send confirmations" switch does not apply: the patient must hear of a change the practice made. A patient who
/// opted out gets nothing; the log says so. Because the move's confirmation rows exist, the scheduler does not confirm
/// the new time a second time.
/// </summary>
public sealed class AppointmentNotices(ReminderProtection protection, MailOutbox outbox)
{
    public const string OptedOutNote = "The patient opted out of reminders.";

    /// <summary>Whether SMS can be sent at all (the practice's gateway is set up and on).</summary>
    internal async Task<NoticeChannels> ChannelsAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        new(protection.GatewayOf(await ReminderSettingsService.ReadAsync(db, cancellationToken)) is not null);

    /// <summary>
    /// Queues the email (<paramref name="email"/>, when the patient has an address) and the SMS of
    /// <paramref name="kind"/> about <paramref name="appointment"/> as it now stands (its patient and location loaded).
    /// Nothing is saved here: the caller's change saves it with everything else.
    /// </summary>
    internal async Task TellAsync(
        MedicalDbContext db, PracticeClock clock, Appointment appointment, ReminderKind kind, string doctorName, EmailMessage? email,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var patient = appointment.Patient ?? throw new InvalidOperationException("The appointment's patient must be loaded.");
        var location = appointment.ClinicLocation ?? throw new InvalidOperationException("The appointment's location must be loaded.");
        var settings = await ReminderSettingsService.ReadAsync(db, cancellationToken);
        var optedOut = patient.RemindersOptedOutAtUtc is not null;
        var language = ReminderLanguages.IsKnown(patient.PreferredLanguage) ? patient.PreferredLanguage! : settings.DefaultLanguage;
        var start = DateTime.SpecifyKind(appointment.StartsAtUtc, DateTimeKind.Utc);

        if (email is not null && !string.IsNullOrWhiteSpace(patient.Email))
        {
            var message = NewMessage(appointment, kind, ReminderChannel.Email, start, language, patient.Email.Trim(), clock.NowUtc);
            if (optedOut)
            {
                (message.Status, message.Note) = (AppointmentMessageStatus.Skipped, OptedOutNote);
            }
            else
            {
                message.OutboxEmailId = outbox.Queue(db, email).Id;
            }

            await AddOnceAsync(db, message, cancellationToken);
        }

        if (protection.GatewayOf(settings) is not null && !string.IsNullOrWhiteSpace(patient.Mobile))
        {
            var message = NewMessage(appointment, kind, ReminderChannel.Sms, start, language, ReminderRecipients.SmsNumber(patient.Mobile), clock.NowUtc);
            if (optedOut)
            {
                (message.Status, message.Note) = (AppointmentMessageStatus.Skipped, OptedOutNote);
            }
            else
            {
                var practice = await db.Practices.AsNoTracking().Where(p => p.Id == db.RequirePracticeId())
                    .Select(p => new { p.Name, p.Phone, p.Settings.LetterheadPhone }).SingleAsync(cancellationToken);
                var phone = ReminderScheduler.FirstPhone(location.Phone, practice.Phone, practice.LetterheadPhone);
                var facts = new ReminderFacts($"{patient.FirstName} {patient.LastName}".Trim(), doctorName, clock.ToLocal(start), location.Name,
                    appointment.Number, practice.Name, phone);
                var wording = await ReminderSettingsService.WordingAsync(db, kind, ReminderChannel.Sms, language, cancellationToken);
                message.ProtectedBody = protection.ProtectSms(ReminderTexts.Render(wording.Body, facts, language));
            }

            await AddOnceAsync(db, message, cancellationToken);
        }
    }

    private static AppointmentMessage NewMessage(
        Appointment appointment, ReminderKind kind, ReminderChannel channel, DateTime start, string language, string to, DateTime now) => new()
        {
            AppointmentId = appointment.Id,
            Kind = kind,
            Channel = channel,
            ForStartsAtUtc = start,
            Language = language,
            To = to,
            Status = AppointmentMessageStatus.Pending,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        };

    /// <summary>
    /// A visit moved back to a time it once had already has that time's confirmation: the unique index would refuse a
    /// second one and roll the whole change back, so it is left at the one sent then.
    /// </summary>
    private static async Task AddOnceAsync(MedicalDbContext db, AppointmentMessage message, CancellationToken cancellationToken)
    {
        if (!await db.AppointmentMessages.AnyAsync(m => m.AppointmentId == message.AppointmentId && m.Kind == message.Kind
                && m.Channel == message.Channel && m.ForStartsAtUtc == message.ForStartsAtUtc, cancellationToken))
        {
            db.AppointmentMessages.Add(message);
        }
    }
}
