using System.Text.Json;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Reminders;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Reminders;

/// <summary>
/// Confirmations and reminders on both databases, each test in a practice of its own on a fake clock: "now" is Tuesday
/// 10 March 2026, 09:40 in Chennai, and the visit is Wednesday 11 March at 10:00. SMS go to a fake gateway on loopback.
/// </summary>
public abstract class ReminderSchedulerTests(AppointmentFixture fixture)
{
    private const string ApiKey = "sk live/SECRET+123";

    private static readonly DateTime VisitUtc = AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10);

    internal sealed record Clinic(TestPractice Practice, FakeTimeProvider Clock, TestMember Admin, TestDoctor Doctor, Guid Location)
    {
        public MedicalApp.Data.Tenancy.TenantSnapshot Snapshot => TestDatabase.TenantFor(Practice.Id).Practice!;
    }

    private async Task<Clinic> ClinicAsync(FakeSmsGateway? gateway = null, Action<ReminderSettingsInput>? settings = null)
    {
        var clock = AppointmentFixture.NewClock();
        var practice = await fixture.Db.CreatePracticeAsync(clock: clock);
        var location = await practice.AddLocationAsync("Anna Nagar");
        var doctor = await practice.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)], fullName: "Dr Vikram Iyer");
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        var input = new ReminderSettingsInput { HoursBefore = 2, DayBeforeAt = new TimeOnly(18, 0) };
        if (gateway is not null)
        {
            input.SmsEnabled = true;
            input.SmsUrlTemplate = gateway.BaseUrl + "/send?key={key}&to={to}&from={sender}&text={message}";
            input.SmsSenderId = "SUNCLN";
            input.SmsApiKey = ApiKey;
        }

        settings?.Invoke(input);
        // A practice's defaults need no row: saving them is "unchanged".
        await ChangeAssert.SucceedsAsync(practice.As(admin).Get<ReminderSettingsService>().SaveAsync(input));
        return new Clinic(practice, clock, admin, doctor, location);
    }

    private static async Task<Guid> PatientAsync(
        Clinic clinic, string? email = "ravi@example.com", string? language = null, bool optedOut = false, string mobile = "9840012345")
    {
        var patient = await clinic.Practice.AddPatientAsync("Ravi", "Kumar", mobile: mobile);
        await clinic.Practice.WithContextAsync(db => db.Patients.Where(p => p.Id == patient).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Email, email).SetProperty(p => p.PreferredLanguage, language)
            .SetProperty(p => p.RemindersOptedOutAtUtc, optedOut ? AppointmentFixture.Now.UtcDateTime.AddDays(-3) : null)));
        return patient;
    }

    /// <summary>A visit booked (or last moved) <paramref name="bookedMinutesAgo"/> before now.</summary>
    private static async Task<Guid> VisitAsync(
        Clinic clinic, Guid patient, DateTime? startsAtUtc = null, AppointmentStatus status = AppointmentStatus.Scheduled, int bookedMinutesAgo = 5, bool walkIn = false)
    {
        var id = await clinic.Practice.AddAppointmentAsync(clinic.Doctor.Id, clinic.Location, patient, startsAtUtc ?? VisitUtc, status: status, walkIn: walkIn);
        var bookedAt = clinic.Clock.GetUtcNow().UtcDateTime.AddMinutes(-bookedMinutesAgo);
        await clinic.Practice.WithContextAsync(db => db.Appointments.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAtUtc, bookedAt)));
        return id;
    }

    private Task<ReminderRound> RunAsync(Clinic clinic) =>
        fixture.Db.Services.Scope(null, null, clinic.Clock).Get<ReminderScheduler>().RunPracticeAsync(clinic.Snapshot);

    private static Task<List<AppointmentMessage>> MessagesAsync(Clinic clinic, Guid appointment) =>
        clinic.Practice.WithContextAsync(db => db.AppointmentMessages.AsNoTracking().Where(m => m.AppointmentId == appointment)
            .OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Kind).ThenBy(m => m.Channel).ToListAsync());

    private string EmailBody(OutboxEmail email) => fixture.Db.Services.Scope(null, null).Get<MailOutbox>().ReadBody(email);

    // ---------- Once, and only when due ----------

    [Fact]
    public async Task A_booking_is_confirmed_and_reminded_once_each_however_often_the_scheduler_runs()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var visit = await VisitAsync(clinic, await PatientAsync(clinic));

        await RunAsync(clinic);
        await RunAsync(clinic);

        var confirmations = await MessagesAsync(clinic, visit);
        Assert.Equal([(ReminderKind.Confirmation, ReminderChannel.Email), (ReminderKind.Confirmation, ReminderChannel.Sms)],
            confirmations.Select(m => (m.Kind, m.Channel)));
        var sms = confirmations.Single(m => m.Channel == ReminderChannel.Sms);
        Assert.Equal(AppointmentMessageStatus.Sent, sms.Status);
        Assert.Null(sms.ProtectedBody);
        Assert.Equal("919840012345", sms.To);
        Assert.Single(gateway.Received);
        var email = await clinic.Practice.WithContextAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == confirmations[0].OutboxEmailId));
        Assert.Equal("ravi@example.com", email.ToAddress);
        Assert.Equal($"Your appointment at Practice {clinic.Practice.Slug} on Wed 11 Mar 2026", email.Subject);
        Assert.Contains("Doctor: Dr Vikram Iyer\nDate: Wed 11 Mar 2026\nTime: 10:00 AM\nLocation: Anna Nagar", EmailBody(email), StringComparison.Ordinal);

        // Nothing more is due until the evening before (18:00 in Chennai), then the day-before reminder, once.
        clinic.Clock.SetUtcNow(AppointmentFixture.Now.AddHours(8)); // 17:40
        await RunAsync(clinic);
        Assert.Equal(2, (await MessagesAsync(clinic, visit)).Count);
        clinic.Clock.SetUtcNow(AppointmentFixture.Now.AddHours(8).AddMinutes(21)); // 18:01
        await RunAsync(clinic);
        await RunAsync(clinic);
        Assert.Equal(2, (await MessagesAsync(clinic, visit)).Count(m => m.Kind == ReminderKind.DayBefore));

        // Two hours before: the last reminder; after the visit's time, nothing.
        clinic.Clock.SetUtcNow(new DateTimeOffset(VisitUtc.AddHours(-2).AddMinutes(1), TimeSpan.Zero));
        await RunAsync(clinic);
        clinic.Clock.SetUtcNow(new DateTimeOffset(VisitUtc.AddHours(3), TimeSpan.Zero));
        await RunAsync(clinic);

        var all = await MessagesAsync(clinic, visit);
        Assert.Equal(6, all.Count);
        Assert.Equal(2, all.Count(m => m.Kind == ReminderKind.HoursBefore));
        Assert.Equal(3, gateway.Received.Count);
        Assert.All(all.Where(m => m.Channel == ReminderChannel.Sms), m => Assert.Equal(AppointmentMessageStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_restarted_scheduler_with_a_fresh_scope_sends_nothing_twice()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var visit = await VisitAsync(clinic, await PatientAsync(clinic));
        await RunAsync(clinic);

        // A restart: a new scope, a new scheduler, the whole round over every practice.
        var again = await fixture.Db.Services.Scope(null, null, clinic.Clock).Get<ReminderScheduler>().RunAsync();

        Assert.Equal(2, (await MessagesAsync(clinic, visit)).Count);
        Assert.Single(gateway.Received);
        Assert.True(again.Queued >= 0);
    }

    [Fact]
    public async Task Moving_a_visit_to_a_new_time_confirms_the_new_time()
    {
        var clinic = await ClinicAsync();
        var visit = await VisitAsync(clinic, await PatientAsync(clinic));
        await RunAsync(clinic);

        var moved = AppointmentFixture.Utc(AppointmentFixture.Thursday, 11);
        await clinic.Practice.WithContextAsync(db => db.Appointments.Where(a => a.Id == visit).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.StartsAtUtc, moved).SetProperty(a => a.EndsAtUtc, moved.AddMinutes(30))
            .SetProperty(a => a.StatusChangedAtUtc, AppointmentFixture.Now.UtcDateTime)));
        await RunAsync(clinic);

        var confirmations = (await MessagesAsync(clinic, visit)).Where(m => m.Kind == ReminderKind.Confirmation).ToList();
        Assert.Equal([VisitUtc, moved], confirmations.Select(m => DateTime.SpecifyKind(m.ForStartsAtUtc, DateTimeKind.Utc)).Order());
    }

    [Fact]
    public async Task Cancelled_no_show_completed_walk_in_and_past_visits_get_nothing()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var patient = await PatientAsync(clinic);
        var cancelled = await VisitAsync(clinic, patient, status: AppointmentStatus.Cancelled);
        var noShow = await VisitAsync(clinic, patient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 11), AppointmentStatus.NoShow);
        var completed = await VisitAsync(clinic, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 9), AppointmentStatus.Completed);
        var past = await VisitAsync(clinic, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 9, 30));
        var walkIn = await VisitAsync(clinic, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 11), walkIn: true);

        await RunAsync(clinic);

        foreach (var visit in new[] { cancelled, noShow, completed, past, walkIn })
        {
            Assert.Empty(await MessagesAsync(clinic, visit));
        }

        Assert.Empty(gateway.Received);
    }

    [Fact]
    public async Task A_queued_sms_is_not_sent_when_the_visit_is_cancelled_before_it_goes()
    {
        await using var gateway = new FakeSmsGateway { StatusCode = 503 };
        var clinic = await ClinicAsync(gateway);
        var visit = await VisitAsync(clinic, await PatientAsync(clinic, email: null));
        await RunAsync(clinic);
        await clinic.Practice.WithContextAsync(db => db.Appointments.Where(a => a.Id == visit).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.Cancelled)));

        clinic.Clock.Advance(TimeSpan.FromHours(1));
        gateway.StatusCode = 200;
        await RunAsync(clinic);

        var sms = Assert.Single(await MessagesAsync(clinic, visit));
        Assert.Equal(AppointmentMessageStatus.Skipped, sms.Status);
        Assert.Equal("The visit was cancelled before the SMS went.", sms.Note);
        Assert.Null(sms.ProtectedBody);
        Assert.Single(gateway.Received);
    }

    [Fact]
    public async Task A_patient_who_opted_out_gets_nothing_and_the_log_says_why()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var visit = await VisitAsync(clinic, await PatientAsync(clinic, optedOut: true));

        await RunAsync(clinic);

        var messages = await MessagesAsync(clinic, visit);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal(AppointmentMessageStatus.Skipped, m.Status);
            Assert.Equal("The patient opted out of reminders.", m.Note);
            Assert.Null(m.OutboxEmailId);
            Assert.Null(m.ProtectedBody);
        });
        Assert.Empty(gateway.Received);
        var log = await clinic.Practice.As(clinic.Admin, clinic.Clock).Get<ReminderSettingsService>().DeliveryLogAsync(visit);
        Assert.All(log, e => Assert.Equal(AppointmentMessageStatus.Skipped, e.Status));
    }

    // ---------- A doctor's leave over booked visits ----------

    /// <summary>Two visits on Wednesday, the doctor's leave day: Ravi's at 10:00 (moved) and Lakshmi's at 11:00 (cancelled).</summary>
    private async Task<(Guid Moved, Guid Cancelled, AppointmentSlot NewTime)> LeaveOverTwoVisitsAsync(
        Clinic clinic, bool optedOut = false, string? lakshmiLanguage = null)
    {
        var ravi = await PatientAsync(clinic, optedOut: optedOut);
        var lakshmi = await clinic.Practice.AddPatientAsync("Lakshmi", "Narayan", mobile: "9840054321");
        await clinic.Practice.WithContextAsync(db => db.Patients.Where(p => p.Id == lakshmi).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.PreferredLanguage, lakshmiLanguage)
            .SetProperty(p => p.RemindersOptedOutAtUtc, optedOut ? AppointmentFixture.Now.UtcDateTime.AddDays(-3) : null)));
        var moved = await VisitAsync(clinic, ravi);
        var cancelled = await VisitAsync(clinic, lakshmi, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 11));
        var doctors = clinic.Practice.As(clinic.Admin, clinic.Clock).Get<DoctorProfileService>();
        var listed = await doctors.AddLeaveAsync(clinic.Doctor.Id, AppointmentFixture.Wednesday, "Conference");
        var newTime = listed.Value!.Appointments.Single(a => a.AppointmentId == moved).FreeSlots[0];

        var saved = await doctors.AddLeaveAsync(clinic.Doctor.Id, AppointmentFixture.Wednesday, "Conference", decisions: new Dictionary<Guid, LeaveBookingDecision>
        {
            [moved] = LeaveBookingDecision.MoveTo(newTime),
            [cancelled] = LeaveBookingDecision.CancelIt,
        });
        Assert.True(saved.Succeeded, saved.Summary());
        return (moved, cancelled, newTime);
    }

    [Fact]
    public async Task Leave_moves_and_cancellations_go_by_sms_through_the_pipeline_once_and_the_move_is_not_confirmed_twice()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway, s => s.SendConfirmation = true);
        var (moved, cancelled, newTime) = await LeaveOverTwoVisitsAsync(clinic, lakshmiLanguage: "ta");

        // Written in the leave's transaction: the move is the new time's confirmation (the leave's email and an SMS),
        // the cancellation an SMS (Lakshmi has no email).
        var movedMessages = await MessagesAsync(clinic, moved);
        Assert.Equal([(ReminderKind.Confirmation, ReminderChannel.Email), (ReminderKind.Confirmation, ReminderChannel.Sms)], movedMessages.Select(m => (m.Kind, m.Channel)));
        Assert.All(movedMessages, m => Assert.Equal(newTime.StartsAtUtc, DateTime.SpecifyKind(m.ForStartsAtUtc, DateTimeKind.Utc)));
        var leaveMail = await clinic.Practice.WithContextAsync(db => db.OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == movedMessages[0].OutboxEmailId));
        Assert.Equal(LeaveOverBookings.EmailPurposeMoved, leaveMail.Purpose);
        var cancellation = Assert.Single(await MessagesAsync(clinic, cancelled));
        Assert.Equal((ReminderKind.Cancellation, ReminderChannel.Sms, AppointmentMessageStatus.Pending, "ta"), (cancellation.Kind, cancellation.Channel, cancellation.Status, cancellation.Language));
        Assert.NotNull(cancellation.ProtectedBody);
        Assert.DoesNotContain("Lakshmi", cancellation.ProtectedBody, StringComparison.Ordinal);

        await RunAsync(clinic);
        await RunAsync(clinic);

        // Sent once each; the scheduler adds no second confirmation (email or SMS) for the new time.
        Assert.Equal(2, gateway.Received.Count);
        var newLocal = newTime.Date.ToDateTime(newTime.Start);
        var texts = gateway.Received.Select(r => Uri.UnescapeDataString(r.RawUrl)).ToList();
        Assert.Contains(texts, t => t.Contains("to=919840012345", StringComparison.Ordinal)
            && t.Contains($"your appointment with Dr Vikram Iyer is booked for {ReminderTexts.FormatDate(newLocal, "en")} at {ReminderTexts.FormatTime(newLocal, "en")}", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("to=919840054321", StringComparison.Ordinal)
            && t.Contains("11 மார்ச் 2026 அன்று காலை 11:00 மணிக்கு Anna Nagar கிளையில் Dr Vikram Iyer அவர்களுடன் உங்கள் சந்திப்பு", StringComparison.Ordinal)
            && t.Contains("ரத்து செய்யப்பட்டது", StringComparison.Ordinal));
        movedMessages = await MessagesAsync(clinic, moved);
        Assert.Equal(2, movedMessages.Count);
        Assert.Equal(AppointmentMessageStatus.Sent, movedMessages.Single(m => m.Channel == ReminderChannel.Sms).Status);
        Assert.Equal(AppointmentMessageStatus.Sent, Assert.Single(await MessagesAsync(clinic, cancelled)).Status);
        Assert.Equal(0, await clinic.Practice.WithContextAsync(db => db.OutboxEmails.CountAsync(e => e.Purpose == ReminderScheduler.OutboxPurpose)));
        // The delivery log shows them by their kind.
        var log = await clinic.Practice.As(clinic.Admin, clinic.Clock).Get<ReminderSettingsService>().DeliveryLogAsync(cancelled);
        Assert.Equal("Cancelled by the practice", Assert.Single(log).KindText);
    }

    [Fact]
    public async Task A_patient_who_opted_out_hears_nothing_of_the_leave_and_the_log_says_why()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var (moved, cancelled, _) = await LeaveOverTwoVisitsAsync(clinic, optedOut: true);

        await RunAsync(clinic);

        var messages = (await MessagesAsync(clinic, moved)).Concat(await MessagesAsync(clinic, cancelled)).ToList();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal(AppointmentMessageStatus.Skipped, m.Status);
            Assert.Equal(AppointmentNotices.OptedOutNote, m.Note);
            Assert.Null(m.OutboxEmailId);
            Assert.Null(m.ProtectedBody);
        });
        Assert.Empty(gateway.Received);
        Assert.Equal(0, await clinic.Practice.WithContextAsync(db => db.OutboxEmails.CountAsync(e => e.Purpose == LeaveOverBookings.EmailPurposeMoved)));
    }

    [Fact]
    public async Task Without_sms_a_leave_move_is_told_by_email_only_and_the_scheduler_does_not_confirm_it_again()
    {
        var clinic = await ClinicAsync();
        var (moved, cancelled, _) = await LeaveOverTwoVisitsAsync(clinic);

        await RunAsync(clinic);

        Assert.Equal([(ReminderKind.Confirmation, ReminderChannel.Email)], (await MessagesAsync(clinic, moved)).Select(m => (m.Kind, m.Channel)));
        // Lakshmi has neither email nor, without SMS, another way: the panel told the desk to call her.
        Assert.Empty(await MessagesAsync(clinic, cancelled));
    }

    // ---------- The gateway ----------

    [Fact]
    public async Task The_gateway_receives_the_number_sender_key_and_text_url_encoded()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway, s => s.SendConfirmation = true);
        await VisitAsync(clinic, await PatientAsync(clinic, email: null));

        await RunAsync(clinic);

        var request = Assert.Single(gateway.Received);
        Assert.Equal("GET", request.Method);
        var expectedText = $"Practice {clinic.Practice.Slug}: your appointment with Dr Vikram Iyer is booked for Wed 11 Mar 2026 at 10:00 AM, Anna Nagar.";
        Assert.StartsWith($"/send?key={Uri.EscapeDataString(ApiKey)}&to=919840012345&from=SUNCLN&text={Uri.EscapeDataString(expectedText)}", request.RawUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_gateway_gets_a_json_body_and_a_tamil_patient_gets_the_tamil_text()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway, s =>
        {
            s.SmsUrlTemplate = gateway.BaseUrl + "/api/sms";
            s.SmsHttpMethod = "POST";
            s.SmsBodyTemplate = "{\"apiKey\":\"{key}\",\"to\":\"{to}\",\"sender\":\"{sender}\",\"text\":\"{message}\"}";
        });
        var visit = await VisitAsync(clinic, await PatientAsync(clinic, email: null, language: "ta"));

        await RunAsync(clinic);

        var request = Assert.Single(gateway.Received);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(ApiKey, json.RootElement.GetProperty("apiKey").GetString());
        Assert.Equal("919840012345", json.RootElement.GetProperty("to").GetString());
        Assert.StartsWith(
            $"Practice {clinic.Practice.Slug}: Dr Vikram Iyer அவர்களுடன் உங்கள் சந்திப்பு 11 மார்ச் 2026 அன்று காலை 10:00 மணிக்கு Anna Nagar கிளையில் பதிவு செய்யப்பட்டது. எண் ",
            json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("ta", Assert.Single(await MessagesAsync(clinic, visit)).Language);
    }

    [Fact]
    public async Task A_failing_gateway_is_retried_with_back_off_and_the_message_fails_after_the_last_attempt()
    {
        await using var gateway = new FakeSmsGateway { StatusCode = 500 };
        var clinic = await ClinicAsync(gateway);
        var visit = await VisitAsync(clinic, await PatientAsync(clinic, email: null));

        await RunAsync(clinic);
        var first = Assert.Single(await MessagesAsync(clinic, visit));
        Assert.Equal(AppointmentMessageStatus.Pending, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.Equal("The gateway answered 500 Internal Server Error.", first.Note);
        Assert.Equal(clinic.Clock.GetUtcNow().UtcDateTime + OutboxDispatcher.RetryDelay(1), DateTime.SpecifyKind(first.NextAttemptAtUtc, DateTimeKind.Utc));

        // Not before its time.
        await RunAsync(clinic);
        Assert.Single(gateway.Received);

        for (var attempt = 2; attempt <= ReminderScheduler.MaxSmsAttempts; attempt++)
        {
            clinic.Clock.Advance(TimeSpan.FromMinutes(30));
            await RunAsync(clinic);
        }

        var failed = Assert.Single(await MessagesAsync(clinic, visit));
        Assert.Equal(AppointmentMessageStatus.Failed, failed.Status);
        Assert.Equal(ReminderScheduler.MaxSmsAttempts, failed.Attempts);
        Assert.Null(failed.ProtectedBody);
        Assert.DoesNotContain("SECRET", failed.Note, StringComparison.Ordinal);
        Assert.Equal(ReminderScheduler.MaxSmsAttempts, gateway.Received.Count);

        clinic.Clock.Advance(TimeSpan.FromHours(1));
        await RunAsync(clinic);
        Assert.Equal(ReminderScheduler.MaxSmsAttempts, gateway.Received.Count);
        var entry = Assert.Single(await clinic.Practice.As(clinic.Admin, clinic.Clock).Get<ReminderSettingsService>().DeliveryLogAsync(visit));
        Assert.Equal((AppointmentMessageStatus.Failed, "919840012345"), (entry.Status, entry.To));
    }

    // ---------- Settings ----------

    [Fact]
    public async Task The_gateway_key_is_encrypted_at_rest_and_never_shown_again()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);

        var row = await clinic.Practice.WithContextAsync(db => db.ReminderSettings.AsNoTracking().SingleAsync());
        Assert.NotNull(row.ProtectedSmsApiKey);
        Assert.DoesNotContain("SECRET", row.ProtectedSmsApiKey, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(ApiKey), row.ProtectedSmsApiKey, StringComparison.Ordinal);
        var shown = await clinic.Practice.As(clinic.Admin).Get<ReminderSettingsService>().GetAsync();
        Assert.True(shown.HasSmsApiKey);
        Assert.Null(shown.SmsApiKey);

        // Saving again without a key keeps it.
        shown.HoursBefore = 3;
        await ChangeAssert.DoneAsync(clinic.Practice.As(clinic.Admin).Get<ReminderSettingsService>().SaveAsync(shown));
        Assert.Equal(row.ProtectedSmsApiKey, (await clinic.Practice.WithContextAsync(db => db.ReminderSettings.AsNoTracking().SingleAsync())).ProtectedSmsApiKey);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data?to={to}&m={message}")]
    [InlineData("http://metadata.google.internal/send?to={to}&m={message}")]
    [InlineData("ftp://sms.example.in/send?to={to}&m={message}")]
    [InlineData("file:///etc/passwd?{to}{message}")]
    [InlineData("http://[fe80::1]/send?to={to}&m={message}")]
    public async Task Gateway_addresses_that_are_not_http_or_reach_the_metadata_service_are_refused(string url)
    {
        var clinic = await ClinicAsync();
        var input = await clinic.Practice.As(clinic.Admin).Get<ReminderSettingsService>().GetAsync();
        (input.SmsEnabled, input.SmsUrlTemplate) = (true, url);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, clinic.Practice.As(clinic.Admin).Get<ReminderSettingsService>().SaveAsync(input));

        Assert.True(refused.FieldErrors.ContainsKey(ReminderFields.SmsUrlTemplate));
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_link_local_address_is_refused_when_connecting()
    {
        var gateway = new SmsGateway(new SingleClientFactory());
        var result = await gateway.SendAsync(new SmsGatewaySettings("http://169.254.169.254.nip.io:9/x?to={to}", "GET", null, null, null), "91", "hi", CancellationToken.None);
        Assert.False(result.Sent);
        Assert.True(SmsGatewayAddress.IsForbidden(System.Net.IPAddress.Parse("169.254.169.254")));
        Assert.True(SmsGatewayAddress.IsForbidden(System.Net.IPAddress.Parse("::ffff:169.254.1.1")));
        Assert.False(SmsGatewayAddress.IsForbidden(System.Net.IPAddress.Loopback));
    }

    [Fact]
    public async Task Edited_wording_is_used_and_reset_goes_back_to_the_standard()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var service = clinic.Practice.As(clinic.Admin, clinic.Clock).Get<ReminderSettingsService>();
        var template = await service.GetTemplateAsync(ReminderKind.Confirmation, ReminderChannel.Sms, "en");
        Assert.False(template.IsCustom);
        template.Body = "{patient}, see {doctor} on {date} at {time}. {practice}";
        await ChangeAssert.DoneAsync(service.SaveTemplateAsync(template));

        await VisitAsync(clinic, await PatientAsync(clinic, email: null));
        await RunAsync(clinic);

        var request = Assert.Single(gateway.Received);
        Assert.Contains(Uri.EscapeDataString($"Ravi Kumar, see Dr Vikram Iyer on Wed 11 Mar 2026 at 10:00 AM. Practice {clinic.Practice.Slug}"), request.RawUrl, StringComparison.Ordinal);

        await ChangeAssert.DoneAsync(service.ResetTemplateAsync(ReminderKind.Confirmation, ReminderChannel.Sms, "en"));
        var standard = await service.GetTemplateAsync(ReminderKind.Confirmation, ReminderChannel.Sms, "en");
        Assert.False(standard.IsCustom);
        Assert.Equal(ReminderTexts.StandardWording(ReminderKind.Confirmation, ReminderChannel.Sms, "en").Body, standard.Body);

        template.Body = "Hello {name}";
        var invalid = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, service.SaveTemplateAsync(template));
        Assert.Contains("{name}", invalid.FieldErrors[ReminderFields.Body], StringComparison.Ordinal);
    }

    [Fact]
    public void Sms_length_counts_gsm_and_unicode_parts()
    {
        Assert.Equal(new SmsLength(false, 160, 1), SmsLength.Measure(new string('a', 160)));
        Assert.Equal(new SmsLength(false, 161, 2), SmsLength.Measure(new string('a', 161)));
        Assert.Equal(new SmsLength(true, 71, 2), SmsLength.Measure("த" + new string('a', 70)));
        Assert.True(SmsLength.Measure(ReminderTexts.Render(
            ReminderTexts.StandardWording(ReminderKind.Confirmation, ReminderChannel.Sms, "ta").Body, ReminderTexts.Sample("Sunrise", null), "ta")).IsUnicode);
    }

    [Fact]
    public void The_patient_form_accepts_only_the_reminder_languages()
    {
        Assert.Null(MedicalApp.Web.Features.Patients.PatientRules.PreferredLanguageError(null));
        Assert.Null(MedicalApp.Web.Features.Patients.PatientRules.PreferredLanguageError("ta"));
        Assert.NotNull(MedicalApp.Web.Features.Patients.PatientRules.PreferredLanguageError("fr"));
    }

    // ---------- The test SMS ----------

    [Fact]
    public async Task The_test_sms_goes_through_the_saved_gateway_and_a_refusal_or_an_unreachable_gateway_is_said_plainly()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var admin = clinic.Practice.As(clinic.Admin, clinic.Clock).Get<ReminderSettingsService>();

        var sent = await ChangeAssert.DoneAsync(admin.SendTestSmsAsync("+91 98400 77001"));
        Assert.Equal("The gateway accepted the test SMS to 9840077001.", sent.Message);
        var request = Assert.Single(gateway.Received);
        Assert.StartsWith($"/send?key={Uri.EscapeDataString(ApiKey)}&to=919840077001&from=SUNCLN&text=Test%20message%20from%20", request.RawUrl, StringComparison.Ordinal);
        var audit = await clinic.Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.ReminderTestSmsSent).ToListAsync());
        Assert.Equal("Test SMS to 98XXXXXX01.", Assert.Single(audit).Details);

        // The gateway says no: its answer, without the key, and nothing audited.
        gateway.StatusCode = 503;
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, admin.SendTestSmsAsync("9840077001"));
        Assert.Equal("The test SMS was not sent. The gateway answered 503 Service Unavailable.", refused.Message);

        // A number that is no mobile is told next to the field, and nothing goes to the gateway.
        var invalid = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, admin.SendTestSmsAsync("12345"));
        Assert.Equal(IndianMobileNumber.ErrorMessage, invalid.FieldErrors[ReminderFields.TestNumber]);
        Assert.Equal(2, gateway.Received.Count);

        // The gateway is gone (stopped early): the connection's failure, in words.
        await gateway.DisposeAsync();
        var unreachable = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, admin.SendTestSmsAsync("9840077001"));
        Assert.StartsWith("The test SMS was not sent. The gateway could not be reached:", unreachable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", unreachable.Message, StringComparison.Ordinal);
        Assert.Single(await clinic.Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.ReminderTestSmsSent).ToListAsync()));
    }

    [Fact]
    public async Task The_test_sms_needs_a_saved_gateway_and_an_administrator_of_this_practice()
    {
        await using var gateway = new FakeSmsGateway();
        var clinic = await ClinicAsync(gateway);
        var withoutSms = await ClinicAsync();
        var reception = await clinic.Practice.AddMemberAsync(PracticeRoles.Receptionist);

        var notSetUp = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, withoutSms.Practice.As(withoutSms.Admin).Get<ReminderSettingsService>().SendTestSmsAsync("9840077001"));
        Assert.Equal("Switch SMS on and save the gateway's address first.", notSetUp.Message);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.Practice.As(reception).Get<ReminderSettingsService>().SendTestSmsAsync("9840077001"));
        // Another practice's administrator in this practice's scope is no member of it: its gateway is not theirs to use.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.Practice.As(withoutSms.Admin).Get<ReminderSettingsService>().SendTestSmsAsync("9840077001"));
        Assert.Empty(gateway.Received);
    }

    // ---------- The delivery log ----------

    [Fact]
    public async Task The_delivery_log_shows_an_email_as_the_outbox_left_it()
    {
        var clinic = await ClinicAsync();
        var sentVisit = await VisitAsync(clinic, await PatientAsync(clinic));
        var failedVisit = await VisitAsync(clinic, await PatientAsync(clinic, email: "nobody@example.invalid", mobile: "9840012346"), startsAtUtc: VisitUtc.AddHours(1));
        await RunAsync(clinic);
        var log = clinic.Practice.As(clinic.Admin, clinic.Clock).Get<ReminderSettingsService>();

        var waiting = Assert.Single(await log.DeliveryLogAsync(sentVisit));
        Assert.Equal((ReminderChannel.Email, AppointmentMessageStatus.Pending, 0), (waiting.Channel, waiting.Status, waiting.Attempts));

        // The dispatcher's two ends, as it writes them on the outbox row (the message row itself keeps pointing at it).
        var sentAtUtc = AppointmentFixture.Now.UtcDateTime.AddMinutes(3);
        var sentEmail = Assert.Single(await MessagesAsync(clinic, sentVisit)).OutboxEmailId;
        var failedEmail = Assert.Single(await MessagesAsync(clinic, failedVisit)).OutboxEmailId;
        await clinic.Practice.WithContextAsync(db => db.OutboxEmails.Where(e => e.Id == sentEmail).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, OutboxEmailStatus.Sent).SetProperty(e => e.SentAtUtc, sentAtUtc).SetProperty(e => e.ProtectedBody, (string?)null)));
        await clinic.Practice.WithContextAsync(db => db.OutboxEmails.Where(e => e.Id == failedEmail).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, OutboxEmailStatus.Failed).SetProperty(e => e.Attempts, 5).SetProperty(e => e.LastError, "550 Mailbox unavailable")));

        var sent = Assert.Single(await log.DeliveryLogAsync(sentVisit));
        Assert.Equal((AppointmentMessageStatus.Sent, "ravi@example.com", sentAtUtc.AddMinutes(330)), (sent.Status, sent.To, sent.LocalTime));
        var failed = Assert.Single(await log.DeliveryLogAsync(failedVisit));
        Assert.Equal((AppointmentMessageStatus.Failed, 5, "550 Mailbox unavailable"), (failed.Status, failed.Attempts, failed.Note));
    }

    // ---------- Who may ----------

    [Fact]
    public async Task Another_practices_admin_and_a_receptionist_cannot_read_or_change_the_settings_or_see_the_log()
    {
        var clinic = await ClinicAsync();
        var visit = await VisitAsync(clinic, await PatientAsync(clinic));
        await RunAsync(clinic);
        var other = await ClinicAsync();
        var reception = await clinic.Practice.AddMemberAsync(PracticeRoles.Receptionist);

        // B's administrator in A's scope is no member of A.
        var intruder = clinic.Practice.As(other.Admin).Get<ReminderSettingsService>();
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => intruder.GetAsync());
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, intruder.SaveAsync(new ReminderSettingsInput { EmailEnabled = false }));
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => intruder.DeliveryLogAsync(visit));
        // In B's own scope, A's appointment id finds nothing.
        Assert.Empty(await other.Practice.As(other.Admin).Get<ReminderSettingsService>().DeliveryLogAsync(visit));

        var desk = clinic.Practice.As(reception).Get<ReminderSettingsService>();
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => desk.GetAsync());
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, desk.SaveAsync(new ReminderSettingsInput { EmailEnabled = false }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, desk.ResetTemplateAsync(ReminderKind.Confirmation, ReminderChannel.Sms, "en"));
        Assert.Equal(ReminderKind.Confirmation, Assert.Single(await desk.DeliveryLogAsync(visit)).Kind);
        Assert.True((await clinic.Practice.WithContextAsync(db => db.ReminderSettings.AsNoTracking().FirstOrDefaultAsync()))?.EmailEnabled ?? true);
    }

    // ---------- Unsubscribing ----------

    [Fact]
    public async Task The_unsubscribe_token_opts_its_patient_out_and_nothing_else()
    {
        var clinic = await ClinicAsync();
        var other = await ClinicAsync();
        var patient = await PatientAsync(clinic);
        var protection = fixture.Db.Services.Scope(null, null).Get<ReminderProtection>();
        var token = protection.UnsubscribeToken(clinic.Practice.Id, patient);

        Assert.Equal(ReminderOptOutOutcome.InvalidLink, await other.Practice.As(null).Get<ReminderOptOutService>().OptOutAsync(token));
        Assert.Equal(ReminderOptOutOutcome.InvalidLink, await clinic.Practice.As(null).Get<ReminderOptOutService>().OptOutAsync(token[..^2] + "xx"));
        Assert.Equal(ReminderOptOutOutcome.InvalidLink, await clinic.Practice.As(null).Get<ReminderOptOutService>().OptOutAsync(null));
        Assert.Null((await clinic.Practice.WithContextAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient))).RemindersOptedOutAtUtc);

        Assert.Equal(ReminderOptOutOutcome.OptedOut, await clinic.Practice.As(null, clinic.Clock).Get<ReminderOptOutService>().OptOutAsync(token));
        Assert.Equal(ReminderOptOutOutcome.AlreadyOptedOut, await clinic.Practice.As(null).Get<ReminderOptOutService>().OptOutAsync(token));

        Assert.Equal(AppointmentFixture.Now.UtcDateTime, (await clinic.Practice.WithContextAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient))).RemindersOptedOutAtUtc);
        var visit = await VisitAsync(clinic, patient);
        await RunAsync(clinic);
        Assert.All(await MessagesAsync(clinic, visit), m => Assert.Equal(AppointmentMessageStatus.Skipped, m.Status));
    }

    [Fact]
    public async Task A_practice_that_takes_no_changes_says_so_and_leaves_the_patient_as_they_were()
    {
        var clock = AppointmentFixture.NewClock();
        var practice = await fixture.Db.CreatePracticeAsync(trialEndsAtUtc: AppointmentFixture.Now.UtcDateTime.AddHours(1), clock: clock);
        var patient = await practice.AddPatientAsync("Ravi", "Kumar", mobile: "9840012345");
        var token = fixture.Db.Services.Scope(null, null).Get<ReminderProtection>().UnsubscribeToken(practice.Id, patient);

        // The trial has ended: the practice is read-only until the owner chooses a plan.
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(ReminderOptOutOutcome.NotNow, await practice.As(null, clock).Get<ReminderOptOutService>().OptOutAsync(token));
        Assert.Null((await practice.WithContextAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient))).RemindersOptedOutAtUtc);
    }

    private sealed class SingleClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(SmsGateway.CreateHandler()) { Timeout = TimeSpan.FromSeconds(10) };
    }
}

