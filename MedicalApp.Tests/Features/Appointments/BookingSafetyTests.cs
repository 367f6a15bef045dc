using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Booking that protects the clinic (#12), on both databases: the same-day duplicate warning, the reason a doctor
/// cannot be booked on a day, leave over existing bookings, and the number carrying the visit's day. "Now" is Tuesday
/// 10 March 2026, 09:40 in Chennai.
/// </summary>
public abstract class BookingSafetyTests(AppointmentFixture fixture)
{
    private static readonly TimeOnly Ten = new(10, 0);
    private static readonly DateOnly Friday = new(2026, 3, 13);

    private async Task<(TestDoctor Doctor, TestMember Reception, Guid Patient)> SetUpAsync()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync("Meena", "Iyer");
        return (doctor, reception, patient);
    }

    private AppointmentService Appointments(TestMember member) => fixture.PracticeA.As(member).Get<AppointmentService>();

    private Task<ChangeResult<AppointmentOutcome>> BookAsync(TestMember member, Guid patient, TestDoctor doctor, DateOnly date, TimeOnly start, bool confirm = false) =>
        Appointments(member).BookAsync(patient, doctor.Id, fixture.AnnaNagar, date, start, null, null, confirmSameDay: confirm);

    // ---------- Same patient twice on one day ----------

    [Fact]
    public async Task A_second_visit_the_same_day_with_the_same_doctor_needs_confirming_and_then_books()
    {
        var (doctor, reception, patient) = await SetUpAsync();
        var first = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, Ten);
        Assert.True(first.Succeeded, first.Summary());

        var warned = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, new TimeOnly(12, 0));

        Assert.Equal(ChangeOutcome.Refused, warned.Outcome);
        var existing = warned.Value!.SameDay!;
        Assert.Equal(first.Value!.Number, existing.Number);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0), existing.LocalStart);
        Assert.Contains("Meena Iyer already has an appointment with", warned.Message, StringComparison.Ordinal);
        Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));

        var confirmed = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, new TimeOnly(12, 0), confirm: true);

        Assert.True(confirmed.Succeeded, confirmed.Summary());
        Assert.Equal(2, (await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id)).Count);
    }

    [Fact]
    public async Task Another_day_another_doctor_or_a_cancelled_visit_is_not_a_duplicate()
    {
        var (doctor, reception, patient) = await SetUpAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var first = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, Ten);
        Assert.True(first.Succeeded);

        Assert.True((await BookAsync(reception, patient, doctor, AppointmentFixture.Thursday, Ten)).Succeeded);
        Assert.True((await BookAsync(reception, patient, colleague, AppointmentFixture.Wednesday, new TimeOnly(11, 0))).Succeeded);
        Assert.True((await Appointments(reception).CancelAsync(first.Value!.AppointmentId!.Value, "Patient called")).Succeeded);
        var again = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, new TimeOnly(11, 30));
        Assert.True(again.Succeeded, again.Summary());
    }

    [Fact]
    public async Task The_confirmation_names_the_patient_the_doctor_the_day_and_the_number()
    {
        var (doctor, reception, patient) = await SetUpAsync();

        var booked = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, new TimeOnly(10, 30));

        Assert.Equal($"Booked Meena Iyer with {doctor.Name} on Wed 11 Mar at 10:30 ({booked.Value!.Number}).", booked.Message);
    }

    // ---------- Same patient twice on one day, by a move ----------

    [Fact]
    public async Task A_move_onto_a_day_the_patient_already_sees_that_doctor_needs_confirming_and_then_moves()
    {
        var (doctor, reception, patient) = await SetUpAsync();
        var wednesday = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, Ten);
        var thursday = await BookAsync(reception, patient, doctor, AppointmentFixture.Thursday, Ten);
        var thursdayId = thursday.Value!.AppointmentId!.Value;

        var warned = await Appointments(reception).RescheduleAsync(thursdayId, AppointmentFixture.Wednesday, new TimeOnly(12, 0));

        Assert.Equal(ChangeOutcome.Refused, warned.Outcome);
        Assert.Equal(wednesday.Value!.Number, warned.Value!.SameDay!.Number);
        Assert.EndsWith("Move this one to that day anyway?", warned.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Thursday, 10), (await fixture.ReadAsync(fixture.PracticeA, thursdayId)).StartsAtUtc);

        var moved = await Appointments(reception).RescheduleAsync(thursdayId, AppointmentFixture.Wednesday, new TimeOnly(12, 0), confirmSameDay: true);

        Assert.True(moved.Succeeded, moved.Summary());
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Wednesday, 12), (await fixture.ReadAsync(fixture.PracticeA, thursdayId)).StartsAtUtc);
        // Both are now on Wednesday, confirmed once: a later time that day asks nothing again.
        var later = await Appointments(reception).RescheduleAsync(thursdayId, AppointmentFixture.Wednesday, new TimeOnly(12, 30));
        Assert.True(later.Succeeded, later.Summary());
    }

    [Fact]
    public async Task A_move_to_another_doctor_the_patient_already_sees_that_day_asks_but_a_move_within_the_day_or_to_a_free_day_does_not()
    {
        var (doctor, reception, patient) = await SetUpAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var withDoctor = await BookAsync(reception, patient, doctor, AppointmentFixture.Wednesday, Ten);
        var withColleague = await BookAsync(reception, patient, colleague, AppointmentFixture.Wednesday, new TimeOnly(11, 0));
        var id = withColleague.Value!.AppointmentId!.Value;

        var warned = await Appointments(reception).RescheduleAsync(id, AppointmentFixture.Wednesday, new TimeOnly(11, 0), doctor.Id);
        var withinTheDay = await Appointments(reception).RescheduleAsync(withDoctor.Value!.AppointmentId!.Value, AppointmentFixture.Wednesday, new TimeOnly(9, 0));
        var freeDay = await Appointments(reception).RescheduleAsync(id, AppointmentFixture.Thursday, new TimeOnly(11, 0), doctor.Id);

        Assert.Equal(withDoctor.Value.Number, warned.Value!.SameDay!.Number);
        Assert.True(withinTheDay.Succeeded, withinTheDay.Summary());
        Assert.True(freeDay.Succeeded, freeDay.Summary());
        Assert.Equal(doctor.Id, (await fixture.ReadAsync(fixture.PracticeA, id)).DoctorProfileId);
    }

    // ---------- The number carries the visit's day ----------

    [Fact]
    public async Task The_number_carries_the_visit_day_in_the_practice_time_zone_and_rescheduling_keeps_it()
    {
        // 00:00–01:00 on Friday in Chennai is Thursday 18:30–19:30 UTC: the number must say Friday, not Thursday or today.
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Friday, 0, 0, 1, 0), DoctorHours.Weekdays(fixture.TNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync();
        var other = await fixture.PracticeA.AddPatientAsync("Lakshmi", "Narayan");

        var midnight = await Appointments(reception).BookAsync(patient, doctor.Id, fixture.AnnaNagar, Friday, new TimeOnly(0, 0), null, null);
        var second = await Appointments(reception).BookAsync(other, doctor.Id, fixture.AnnaNagar, Friday, new TimeOnly(0, 30), null, null);

        Assert.True(midnight.Succeeded, midnight.Summary());
        Assert.StartsWith("APT-20260313-", midnight.Value!.Number, StringComparison.Ordinal);
        Assert.Equal(AppointmentFixture.Utc(Friday, 0), (await fixture.ReadAsync(fixture.PracticeA, midnight.Value.AppointmentId!.Value)).StartsAtUtc);
        // Counted per visit day: the second visit on Friday is the next number of that day.
        var firstValue = int.Parse(midnight.Value.Number![^4..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"APT-20260313-{firstValue + 1:D4}", second.Value!.Number);

        var moved = await Appointments(reception).RescheduleAsync(midnight.Value.AppointmentId!.Value, AppointmentFixture.Wednesday, Ten, locationId: fixture.TNagar);

        Assert.True(moved.Succeeded, moved.Summary());
        Assert.Equal(midnight.Value.Number, (await fixture.ReadAsync(fixture.PracticeA, midnight.Value.AppointmentId.Value)).Number);
    }

    // ---------- Why a doctor cannot be booked on a day ----------

    [Fact]
    public async Task A_doctor_without_hours_that_day_is_shown_with_the_reason()
    {
        var weekdays = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var nowhere = await fixture.PracticeA.AddDoctorAsync();
        var mondays = await fixture.PracticeA.AddDoctorAsync([DoctorHours.On(fixture.TNagar, DayOfWeek.Monday, 9, 0, 12, 0), DoctorHours.On(fixture.AnnaNagar, DayOfWeek.Wednesday, 9, 0, 12, 0)]);
        await fixture.PracticeA.AddLeaveAsync(weekdays.Id, AppointmentFixture.Thursday);
        var slots = fixture.PracticeA.As(fixture.DeskA).Get<SlotService>();

        Assert.Equal("On leave: Conference", (await slots.GetDoctorDayAsync(weekdays.Id, AppointmentFixture.Thursday)).Unavailable);
        Assert.Equal("No hours on Saturdays", (await slots.GetDoctorDayAsync(weekdays.Id, new DateOnly(2026, 3, 14))).Unavailable);
        Assert.Equal("Not practising at any location", (await slots.GetDoctorDayAsync(nowhere.Id, AppointmentFixture.Wednesday)).Unavailable);
        var wednesday = await slots.GetDoctorDayAsync(mondays.Id, AppointmentFixture.Wednesday);
        Assert.Null(wednesday.Unavailable);
        Assert.Equal([fixture.AnnaNagar], wednesday.LocationIdsWithHours);
    }

    [Fact]
    public async Task Another_practice_doctor_has_no_day_here_and_cannot_be_booked()
    {
        var (_, reception, patient) = await SetUpAsync();
        var theirs = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);

        var day = await fixture.PracticeA.As(reception).Get<SlotService>().GetDoctorDayAsync(theirs.Id, AppointmentFixture.Wednesday);
        var booked = await Appointments(reception).BookAsync(patient, theirs.Id, fixture.BLocation, AppointmentFixture.Wednesday, Ten, null, null, confirmSameDay: true);

        Assert.Equal("Not an active doctor of the practice", day.Unavailable);
        Assert.Equal(ChangeOutcome.Invalid, booked.Outcome);
        Assert.Empty(await fixture.AppointmentsOfAsync(fixture.PracticeB, theirs.Id));
    }

    // ---------- Leave over existing bookings ----------

    private async Task<(TestDoctor Doctor, TestMember Owner, Guid WithEmail, Guid WithoutEmail, Guid First, Guid Second)> LeaveSetUpAsync()
    {
        var (doctor, reception, meena) = await SetUpAsync();
        var owner = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Owner);
        await fixture.PracticeA.WithContextAsync(async db =>
        {
            var p = await db.Patients.SingleAsync(x => x.Id == meena);
            p.Email = "meena@example.com";
            return await db.SaveChangesAsync();
        });
        var ravi = await fixture.PracticeA.AddPatientAsync();
        var first = await BookAsync(reception, meena, doctor, Friday, Ten);
        var second = await BookAsync(reception, ravi, doctor, Friday, new TimeOnly(11, 0));
        Assert.True(first.Succeeded && second.Succeeded);
        return (doctor, owner, meena, ravi, first.Value!.AppointmentId!.Value, second.Value!.AppointmentId!.Value);
    }

    private Task<List<OutboxEmail>> MailsAsync(string purpose) =>
        fixture.PracticeA.WithContextAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.Purpose == purpose).ToListAsync());

    [Fact]
    public async Task Leave_over_bookings_lists_them_with_free_times_and_saves_nothing()
    {
        var (doctor, owner, _, _, first, second) = await LeaveSetUpAsync();

        var listed = await fixture.PracticeA.As(owner).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, Friday, "Conference");

        Assert.Equal(ChangeOutcome.Refused, listed.Outcome);
        Assert.Equal([first, second], listed.Value!.Appointments.Select(a => a.AppointmentId));
        var clash = listed.Value.Appointments[0];
        Assert.Equal("Meena Iyer", clash.PatientName);
        Assert.Equal("will be told by email", clash.HowTold);
        Assert.Equal("no email on file: call the patient", listed.Value.Appointments[1].HowTold);
        // Offered times skip the leave day itself and the past: today's rest first (now is 09:40).
        Assert.NotEmpty(clash.FreeSlots);
        Assert.DoesNotContain(clash.FreeSlots, s => s.Date == Friday);
        Assert.All(clash.FreeSlots, s => Assert.True(s.StartsAtUtc > AppointmentFixture.Now.UtcDateTime));
        Assert.Equal(0, await fixture.PracticeA.WithContextAsync(db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == doctor.Id)));
    }

    [Fact]
    public async Task Leave_is_saved_with_one_visit_moved_and_one_cancelled_and_the_patient_emailed_in_one_transaction()
    {
        var (doctor, owner, _, _, first, second) = await LeaveSetUpAsync();
        var service = fixture.PracticeA.As(owner).Get<DoctorProfileService>();
        var listed = await service.AddLeaveAsync(doctor.Id, Friday, "Conference");
        var newTime = listed.Value!.Appointments[0].FreeSlots[0];
        var meenaMovedBefore = await MailsAsync(LeaveOverBookings.EmailPurposeMoved);

        var saved = await service.AddLeaveAsync(doctor.Id, Friday, "Conference", decisions: new Dictionary<Guid, LeaveBookingDecision>
        {
            [first] = LeaveBookingDecision.MoveTo(newTime),
            [second] = LeaveBookingDecision.CancelIt,
        });

        Assert.True(saved.Succeeded, saved.Summary());
        var moved = await fixture.ReadAsync(fixture.PracticeA, first);
        Assert.Equal(newTime.StartsAtUtc, moved.StartsAtUtc);
        Assert.Equal(AppointmentStatus.Scheduled, moved.Status);
        var cancelled = await fixture.ReadAsync(fixture.PracticeA, second);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Contains("on leave (Conference)", cancelled.CancellationReason, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.PracticeA.WithContextAsync(db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == doctor.Id && l.Date == Friday)));
        // Meena has an email and was told of the move; Ravi has none (the desk calls him), so no cancellation mail.
        var mail = Assert.Single(await MailsAsync(LeaveOverBookings.EmailPurposeMoved), m => meenaMovedBefore.All(b => b.Id != m.Id));
        Assert.Equal("meena@example.com", mail.ToAddress);
        var body = fixture.PracticeA.As(owner).Get<MailOutbox>().ReadBody(mail);
        Assert.Contains(moved.Number, body, StringComparison.Ordinal);
        Assert.Contains(newTime.StartText, body, StringComparison.Ordinal);
        Assert.Contains((await fixture.AuditOfAsync(fixture.PracticeA, first)), a => a.Action == AuditActions.AppointmentRescheduled);
        Assert.Contains((await fixture.AuditOfAsync(fixture.PracticeA, second)), a => a.Action == AuditActions.AppointmentCancelled);
    }

    [Fact]
    public async Task Cancelling_for_leave_emails_the_patient_and_a_missing_or_bad_decision_saves_nothing()
    {
        var (doctor, owner, _, _, first, second) = await LeaveSetUpAsync();
        var service = fixture.PracticeA.As(owner).Get<DoctorProfileService>();

        var partial = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision> { [first] = LeaveBookingDecision.CancelIt });
        var onTheLeave = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision>
        {
            [first] = LeaveBookingDecision.CancelIt,
            [second] = new(LeaveBookingAction.Reschedule, Friday, new TimeOnly(12, 0)),
        });

        Assert.Equal(ChangeOutcome.Refused, partial.Outcome);
        Assert.Equal(2, partial.Value!.Appointments.Count);
        Assert.Equal(ChangeOutcome.Refused, onTheLeave.Outcome);
        Assert.Equal(AppointmentStatus.Scheduled, (await fixture.ReadAsync(fixture.PracticeA, first)).Status);
        Assert.Equal(0, await fixture.PracticeA.WithContextAsync(db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == doctor.Id)));

        var bothCancelled = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision>
        {
            [first] = LeaveBookingDecision.CancelIt,
            [second] = LeaveBookingDecision.CancelIt,
        });

        Assert.True(bothCancelled.Succeeded, bothCancelled.Summary());
        var number = (await fixture.ReadAsync(fixture.PracticeA, first)).Number;
        var mail = Assert.Single(await MailsAsync(LeaveOverBookings.EmailPurposeCancelled), m => m.Subject.Contains(number, StringComparison.Ordinal));
        Assert.Equal("meena@example.com", mail.ToAddress);
    }

    [Fact]
    public async Task Two_visits_cannot_be_moved_onto_the_same_time()
    {
        var (doctor, owner, _, _, first, second) = await LeaveSetUpAsync();
        var service = fixture.PracticeA.As(owner).Get<DoctorProfileService>();
        var listed = await service.AddLeaveAsync(doctor.Id, Friday, null);
        var slot = listed.Value!.Appointments[0].FreeSlots[0];

        var clash = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision>
        {
            [first] = LeaveBookingDecision.MoveTo(slot),
            [second] = LeaveBookingDecision.MoveTo(slot),
        });

        Assert.Equal(ChangeOutcome.Refused, clash.Outcome);
        Assert.Equal(AppointmentFixture.Utc(Friday, 10), (await fixture.ReadAsync(fixture.PracticeA, first)).StartsAtUtc);
    }

    [Fact]
    public async Task A_leave_move_can_go_to_another_doctor_at_another_location_at_the_same_time()
    {
        var (doctor, owner, _, _, first, second) = await LeaveSetUpAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.TNagar, 9, 13)]);
        var service = fixture.PracticeA.As(owner).Get<DoctorProfileService>();
        var listed = await service.AddLeaveAsync(doctor.Id, Friday, "Conference");
        var clash = listed.Value!.Appointments.Single(a => a.AppointmentId == first);

        // The visit's own doctor is offered first; the colleague at T Nagar from the visit's own time on (Friday 10:00 first).
        Assert.True(clash.MoveOptions[0].SameDoctor);
        var atTNagar = Assert.Single(clash.MoveOptions, o => o.DoctorId == colleague.Id && o.LocationId == fixture.TNagar);
        Assert.Equal($"{colleague.Name} at T. Nagar", atTNagar.Label);
        Assert.Equal(AppointmentFixture.Utc(Friday, 10), atTNagar.FreeSlots[0].StartsAtUtc);

        var saved = await service.AddLeaveAsync(doctor.Id, Friday, "Conference", decisions: new Dictionary<Guid, LeaveBookingDecision>
        {
            [first] = LeaveBookingDecision.MoveTo(atTNagar.FreeSlots[0], atTNagar),
            [second] = LeaveBookingDecision.CancelIt,
        });

        Assert.True(saved.Succeeded, saved.Summary());
        Assert.Contains($"moved to Fri 13 Mar 10:00 with {colleague.Name} at T. Nagar", saved.Message, StringComparison.Ordinal);
        var moved = await fixture.ReadAsync(fixture.PracticeA, first);
        Assert.Equal((colleague.Id, fixture.TNagar, AppointmentFixture.Utc(Friday, 10), AppointmentStatus.Scheduled),
            (moved.DoctorProfileId, moved.ClinicLocationId, moved.StartsAtUtc, moved.Status));
        var mail = Assert.Single(await MailsAsync(LeaveOverBookings.EmailPurposeMoved), m => m.Subject.Contains(moved.Number, StringComparison.Ordinal));
        Assert.Contains($"with {colleague.Name} at T. Nagar", fixture.PracticeA.As(owner).Get<MailOutbox>().ReadBody(mail), StringComparison.Ordinal);
        Assert.Contains(await fixture.AuditOfAsync(fixture.PracticeA, first), a => a.Action == AuditActions.AppointmentRescheduled && a.Details!.Contains(colleague.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_leave_move_to_a_colleague_is_checked_like_a_booking_and_a_refusal_saves_nothing()
    {
        var (doctor, owner, _, _, first, second) = await LeaveSetUpAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var other = await fixture.PracticeA.AddPatientAsync("Lakshmi", "Narayan");
        Assert.True((await BookAsync(reception, other, colleague, Friday, Ten)).Succeeded);
        var theirs = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);
        var service = fixture.PracticeA.As(owner).Get<DoctorProfileService>();
        LeaveBookingDecision To(Guid doctorId, Guid locationId, DateOnly date, TimeOnly start) => new(LeaveBookingAction.Reschedule, date, start, doctorId, locationId);

        // The colleague is busy at 10:00, does not practise at T Nagar, and another practice's doctor is nobody here.
        var busy = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision>
            { [first] = To(colleague.Id, fixture.AnnaNagar, Friday, Ten), [second] = LeaveBookingDecision.CancelIt });
        var elsewhere = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision>
            { [first] = To(colleague.Id, fixture.TNagar, Friday, new TimeOnly(11, 0)), [second] = LeaveBookingDecision.CancelIt });
        var foreign = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: new Dictionary<Guid, LeaveBookingDecision>
            { [first] = To(theirs.Id, fixture.BLocation, Friday, Ten), [second] = LeaveBookingDecision.CancelIt });

        Assert.Equal(ChangeOutcome.Refused, busy.Outcome);
        Assert.Contains("not a free time of", busy.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeOutcome.Refused, elsewhere.Outcome);
        Assert.Contains("does not practise at T. Nagar", elsewhere.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeOutcome.Refused, foreign.Outcome);
        Assert.Contains("Choose an active doctor of the practice.", foreign.Message, StringComparison.Ordinal);
        // The cancellation in each attempt was rolled back with it; so was the leave.
        Assert.Equal(AppointmentStatus.Scheduled, (await fixture.ReadAsync(fixture.PracticeA, second)).Status);
        Assert.Equal(doctor.Id, (await fixture.ReadAsync(fixture.PracticeA, first)).DoctorProfileId);
        Assert.Equal(0, await fixture.PracticeA.WithContextAsync(db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == doctor.Id)));
        Assert.Empty(await fixture.AppointmentsOfAsync(fixture.PracticeB, theirs.Id));
    }

    [Fact]
    public async Task A_leave_move_onto_a_day_the_patient_already_sees_that_doctor_needs_confirming()
    {
        var (doctor, owner, meena, _, first, second) = await LeaveSetUpAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var already = await BookAsync(reception, meena, colleague, Friday, new TimeOnly(12, 0));
        var service = fixture.PracticeA.As(owner).Get<DoctorProfileService>();
        var decisions = new Dictionary<Guid, LeaveBookingDecision>
        {
            [first] = new(LeaveBookingAction.Reschedule, Friday, new TimeOnly(11, 0), colleague.Id, fixture.AnnaNagar),
            [second] = LeaveBookingDecision.CancelIt,
        };

        var asked = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: decisions);

        Assert.Equal(ChangeOutcome.Refused, asked.Outcome);
        Assert.Equal(first, asked.Value!.SameDay!.AppointmentId);
        Assert.Equal(already.Value!.Number, asked.Value.SameDay.Existing.Number);
        Assert.Equal(2, asked.Value.Appointments.Count);
        Assert.Equal(AppointmentStatus.Scheduled, (await fixture.ReadAsync(fixture.PracticeA, second)).Status);

        decisions[first] = decisions[first] with { ConfirmSameDay = true };
        var saved = await service.AddLeaveAsync(doctor.Id, Friday, null, decisions: decisions);

        Assert.True(saved.Succeeded, saved.Summary());
        Assert.Equal(colleague.Id, (await fixture.ReadAsync(fixture.PracticeA, first)).DoctorProfileId);
    }

    [Fact]
    public async Task Another_practice_cannot_add_leave_or_decide_over_our_bookings()
    {
        var (doctor, _, _, _, first, second) = await LeaveSetUpAsync();
        var ownerB = await fixture.PracticeB.AddMemberAsync(PracticeRoles.Owner);

        var refused = await fixture.PracticeB.As(ownerB).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, Friday, null,
            decisions: new Dictionary<Guid, LeaveBookingDecision> { [first] = LeaveBookingDecision.CancelIt, [second] = LeaveBookingDecision.CancelIt });

        Assert.Equal(ChangeOutcome.NotFound, refused.Outcome);
        Assert.Null(refused.Value);
        Assert.Equal(AppointmentStatus.Scheduled, (await fixture.ReadAsync(fixture.PracticeA, first)).Status);
    }
}

public sealed class SqliteBookingSafetyTests(SqliteAppointmentFixture fixture)
    : BookingSafetyTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresBookingSafetyTests(PostgresAppointmentFixture fixture)
    : BookingSafetyTests(fixture), IClassFixture<PostgresAppointmentFixture>;
