using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Dashboards;
using MedicalApp.Web.Features.WaitingRoom;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Check-in, tokens and urgency over a real database, on both providers. "Now" is Tuesday 10 March 2026, 09:40 in Chennai.
/// </summary>
public abstract class CheckInServiceTests(AppointmentFixture fixture)
{
    private static readonly DateOnly Today = AppointmentFixture.Today;

    [Fact]
    public async Task Each_arrival_gets_the_doctors_next_token_of_the_day_with_its_arrival_time()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var other = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var visits = new List<Guid>();
        foreach (var hour in new[] { 11, 10, 12 })
        {
            visits.Add(await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(Today, hour)));
        }

        var confirmed = await fixture.PracticeA.AddAppointmentAsync(other.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(),
            AppointmentFixture.Utc(Today, 10), status: AppointmentStatus.Confirmed);
        var checkIn = fixture.PracticeA.As(fixture.DeskA).Get<CheckInService>();

        var results = new List<ChangeResult<AppointmentOutcome>>();
        foreach (var visit in visits)
        {
            results.Add(await checkIn.CheckInAsync(visit));
        }

        var otherResult = await checkIn.CheckInAsync(confirmed);

        Assert.All(results.Append(otherResult), r => Assert.True(r.Succeeded, r.Summary()));
        // Tokens follow arrival, not booking time: the 11:00 patient came first.
        var stored = await Task.WhenAll(visits.Select(v => fixture.ReadAsync(fixture.PracticeA, v)));
        Assert.Equal([1, 2, 3], stored.Select(a => a.TokenNumber));
        Assert.All(stored, a => Assert.Equal(AppointmentStatus.Arrived, a.Status));
        Assert.All(stored, a => Assert.Equal(AppointmentFixture.Now.UtcDateTime, a.ArrivedAtUtc));
        Assert.Equal($"{stored[0].Number} checked in: token T-01.", results[0].Message);
        Assert.Equal(1, (await fixture.ReadAsync(fixture.PracticeA, confirmed)).TokenNumber);
        var audit = Assert.Single(await fixture.AuditOfAsync(fixture.PracticeA, visits[2]));
        Assert.Equal(AuditActions.PatientCheckedIn, audit.Action);
        Assert.Equal($"{stored[2].Number}: Scheduled → Arrived, token T-03", audit.Details);
    }

    [Fact]
    public async Task A_new_day_starts_at_token_one_and_only_todays_visits_check_in()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var today = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(Today, 10));
        var tomorrow = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10));

        var early = await fixture.PracticeA.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(tomorrow);
        Assert.True((await fixture.PracticeA.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(today)).Succeeded);
        var nextDay = await fixture.PracticeA.As(fixture.DeskA, AppointmentFixture.NewClock(AppointmentFixture.Now.AddDays(1))).Get<CheckInService>().CheckInAsync(tomorrow);

        Assert.Equal(ChangeOutcome.Refused, early.Outcome);
        Assert.Equal("Only today's appointments can be checked in; this one is on Wed 11 Mar.", early.Message);
        Assert.True(nextDay.Succeeded, nextDay.Summary());
        Assert.Equal(1, (await fixture.ReadAsync(fixture.PracticeA, today)).TokenNumber);
        Assert.Equal(1, (await fixture.ReadAsync(fixture.PracticeA, tomorrow)).TokenNumber);
    }

    [Fact]
    public async Task Checking_in_twice_or_a_visit_that_is_over_is_refused()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var visit = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(Today, 10));
        var done = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(Today, 9),
            status: AppointmentStatus.Completed);
        var checkIn = fixture.PracticeA.As(fixture.DeskA).Get<CheckInService>();
        Assert.True((await checkIn.CheckInAsync(visit)).Succeeded);

        var twice = await checkIn.CheckInAsync(visit);
        var over = await checkIn.CheckInAsync(done);
        var noShow = await fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>().MarkNoShowAsync(visit);

        Assert.Equal("The patient is already checked in.", twice.Message);
        Assert.Equal("This appointment is completed; its status can no longer change.", over.Message);
        Assert.Equal(ChangeOutcome.Refused, noShow.Outcome);
        Assert.Equal(1, (await fixture.ReadAsync(fixture.PracticeA, visit)).TokenNumber);
        Assert.Null((await fixture.ReadAsync(fixture.PracticeA, done)).TokenNumber);
    }

    [Fact]
    public async Task Another_practices_appointment_cannot_be_checked_in_marked_urgent_or_printed()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var visit = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(Today, 10));
        var attacker = fixture.PracticeB.As(fixture.DeskB);

        var checkIn = await attacker.Get<CheckInService>().CheckInAsync(visit);
        var urgent = await attacker.Get<CheckInService>().MarkUrgentAsync(visit, "Chest pain");
        var status = await attacker.Get<AppointmentService>().ChangeStatusAsync(visit, AppointmentStatus.Arrived);
        var slip = await attacker.Get<TokenSlipPrinting>().RenderPdfAsync(visit);

        Assert.Equal(ChangeOutcome.NotFound, checkIn.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, urgent.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, status.Outcome);
        Assert.Null(slip);
        var stored = await fixture.ReadAsync(fixture.PracticeA, visit);
        Assert.Equal(AppointmentStatus.Scheduled, stored.Status);
        Assert.Null(stored.TokenNumber);
    }

    [Fact]
    public async Task An_urgent_walk_in_goes_to_the_top_of_the_doctors_list_with_its_reason_until_cleared()
    {
        var location = await fixture.PracticeA.AddLocationAsync("Urgent clinic " + Guid.NewGuid().ToString("N")[..4]);
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 18)]);
        var desk = fixture.PracticeA.As(fixture.DeskA);
        var first = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, location, await fixture.PracticeA.AddPatientAsync("Asha", "Nair"), AppointmentFixture.Utc(Today, 10));
        var second = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, location, await fixture.PracticeA.AddPatientAsync("Bala", "Raman"), AppointmentFixture.Utc(Today, 10, 30));
        Assert.True((await desk.Get<CheckInService>().CheckInAsync(first)).Succeeded);
        Assert.True((await desk.Get<CheckInService>().CheckInAsync(second)).Succeeded);
        // The chest-pain walk-in: placed after the booked patients (a later slot), and token 3.
        var walkIn = await desk.Get<WalkInQueueService>().AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Chandra", "Das"), doctor.Id, location, "Chest pain");
        var chest = walkIn.Value!.AppointmentId!.Value;

        var missing = await desk.Get<CheckInService>().MarkUrgentAsync(chest, "  ");
        var marked = await fixture.PracticeA.As(fixture.DeskA, AppointmentFixture.NewClock(AppointmentFixture.Now.AddMinutes(1))).Get<CheckInService>().MarkUrgentAsync(chest, " Chest pain ");
        var afterMark = (await desk.Get<WalkInQueueService>().QueueAsync(location)).Columns.Single(c => c.DoctorId == doctor.Id).Waiting;
        var alsoUrgent = await fixture.PracticeA.As(fixture.DeskA, AppointmentFixture.NewClock(AppointmentFixture.Now.AddMinutes(2))).Get<CheckInService>().MarkUrgentAsync(second, "Fainted");
        var bothUrgent = (await desk.Get<WalkInQueueService>().QueueAsync(location)).Columns.Single(c => c.DoctorId == doctor.Id).Waiting;
        var doctorsQueue = (await fixture.PracticeA.As(doctor.Member).Get<DashboardService>().GetDoctorDashboardAsync())!;
        var owner = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Owner);
        var displayKey = (await fixture.PracticeA.As(owner).Get<WaitingDisplayService>().CreateLinkAsync()).Value!;
        var board = (await fixture.PracticeA.As(null).Get<WaitingDisplayService>().ReadBoardAsync(displayKey))!;
        var cleared = await desk.Get<CheckInService>().ClearUrgentAsync(chest);
        var afterClear = (await desk.Get<WalkInQueueService>().QueueAsync(location)).Columns.Single(c => c.DoctorId == doctor.Id).Waiting;

        Assert.Equal(ChangeOutcome.Invalid, missing.Outcome);
        Assert.Equal("Say why the patient must be seen first, e.g. “chest pain”.", missing.ErrorFor(CheckInService.UrgentReasonField));
        Assert.True(marked.Succeeded, marked.Summary());
        Assert.Equal(["T-03", "T-01", "T-02"], afterMark.Select(w => w.Token));
        Assert.Equal("Chest pain", afterMark[0].UrgentReason);
        Assert.True(alsoUrgent.Succeeded, alsoUrgent.Summary());
        // The urgent by when they were marked, then the rest by token.
        Assert.Equal(["T-03", "T-02", "T-01"], bothUrgent.Select(w => w.Token));
        Assert.Equal(["T-03", "T-02", "T-01"], doctorsQueue.Queue.Where(e => e.Status == AppointmentStatus.Arrived).Select(e => e.Token));
        Assert.Equal(["T-03", "T-02", "T-01"], board.Doctors.Single(d => d.DoctorId == doctor.Id).Next.Select(t => t.Token)); // the display: the same order
        Assert.Equal("Chandra Das", doctorsQueue.NextPatient!.PatientName);
        Assert.Equal("Chest pain", doctorsQueue.NextPatient.UrgentReason);
        Assert.True(cleared.Succeeded);
        Assert.Equal(["T-02", "T-01", "T-03"], afterClear.Select(w => w.Token));
        // The fake clocks differ per step, so the trail is compared as a set.
        Assert.Equal(new[] { AuditActions.PatientMarkedUrgent, AuditActions.PatientUrgencyCleared }.Order(StringComparer.Ordinal),
            (await fixture.AuditOfAsync(fixture.PracticeA, chest)).Select(e => e.Action)
                .Where(a => a is AuditActions.PatientMarkedUrgent or AuditActions.PatientUrgencyCleared).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_a_waiting_patient_can_be_marked_urgent()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var visit = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync(), AppointmentFixture.Utc(Today, 10));

        var refused = await fixture.PracticeA.As(fixture.DeskA).Get<CheckInService>().MarkUrgentAsync(visit, "Chest pain");

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.Equal("Only a patient who is checked in and waiting can be moved up as urgent; this visit is scheduled.", refused.Message);
        Assert.Null((await fixture.ReadAsync(fixture.PracticeA, visit)).UrgentSinceUtc);
    }

    [Fact]
    public async Task The_doctor_starts_an_arrived_visit_which_keeps_its_token_and_the_slip_prints()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var visit = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync("Meena", "Iyer"), AppointmentFixture.Utc(Today, 10));
        Assert.True((await fixture.PracticeA.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(visit)).Succeeded);

        var slip = await fixture.PracticeA.As(fixture.DeskA).Get<TokenSlipPrinting>().RenderPdfAsync(visit);
        var started = await fixture.PracticeA.As(doctor.Member).Get<ConsultationService>().StartAsync(visit);

        Assert.NotNull(slip);
        Assert.Equal("token-T-01.pdf", slip.FileName);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(slip.Pdf, 0, 4));
        Assert.True(started.Succeeded, started.Summary());
        var stored = await fixture.ReadAsync(fixture.PracticeA, visit);
        Assert.Equal(AppointmentStatus.InProgress, stored.Status);
        Assert.Equal(1, stored.TokenNumber);
        Assert.Contains(AuditActions.TokenSlipPrinted, (await fixture.AuditOfAsync(fixture.PracticeA, visit)).Select(e => e.Action));
    }
}

public sealed class SqliteCheckInServiceTests(SqliteAppointmentFixture fixture)
    : CheckInServiceTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresCheckInServiceTests(PostgresAppointmentFixture fixture)
    : CheckInServiceTests(fixture), IClassFixture<PostgresAppointmentFixture>;
