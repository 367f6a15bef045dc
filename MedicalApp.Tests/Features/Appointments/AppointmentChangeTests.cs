using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Status changes, rescheduling, who may do what, and practice isolation, on both databases. "Now" is Tuesday
/// 10 March 2026, 09:40 in Chennai.
/// </summary>
public abstract class AppointmentChangeTests(AppointmentFixture fixture)
{
    private static readonly TimeOnly Ten = new(10, 0);
    private static readonly TimeOnly Eleven = new(11, 0);

    private sealed record Booked(TestDoctor Doctor, TestMember Reception, Guid Patient, Guid Id);

    /// <summary>A weekday doctor, a receptionist, a patient, and a booking with that doctor at Anna Nagar.</summary>
    private async Task<Booked> BookAsync(DateOnly date, TimeOnly start)
    {
        var doctor = await fixture.CreateWeekdayDoctorAsync();
        var reception = await fixture.CreateMemberAsync(fixture.PracticeA, PracticeRoles.Receptionist);
        var patient = await fixture.CreatePatientAsync(fixture.PracticeA);
        var result = await fixture.Appointments(fixture.PracticeA, reception)
            .BookAsync(patient, doctor.Id, fixture.AnnaNagar, date, start, "Check-up", null);
        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        return new Booked(doctor, reception, patient, result.Value!.AppointmentId!.Value);
    }

