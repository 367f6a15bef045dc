using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Free slots, the walk-in queue, the lists and the patient lookup over a real database, on both providers. "Now" is
/// Tuesday 10 March 2026, 09:40 in Chennai.
/// </summary>
public abstract class SlotAndQueueServiceTests(AppointmentFixture fixture)
{
    private static readonly DateOnly Today = AppointmentFixture.Today;

    // ---------- Slots ----------

    [Fact]
    public async Task Todays_slots_start_after_now_in_the_practices_time_zone()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);

        var day = await fixture.PracticeA.As(null).Get<SlotService>().GetDayAsync(doctor.Id, fixture.AnnaNagar, Today);

        Assert.Equal(["10:00", "10:30", "11:00", "11:30", "12:00", "12:30"], day.Slots.Select(s => s.StartText));
        Assert.Equal(AppointmentFixture.Utc(Today, 10), day.Slots[0].StartsAtUtc);
    }

    [Fact]
    public async Task Leave_days_other_weekdays_and_past_days_have_no_slots_and_say_why()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        await fixture.PracticeA.AddLeaveAsync(doctor.Id, AppointmentFixture.Thursday);
        var slots = fixture.PracticeA.As(null).Get<SlotService>();

        var leave = await slots.GetDayAsync(doctor.Id, fixture.AnnaNagar, AppointmentFixture.Thursday);
        var sunday = await slots.GetDayAsync(doctor.Id, fixture.AnnaNagar, new DateOnly(2026, 3, 15));
        var yesterday = await slots.GetDayAsync(doctor.Id, fixture.AnnaNagar, Today.AddDays(-1));
        var elsewhere = await slots.GetDayAsync(doctor.Id, fixture.TNagar, AppointmentFixture.Wednesday);

        Assert.Empty(leave.Slots);
        Assert.Equal($"{doctor.Name} is on leave on Thu 12 Mar.", leave.Notice);
        Assert.Empty(sunday.Slots);
        Assert.Equal($"{doctor.Name} has no hours at Anna Nagar on Sundays.", sunday.Notice);
        Assert.Empty(yesterday.Slots);
        Assert.Equal("This day has passed. Choose today or a later day.", yesterday.Notice);
        Assert.Empty(elsewhere.Slots);
        Assert.Equal($"{doctor.Name} does not practise at T. Nagar.", elsewhere.Notice);
    }

    [Theory]
    [InlineData(AppointmentStatus.Scheduled, false)]
    [InlineData(AppointmentStatus.Confirmed, false)]
    [InlineData(AppointmentStatus.InProgress, false)]
    [InlineData(AppointmentStatus.Completed, false)]
    [InlineData(AppointmentStatus.Cancelled, true)]
    [InlineData(AppointmentStatus.NoShow, true)]
    public async Task Only_blocking_statuses_take_a_slot(AppointmentStatus status, bool free)
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync();
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 11), status: status);

        var day = await fixture.PracticeA.As(null).Get<SlotService>().GetDayAsync(doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday);

        Assert.Equal(free, day.Slots.Any(s => s.Start == new TimeOnly(11, 0)));
        Assert.Equal(free ? 8 : 7, day.Slots.Count);
    }

    [Fact]
    public async Task The_next_free_slots_skip_a_full_day()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Wednesday, 9, 0, 10, 0), DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Friday, 9, 0, 11, 0)], minutes: 45);
        var patient = await fixture.PracticeA.AddPatientAsync();
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 9), 45);

        var next = await fixture.PracticeA.As(null).Get<SlotService>().NextFreeAsync(doctor.Id, fixture.AnnaNagar, Today, 3);

        Assert.Equal(["Fri 13 Mar 09:00", "Fri 13 Mar 09:45", "Wed 18 Mar 09:00"], next.Select(s => s.Describe()));
    }

    // ---------- Walk-in queue ----------

    [Fact]
    public async Task A_walk_in_takes_the_next_free_slot_today_and_is_stored_as_a_walk_in_checked_in_with_a_token()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var first = await fixture.PracticeA.AddPatientAsync("Anil", "Menon");
        var second = await fixture.PracticeA.AddPatientAsync("Divya", "Rao");
        var walkIns = fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>();

        var one = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(first, doctor.Id, fixture.AnnaNagar);
        var two = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(second, doctor.Id, fixture.AnnaNagar, "Sprained ankle");

        Assert.True(one.Succeeded, string.Join("; ", one.AllMessages()));
        Assert.Equal($"Anil Menon is in {doctor.Name}'s queue at 10:00 ({one.Value!.Number}). Token T-01.", one.Message);
        Assert.True(two.Succeeded, string.Join("; ", two.AllMessages()));
        var saved = await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id);
        Assert.Equal([AppointmentFixture.Utc(Today, 10), AppointmentFixture.Utc(Today, 10, 30)], saved.Select(a => a.StartsAtUtc));
        Assert.All(saved, a => Assert.True(a.IsWalkIn));
        // At the desk, so arrived at once: waiting by token, from now.
        Assert.All(saved, a => Assert.Equal(AppointmentStatus.Arrived, a.Status));
        Assert.All(saved, a => Assert.Equal(AppointmentFixture.Now.UtcDateTime, a.ArrivedAtUtc));
        Assert.Equal([1, 2], saved.Select(a => a.TokenNumber));
        Assert.Equal(["Walk-in", "Sprained ankle"], saved.Select(a => a.Reason));
        // One change, so one timestamp: compared as a set.
        Assert.Equal(new[] { AuditActions.WalkInAdded, AuditActions.PatientCheckedIn }.Order(StringComparer.Ordinal),
            (await fixture.AuditOfAsync(fixture.PracticeA, saved[0].Id)).Select(e => e.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_a_free_slot_a_walk_in_queues_after_the_last_appointment_of_the_day()
    {
        // Hours today 09:00–10:00: 09:00 and 09:30 have started, and 09:30–10:00 is taken anyway.
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Tuesday, 9, 0, 10, 0)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var booked = await fixture.PracticeA.AddPatientAsync("Booked", "Patient");
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, booked, AppointmentFixture.Utc(Today, 9, 30));
        var walkIns = fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>();

        var one = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Kiran", "Shah"), doctor.Id, fixture.AnnaNagar);
        var two = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Uma", "Iyer"), doctor.Id, fixture.AnnaNagar);

        Assert.Equal($"Kiran Shah is in {doctor.Name}'s queue at 10:00, after the last appointment of the day ({one.Value!.Number}). Token T-01.", one.Message);
        Assert.True(two.Succeeded);
        var saved = await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id);
        Assert.Equal([AppointmentFixture.Utc(Today, 9, 30), AppointmentFixture.Utc(Today, 10), AppointmentFixture.Utc(Today, 10, 30)],
            saved.Select(a => a.StartsAtUtc));
        Assert.Equal(AppointmentFixture.Utc(Today, 11), saved[^1].EndsAtUtc);
    }

    [Fact]
    public async Task A_walk_in_for_a_doctor_without_hours_today_starts_on_the_next_five_minute_mark()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Friday, 9, 0, 10, 0)], minutes: 20);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var clock = AppointmentFixture.NewClock(AppointmentFixture.Now.AddMinutes(2));

        var result = await fixture.PracticeA.As(reception, clock).Get<WalkInQueueService>()
            .AddWalkInAsync(await fixture.PracticeA.AddPatientAsync(), doctor.Id, fixture.AnnaNagar);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        var saved = Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));
        Assert.Equal(AppointmentFixture.Utc(Today, 9, 45), saved.StartsAtUtc);
        Assert.Equal(AppointmentFixture.Utc(Today, 10, 5), saved.EndsAtUtc);
    }

    [Fact]
    public async Task A_walk_in_is_refused_on_leave_twice_for_the_same_doctor_and_when_the_day_is_over()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var away = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        await fixture.PracticeA.AddLeaveAsync(away.Id, Today);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync("Sunil", "Gupta");
        var walkIns = fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>();
        Assert.True((await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(patient, doctor.Id, fixture.AnnaNagar)).Succeeded);

        var twice = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(patient, doctor.Id, fixture.AnnaNagar);
        var onLeave = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(patient, away.Id, fixture.AnnaNagar);
        var lateNight = await fixture.PracticeA.As(reception, AppointmentFixture.NewClock(new DateTimeOffset(2026, 3, 10, 23, 45, 0, AppointmentFixture.Ist))).Get<WalkInQueueService>()
            .AddWalkInAsync(await fixture.PracticeA.AddPatientAsync(), doctor.Id, fixture.AnnaNagar);

        Assert.StartsWith($"Sunil Gupta is already in {doctor.Name}'s queue today (10:00, APT-20260310-", twice.Message, StringComparison.Ordinal);
        Assert.Equal($"{away.Name} is on leave today.", onLeave.Message);
        Assert.Equal($"No time is left today in {doctor.Name}'s queue. Book an appointment on another day.", lateNight.Message);
        Assert.All([twice, onLeave, lateNight], r => Assert.Equal(ChangeOutcome.Refused, r.Outcome));
    }

    [Fact]
    public async Task The_queue_shows_each_doctors_waiting_by_token_who_is_in_consultation_and_who_has_not_arrived()
    {
        var location = await fixture.PracticeA.AddLocationAsync("Queue clinic " + Guid.NewGuid().ToString("N")[..4]);
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)]);
        var idle = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)]);
        var notToday = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(location, DayOfWeek.Friday, 9, 0, 12, 0)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var walkIns = fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>();
        var booked = await fixture.PracticeA.As(reception).Get<AppointmentService>().BookAsync(await fixture.PracticeA.AddPatientAsync("Zara", "Khan"),
            doctor.Id, location, Today, new TimeOnly(11, 0), null, null);
        var walkIn = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Arun", "Pillai"), doctor.Id, location);
        var seen = await fixture.PracticeA.As(reception).Get<WalkInQueueService>().AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Geeta", "Bose"), doctor.Id, location);
        Assert.True((await fixture.PracticeA.As(doctor.Member).Get<AppointmentService>().StartAsync(seen.Value!.AppointmentId!.Value)).Succeeded);

        var queue = await walkIns.QueueAsync(location);

        Assert.Equal(Today, queue.Today);
        Assert.Equal(new[] { doctor.Id, idle.Id }.Order(), queue.Columns.Select(c => c.DoctorId).Order());
        Assert.DoesNotContain(queue.Columns, c => c.DoctorId == notToday.Id);
        var column = queue.Columns.Single(c => c.DoctorId == doctor.Id);
        Assert.Equal("09:00–13:00", column.Hours);
        // The walk-ins arrived (tokens 1 and 2, Geeta now in consultation); the 11:00 booking has not come yet.
        Assert.Equal([walkIn.Value!.AppointmentId!.Value], column.Waiting.Select(w => w.Id));
        Assert.Equal(["T-01"], column.Waiting.Select(w => w.Token));
        Assert.Equal("Arun Pillai", Assert.Single(column.Waiting).PatientName);
        Assert.Equal(booked.Value!.AppointmentId!.Value, Assert.Single(column.NotArrived).Id);
        Assert.Equal("T-02", Assert.Single(column.InConsultation).Token);
        Assert.Equal("Geeta Bose", Assert.Single(column.InConsultation).PatientName);
        Assert.Empty(queue.Columns.Single(c => c.DoctorId == idle.Id).Waiting);
    }

    // ---------- Lists and lookup ----------

    [Fact]
    public async Task Lists_split_today_upcoming_and_past_filter_and_page()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)], minutes: 60);
        var patient = await fixture.PracticeA.AddPatientAsync("List", "Patient");
        var yesterday = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(Today.AddDays(-1), 9), 60, AppointmentStatus.Completed);
        var today = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(Today, 12), 60);
        var tomorrow = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 9), 60);
        var later = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Thursday, 9), 60, AppointmentStatus.Cancelled);
        var queries = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentQueries>();

        var todays = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Today, DoctorId: doctor.Id));
        var upcoming = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Upcoming, DoctorId: doctor.Id));
        var past = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Past, DoctorId: doctor.Id));
        var cancelled = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Upcoming, AppointmentStatus.Cancelled, doctor.Id));
        var secondPage = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Upcoming, DoctorId: doctor.Id, Page: 1, PageSize: 1));
        var otherLocation = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Upcoming, DoctorId: doctor.Id, LocationId: fixture.TNagar));

        Assert.Equal([today], todays.Items.Select(r => r.Id));
        Assert.Equal("12:00–13:00", todays.Items[0].Times);
        Assert.Equal("List Patient", todays.Items[0].PatientName);
        Assert.Equal("Anna Nagar", todays.Items[0].LocationName);
        Assert.Equal([tomorrow, later], upcoming.Items.Select(r => r.Id));
        Assert.Equal([yesterday], past.Items.Select(r => r.Id));
        Assert.Equal([later], cancelled.Items.Select(r => r.Id));
        Assert.Equal(2, secondPage.TotalCount);
        Assert.Equal([later], secondPage.Items.Select(r => r.Id));
        Assert.Empty(otherLocation.Items);
    }

    [Fact]
    public async Task The_calendar_of_a_doctor_spans_their_hours_and_every_appointment_shown()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Wednesday, 9, 0, 13, 0), DoctorHours.On(fixture.TNagar, DayOfWeek.Thursday, 17, 0, 20, 45)]);
        var patient = await fixture.PracticeA.AddPatientAsync();
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 9));
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.TNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Thursday, 7, 15));
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.TNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Thursday, 17), status: AppointmentStatus.Cancelled);
        await fixture.PracticeA.AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 13));
        var queries = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentQueries>();

        var week = await queries.CalendarAsync(new CalendarQuery(CalendarMode.Doctor, doctor.Id, new DateOnly(2026, 3, 9), 7));
        var withCancelled = await queries.CalendarAsync(new CalendarQuery(CalendarMode.Doctor, doctor.Id, new DateOnly(2026, 3, 9), 7, IncludeCancelled: true));
        var tNagarThursday = await queries.CalendarAsync(new CalendarQuery(CalendarMode.Location, fixture.TNagar, AppointmentFixture.Thursday, 1));

        Assert.Equal(2, week.Appointments.Count);
        Assert.Equal(3, withCancelled.Appointments.Count);
        Assert.Equal(new TimeOnly(7, 0), week.DayStart);
        Assert.Equal(new TimeOnly(21, 0), week.DayEnd);
        Assert.Equal([(doctor.Id, new DateOnly(2026, 3, 13))], week.Leave);
        Assert.Contains(tNagarThursday.Doctors, d => d.Id == doctor.Id);
        Assert.All(tNagarThursday.Appointments, a => Assert.Equal(fixture.TNagar, a.LocationId));
    }
}

public sealed class SqliteSlotAndQueueServiceTests(SqliteAppointmentFixture fixture)
    : SlotAndQueueServiceTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresSlotAndQueueServiceTests(PostgresAppointmentFixture fixture)
    : SlotAndQueueServiceTests(fixture), IClassFixture<PostgresAppointmentFixture>;