public sealed class SqliteReminderSchedulerTests(SqliteAppointmentFixture fixture)
    : ReminderSchedulerTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresReminderSchedulerTests(PostgresAppointmentFixture fixture)
    : ReminderSchedulerTests(fixture), IClassFixture<PostgresAppointmentFixture>
{
    /// <summary>Four schedulers at once (four servers, or a restart overlapping the old one): each message exists once and each SMS goes once.</summary>
    [Fact]
    public async Task Concurrent_schedulers_write_each_message_once_and_send_each_sms_once()
    {
        await using var gateway = new FakeSmsGateway();
        var clock = AppointmentFixture.NewClock();
        var practice = await fixture.Db.CreatePracticeAsync(clock: clock);
        var location = await practice.AddLocationAsync();
        var doctor = await practice.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)]);
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        await ChangeAssert.DoneAsync(practice.As(admin).Get<ReminderSettingsService>().SaveAsync(new ReminderSettingsInput
        {
            SmsEnabled = true, SmsUrlTemplate = gateway.BaseUrl + "/send?to={to}&text={message}", HoursBefore = null,
        }));
        var visits = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var patient = await practice.AddPatientAsync("Patient" + i, "Test");
            await practice.WithContextAsync(db => db.Patients.Where(p => p.Id == patient).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, $"p{i}@example.com")));
            visits.Add(await practice.AddAppointmentAsync(doctor.Id, location, patient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 9).AddMinutes(30 * i)));
        }

        await practice.WithContextAsync(db => db.Appointments.Where(a => visits.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAtUtc, AppointmentFixture.Now.UtcDateTime.AddMinutes(-1))));
        var snapshot = TestDatabase.TenantFor(practice.Id).Practice!;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            fixture.WideServices.Scope(null, null, clock).Get<ReminderScheduler>().RunPracticeAsync(snapshot))));

        var messages = await practice.WithContextAsync(db => db.AppointmentMessages.AsNoTracking().Where(m => visits.Contains(m.AppointmentId)).ToListAsync());
        Assert.Equal(12, messages.Count);
        Assert.Equal(12, messages.Select(m => (m.AppointmentId, m.Kind, m.Channel)).Distinct().Count());
        Assert.Equal(6, await practice.WithContextAsync(db => db.OutboxEmails.CountAsync(e => e.Purpose == ReminderScheduler.OutboxPurpose)));
        Assert.Equal(6, gateway.Received.Count);
        Assert.Equal(6, gateway.Received.Select(r => r.RawUrl).Distinct().Count());
    }
}