    private Task<AppointmentStatus> StatusAsync(Guid id) => fixture.InPracticeAsync(fixture.PracticeA,
        db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    // ---------- Status machine ----------

    [Fact]
    public async Task Scheduled_confirmed_in_consultation_completed_each_step_audited()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var service = fixture.Appointments(fixture.PracticeA);

        var confirmed = await fixture.Appointments(fixture.PracticeA, booked.Reception).ConfirmAsync(booked.Id);
        var started = await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).StartAsync(booked.Id);
        var completed = await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).CompleteAsync(booked.Id);

        Assert.All([confirmed, started, completed], r => Assert.True(r.Succeeded, string.Join("; ", r.AllMessages())));
        Assert.EndsWith("completed.", completed.Message, StringComparison.Ordinal);
        var saved = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(AppointmentStatus.Completed, saved.Status);
        Assert.Equal(AppointmentFixture.Now.UtcDateTime, saved.StatusChangedAtUtc);
        var audit = await fixture.AuditOfAsync(fixture.PracticeA, booked.Id);
        Assert.Equal([AuditActions.AppointmentBooked, AuditActions.AppointmentConfirmed, AuditActions.ConsultationStarted, AuditActions.ConsultationCompleted],
            audit.Select(e => e.Action));
        Assert.Contains("Confirmed → In consultation", audit[2].Details, StringComparison.Ordinal);
        Assert.Equal(booked.Doctor.UserId, audit[2].UserId);
    }

    [Fact]
    public async Task A_doctor_may_start_a_scheduled_appointment_without_confirmation()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);

        var started = await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).StartAsync(booked.Id);

        Assert.True(started.Succeeded, string.Join("; ", started.AllMessages()));
        Assert.Equal(AppointmentStatus.InProgress, await StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Invalid_transitions_are_refused_with_a_message_and_change_nothing()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var service = fixture.Appointments(fixture.PracticeA);

        var completeTooEarly = await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).CompleteAsync(booked.Id);
        Assert.Equal(ChangeOutcome.Refused, completeTooEarly.Outcome);
        Assert.Equal("Only a consultation in progress can be completed. Start it first.", completeTooEarly.Message);

        Assert.True((await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).StartAsync(booked.Id)).Succeeded);
        var cancelInProgress = await fixture.Appointments(fixture.PracticeA, booked.Reception).CancelAsync(booked.Id, "Patient left");
        Assert.Equal(ChangeOutcome.Refused, cancelInProgress.Outcome);
        Assert.Equal("The consultation is in progress; it can only be completed now.", cancelInProgress.Message);

        Assert.True((await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).CompleteAsync(booked.Id)).Succeeded);
        var confirmCompleted = await fixture.Appointments(fixture.PracticeA, booked.Reception).ConfirmAsync(booked.Id);
        var rescheduleCompleted = await fixture.Appointments(fixture.PracticeA, booked.Reception).RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, Ten);
        Assert.Equal("This appointment is completed; its status can no longer change.", confirmCompleted.Message);
        Assert.Equal("Only scheduled or confirmed appointments can be rescheduled; this one is completed.", rescheduleCompleted.Message);
        Assert.Equal(AppointmentStatus.Completed, await StatusAsync(booked.Id));
        Assert.Equal(3, (await fixture.AuditOfAsync(fixture.PracticeA, booked.Id)).Count);
    }

    [Fact]
    public async Task A_cancellation_needs_a_reason_keeps_it_and_frees_the_slot()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var service = fixture.Appointments(fixture.PracticeA);

        var noReason = await fixture.Appointments(fixture.PracticeA, booked.Reception).CancelAsync(booked.Id, "   ");
        var cancelled = await fixture.Appointments(fixture.PracticeA, booked.Reception).CancelAsync(booked.Id, "  Travelling  ");
        var again = await fixture.Appointments(fixture.PracticeA, booked.Reception).BookAsync(booked.Patient, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);

        Assert.Equal("Say why the appointment is cancelled.", noReason.FieldErrors[AppointmentFields.CancellationReason]);
        Assert.True(cancelled.Succeeded);
        var saved = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(AppointmentStatus.Cancelled, saved.Status);
        Assert.Equal("Travelling", saved.CancellationReason);
        Assert.True(again.Succeeded, string.Join("; ", again.AllMessages()));
        var cancelAudit = (await fixture.AuditOfAsync(fixture.PracticeA, booked.Id)).Single(e => e.Action == AuditActions.AppointmentCancelled);
        Assert.Contains("Travelling", cancelAudit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_show_is_recorded_only_once_the_time_has_come()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);

        var early = await fixture.Appointments(fixture.PracticeA, booked.Reception).MarkNoShowAsync(booked.Id);
        var later = await fixture.Appointments(fixture.PracticeA, booked.Reception, clock: AppointmentFixture.NewClock(AppointmentFixture.Now.AddMinutes(45)))
            .MarkNoShowAsync(booked.Id);

        Assert.Equal(ChangeOutcome.Refused, early.Outcome);
        Assert.True(later.Succeeded);
        Assert.Equal(AppointmentStatus.NoShow, await StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Only_todays_appointments_can_be_started()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);

        var started = await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).StartAsync(booked.Id);

        Assert.Equal(ChangeOutcome.Refused, started.Outcome);
        Assert.Equal("Only today's appointments can be started; this one is on Wed 11 Mar.", started.Message);
    }

    // ---------- Who may do what ----------

    [Theory]
    [InlineData(PracticeRoles.Receptionist)]
    [InlineData(PracticeRoles.Nurse)]
    [InlineData(PracticeRoles.Doctor)]
    [InlineData(PracticeRoles.Admin)]
    [InlineData(PracticeRoles.Owner)]
    public async Task Every_practice_role_books_reschedules_and_cancels(PracticeRoles role)
    {
        var doctor = await fixture.CreateWeekdayDoctorAsync();
        var member = await fixture.CreateMemberAsync(fixture.PracticeA, role);
        var patient = await fixture.CreatePatientAsync(fixture.PracticeA);
        var service = fixture.Appointments(fixture.PracticeA);

        var booked = await fixture.Appointments(fixture.PracticeA, member).BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);
        var moved = await fixture.Appointments(fixture.PracticeA, member).RescheduleAsync(booked.Value!.AppointmentId!.Value, AppointmentFixture.Wednesday, Eleven);
        var cancelled = await fixture.Appointments(fixture.PracticeA, member).CancelAsync(booked.Value!.AppointmentId!.Value, "Changed plans");

        Assert.All([booked, moved, cancelled], r => Assert.True(r.Succeeded, string.Join("; ", r.AllMessages())));
    }

    [Theory]
    [InlineData(PracticeRoles.Receptionist, false)]
    [InlineData(PracticeRoles.Nurse, false)]
    [InlineData(PracticeRoles.Doctor, false)]
    [InlineData(PracticeRoles.Admin, true)]
    [InlineData(PracticeRoles.Owner, true)]
    public async Task Only_the_appointments_own_doctor_or_an_administrator_starts_a_consultation(PracticeRoles role, bool allowed)
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var member = await fixture.CreateMemberAsync(fixture.PracticeA, role);

        var result = await fixture.Appointments(fixture.PracticeA, member).StartAsync(booked.Id);

        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
            Assert.Equal(AppointmentService.NotAllowedToTreat, result.Message);
            Assert.Equal(AppointmentStatus.Scheduled, await StatusAsync(booked.Id));
        }
    }

    [Fact]
    public async Task Another_doctor_cannot_complete_a_colleagues_consultation()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var colleague = await fixture.CreateWeekdayDoctorAsync();
        Assert.True((await fixture.Appointments(fixture.PracticeA, booked.Doctor.Actor).StartAsync(booked.Id)).Succeeded);

        var result = await fixture.Appointments(fixture.PracticeA, colleague.Actor).CompleteAsync(booked.Id);

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.Equal(AppointmentStatus.InProgress, await StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Roles_are_read_again_a_deactivated_member_or_a_stale_page_role_changes_nothing()
    {
        var doctor = await fixture.CreateWeekdayDoctorAsync();
        var patient = await fixture.CreatePatientAsync(fixture.PracticeA);
        var gone = await fixture.CreateMemberAsync(fixture.PracticeA, PracticeRoles.Receptionist, active: false);
        var receptionClaimingAdmin = await fixture.CreateMemberAsync(fixture.PracticeA, PracticeRoles.Receptionist);
        var service = fixture.Appointments(fixture.PracticeA);
        var booked = await fixture.Appointments(fixture.PracticeA, receptionClaimingAdmin).BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Today, Ten, null, null);

        var byGone = await fixture.Appointments(fixture.PracticeA, gone).BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Today, Eleven, null, null);
        var start = await fixture.Appointments(fixture.PracticeA, receptionClaimingAdmin).StartAsync(booked.Value!.AppointmentId!.Value);

        Assert.Equal(ChangeOutcome.Forbidden, byGone.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, start.Outcome);
        Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));
    }

    [Fact]
    public async Task The_details_offer_each_viewer_only_what_they_may_do()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var queries = fixture.Queries(fixture.PracticeA);

        var forReception = (await fixture.Queries(fixture.PracticeA, booked.Reception).GetAsync(booked.Id))!.Actions;
        var forDoctor = (await fixture.Queries(fixture.PracticeA, booked.Doctor.Actor).GetAsync(booked.Id))!.Actions;

        Assert.True(forReception is { Confirm: true, Cancel: true, Reschedule: true, Start: false, Complete: false, NoShow: false });
        Assert.Equal("Only the appointment's doctor or an administrator can start a consultation.", forReception.StartRefusal);
        Assert.True(forDoctor is { Start: true, Complete: false });
        Assert.Null(forDoctor.StartRefusal);
    }

    // ---------- Rescheduling ----------

    [Fact]
    public async Task Rescheduling_frees_the_old_slot_takes_the_new_one_and_asks_for_confirmation_again()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var service = fixture.Appointments(fixture.PracticeA);
        Assert.True((await fixture.Appointments(fixture.PracticeA, booked.Reception).ConfirmAsync(booked.Id)).Succeeded);

        var moved = await fixture.Appointments(fixture.PracticeA, booked.Reception).RescheduleAsync(booked.Id, AppointmentFixture.Thursday, Eleven);
        var other = await fixture.CreatePatientAsync(fixture.PracticeA, "Meera", "Das");
        var oldSlot = await fixture.Appointments(fixture.PracticeA, booked.Reception).BookAsync(other, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);
        var newSlot = await fixture.Appointments(fixture.PracticeA, booked.Reception).BookAsync(other, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Thursday, Eleven, null, null);

        Assert.True(moved.Succeeded, string.Join("; ", moved.AllMessages()));
        var saved = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Thursday, 11), saved.StartsAtUtc);
        Assert.Equal(AppointmentStatus.Scheduled, saved.Status);
        Assert.True(oldSlot.Succeeded, string.Join("; ", oldSlot.AllMessages()));
        Assert.Equal(ChangeOutcome.Refused, newSlot.Outcome);
        var audit = (await fixture.AuditOfAsync(fixture.PracticeA, booked.Id)).Single(e => e.Action == AuditActions.AppointmentRescheduled);
        Assert.Contains("Wed 11 Mar 2026 10:00 → ", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_appointment_may_move_into_a_time_overlapping_its_own_old_one()
    {
        var doctor = await fixture.CreateDoctorAsync(fixture.PracticeA, 20, DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13));
        var reception = await fixture.CreateMemberAsync(fixture.PracticeA, PracticeRoles.Receptionist);
        var patient = await fixture.CreatePatientAsync(fixture.PracticeA);
        var service = fixture.Appointments(fixture.PracticeA);
        var booked = await fixture.Appointments(fixture.PracticeA, reception).BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, new TimeOnly(10, 0), null, null);

        var slots = await fixture.Slots(fixture.PracticeA).GetDayAsync(doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, booked.Value!.AppointmentId);
        var moved = await fixture.Appointments(fixture.PracticeA, reception).RescheduleAsync(booked.Value!.AppointmentId!.Value, AppointmentFixture.Wednesday, new TimeOnly(10, 20));

        Assert.Contains(slots.Slots, s => s.Start == new TimeOnly(10, 0));
        Assert.True(moved.Succeeded, string.Join("; ", moved.AllMessages()));
    }

    [Fact]
    public async Task Rescheduling_into_a_taken_time_is_refused_with_alternatives_and_keeps_the_old_time()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var other = await fixture.CreatePatientAsync(fixture.PracticeA, "Meera", "Das");
        var service = fixture.Appointments(fixture.PracticeA);
        Assert.True((await fixture.Appointments(fixture.PracticeA, booked.Reception).BookAsync(other, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Eleven, null, null)).Succeeded);

        var refused = await fixture.Appointments(fixture.PracticeA, booked.Reception).RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, Eleven);

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.StartsWith($"{booked.Doctor.Name} is already booked at 11:00 on Wed 11 Mar. Next free: Wed 11 Mar 11:30", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10), (await fixture.ReadAsync(fixture.PracticeA, booked.Id)).StartsAtUtc);
    }

    [Fact]
    public async Task Rescheduling_to_another_doctor_at_another_location_uses_that_doctors_slots()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var tNagarDoctor = await fixture.CreateDoctorAsync(fixture.PracticeA, 15, DoctorHours.Weekdays(fixture.TNagar, 14, 16));

        var moved = await fixture.Appointments(fixture.PracticeA, booked.Reception)
            .RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, new TimeOnly(14, 15), tNagarDoctor.Id, fixture.TNagar);

        Assert.True(moved.Succeeded, string.Join("; ", moved.AllMessages()));
        var saved = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(tNagarDoctor.Id, saved.DoctorProfileId);
        Assert.Equal(fixture.TNagar, saved.ClinicLocationId);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Wednesday, 14, 30), saved.EndsAtUtc);
    }

    // ---------- Isolation ----------

    [Fact]
    public async Task Practice_B_can_neither_read_nor_change_practice_As_appointment_by_id()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var bAdmin = await fixture.CreateMemberAsync(fixture.PracticeB, PracticeRoles.Owner | PracticeRoles.Doctor);
        var service = fixture.Appointments(fixture.PracticeB);

        Assert.Null(await fixture.Queries(fixture.PracticeB, bAdmin).GetAsync(booked.Id));
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.Appointments(fixture.PracticeB, bAdmin).ConfirmAsync(booked.Id)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.Appointments(fixture.PracticeB, bAdmin).StartAsync(booked.Id)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.Appointments(fixture.PracticeB, bAdmin).CancelAsync(booked.Id, "Not ours")).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.Appointments(fixture.PracticeB, bAdmin).RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, Ten)).Outcome);
        Assert.Empty((await fixture.Queries(fixture.PracticeB).ListAsync(new AppointmentListQuery(AppointmentPeriod.Today))).Items);
        var unchanged = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(AppointmentStatus.Scheduled, unchanged.Status);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Today, 10), unchanged.StartsAtUtc);
    }

    [Fact]
    public async Task Practice_B_cannot_book_practice_As_doctor_or_patient_by_id()
    {
        var aDoctor = await fixture.CreateWeekdayDoctorAsync();
        var aPatient = await fixture.CreatePatientAsync(fixture.PracticeA);
        var bDoctor = await fixture.CreateWeekdayDoctorAsync(fixture.PracticeB, fixture.BLocation);
        var bPatient = await fixture.CreatePatientAsync(fixture.PracticeB);
        var bReception = await fixture.CreateMemberAsync(fixture.PracticeB, PracticeRoles.Receptionist);
        var service = fixture.Appointments(fixture.PracticeB);

        var aDoctorBooked = await fixture.Appointments(fixture.PracticeB, bReception).BookAsync(bPatient, aDoctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);
        var aPatientBooked = await fixture.Appointments(fixture.PracticeB, bReception).BookAsync(aPatient, bDoctor.Id, fixture.BLocation, AppointmentFixture.Wednesday, Ten, null, null);
        var aSlots = await fixture.Slots(fixture.PracticeB).GetDayAsync(aDoctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday);

        Assert.Equal(ChangeOutcome.Invalid, aDoctorBooked.Outcome);
        Assert.True(aDoctorBooked.FieldErrors.ContainsKey(AppointmentFields.Doctor));
        Assert.Equal(ChangeOutcome.Invalid, aPatientBooked.Outcome);
        Assert.True(aPatientBooked.FieldErrors.ContainsKey(AppointmentFields.Patient));
        Assert.Empty(aSlots.Slots);
        Assert.Empty(await fixture.AppointmentsOfAsync(fixture.PracticeA, aDoctor.Id));
    }

    [Fact]
    public async Task The_database_itself_refuses_an_appointment_pointing_at_another_practices_patient()
    {
        var aPatient = await fixture.CreatePatientAsync(fixture.PracticeA);
        var bDoctor = await fixture.CreateWeekdayDoctorAsync(fixture.PracticeB, fixture.BLocation);

        // The composite key (TenantId, PatientId) has no such patient in practice B, whatever the filter would allow.
        await Assert.ThrowsAsync<DbUpdateException>(() => fixture.InsertAppointmentAsync(
            fixture.PracticeB, bDoctor.Id, fixture.BLocation, aPatient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10)));
    }
}

public sealed class SqliteAppointmentChangeTests(SqliteAppointmentFixture fixture)
    : AppointmentChangeTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresAppointmentChangeTests(PostgresAppointmentFixture fixture)
    : AppointmentChangeTests(fixture), IClassFixture<PostgresAppointmentFixture>;
