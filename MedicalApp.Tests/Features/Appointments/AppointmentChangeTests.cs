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
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync();
        var result = await fixture.PracticeA.As(reception).Get<AppointmentService>()
            .BookAsync(patient, doctor.Id, fixture.AnnaNagar, date, start, "Check-up", null);
        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        return new Booked(doctor, reception, patient, result.Value!.AppointmentId!.Value);
    }

    private Task<AppointmentStatus> StatusAsync(Guid id) => fixture.PracticeA.WithContextAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    // ---------- Status machine ----------

    [Fact]
    public async Task Scheduled_confirmed_in_consultation_completed_each_step_audited()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();

        var confirmed = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().ConfirmAsync(booked.Id);
        var started = await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().StartAsync(booked.Id);
        var completed = await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().CompleteAsync(booked.Id);

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

        var started = await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().StartAsync(booked.Id);

        Assert.True(started.Succeeded, string.Join("; ", started.AllMessages()));
        Assert.Equal(AppointmentStatus.InProgress, await StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Invalid_transitions_are_refused_with_a_message_and_change_nothing()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();

        var completeTooEarly = await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().CompleteAsync(booked.Id);
        Assert.Equal(ChangeOutcome.Refused, completeTooEarly.Outcome);
        Assert.Equal("Only a consultation in progress can be completed. Start it first.", completeTooEarly.Message);

        Assert.True((await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().StartAsync(booked.Id)).Succeeded);
        var cancelInProgress = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().CancelAsync(booked.Id, "Patient left");
        Assert.Equal(ChangeOutcome.Refused, cancelInProgress.Outcome);
        Assert.Equal("The consultation is in progress; it can only be completed now.", cancelInProgress.Message);

        Assert.True((await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().CompleteAsync(booked.Id)).Succeeded);
        var confirmCompleted = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().ConfirmAsync(booked.Id);
        var rescheduleCompleted = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, Ten);
        Assert.Equal("This appointment is completed; its status can no longer change.", confirmCompleted.Message);
        Assert.Equal("Only scheduled or confirmed appointments can be rescheduled; this one is completed.", rescheduleCompleted.Message);
        Assert.Equal(AppointmentStatus.Completed, await StatusAsync(booked.Id));
        Assert.Equal(3, (await fixture.AuditOfAsync(fixture.PracticeA, booked.Id)).Count);
    }

    [Fact]
    public async Task A_cancellation_needs_a_reason_keeps_it_and_frees_the_slot()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();

        var noReason = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().CancelAsync(booked.Id, "   ");
        var cancelled = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().CancelAsync(booked.Id, "  Travelling  ");
        var again = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().BookAsync(booked.Patient, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);

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

        var early = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().MarkNoShowAsync(booked.Id);
        var later = await fixture.PracticeA.As(booked.Reception, AppointmentFixture.NewClock(AppointmentFixture.Now.AddMinutes(45))).Get<AppointmentService>()
            .MarkNoShowAsync(booked.Id);

        Assert.Equal(ChangeOutcome.Refused, early.Outcome);
        Assert.True(later.Succeeded);
        Assert.Equal(AppointmentStatus.NoShow, await StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Only_todays_appointments_can_be_started()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);

        var started = await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().StartAsync(booked.Id);

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
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var member = await fixture.PracticeA.AddMemberAsync(role);
        var patient = await fixture.PracticeA.AddPatientAsync();
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();

        var booked = await fixture.PracticeA.As(member).Get<AppointmentService>().BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);
        var moved = await fixture.PracticeA.As(member).Get<AppointmentService>().RescheduleAsync(booked.Value!.AppointmentId!.Value, AppointmentFixture.Wednesday, Eleven);
        var cancelled = await fixture.PracticeA.As(member).Get<AppointmentService>().CancelAsync(booked.Value!.AppointmentId!.Value, "Changed plans");

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
        var member = await fixture.PracticeA.AddMemberAsync(role);

        var result = await fixture.PracticeA.As(member).Get<AppointmentService>().StartAsync(booked.Id);

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
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        Assert.True((await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentService>().StartAsync(booked.Id)).Succeeded);

        var result = await fixture.PracticeA.As(colleague.Member).Get<AppointmentService>().CompleteAsync(booked.Id);

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.Equal(AppointmentStatus.InProgress, await StatusAsync(booked.Id));
    }

    [Fact]
    public async Task Roles_are_read_again_a_deactivated_member_or_a_stale_page_role_changes_nothing()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync();
        var gone = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist, active: false);
        var receptionClaimingAdmin = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();
        var booked = await fixture.PracticeA.As(receptionClaimingAdmin).Get<AppointmentService>().BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Today, Ten, null, null);

        var byGone = await fixture.PracticeA.As(gone).Get<AppointmentService>().BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Today, Eleven, null, null);
        var start = await fixture.PracticeA.As(receptionClaimingAdmin).Get<AppointmentService>().StartAsync(booked.Value!.AppointmentId!.Value);

        Assert.Equal(ChangeOutcome.Forbidden, byGone.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, start.Outcome);
        Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));
    }

    [Fact]
    public async Task The_details_offer_each_viewer_only_what_they_may_do()
    {
        var booked = await BookAsync(AppointmentFixture.Today, Ten);
        var queries = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentQueries>();

        var forReception = (await fixture.PracticeA.As(booked.Reception).Get<AppointmentQueries>().GetAsync(booked.Id))!.Actions;
        var forDoctor = (await fixture.PracticeA.As(booked.Doctor.Member).Get<AppointmentQueries>().GetAsync(booked.Id))!.Actions;

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
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();
        Assert.True((await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().ConfirmAsync(booked.Id)).Succeeded);

        var moved = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().RescheduleAsync(booked.Id, AppointmentFixture.Thursday, Eleven);
        var other = await fixture.PracticeA.AddPatientAsync("Meera", "Das");
        var oldSlot = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().BookAsync(other, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);
        var newSlot = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().BookAsync(other, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Thursday, Eleven, null, null);

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
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)], minutes: 20);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync();
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();
        var booked = await fixture.PracticeA.As(reception).Get<AppointmentService>().BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, new TimeOnly(10, 0), null, null);

        var slots = await fixture.PracticeA.As(null).Get<SlotService>().GetDayAsync(doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, booked.Value!.AppointmentId);
        var moved = await fixture.PracticeA.As(reception).Get<AppointmentService>().RescheduleAsync(booked.Value!.AppointmentId!.Value, AppointmentFixture.Wednesday, new TimeOnly(10, 20));

        Assert.Contains(slots.Slots, s => s.Start == new TimeOnly(10, 0));
        Assert.True(moved.Succeeded, string.Join("; ", moved.AllMessages()));
    }

    [Fact]
    public async Task Rescheduling_into_a_taken_time_is_refused_with_alternatives_and_keeps_the_old_time()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var other = await fixture.PracticeA.AddPatientAsync("Meera", "Das");
        var service = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentService>();
        Assert.True((await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().BookAsync(other, booked.Doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Eleven, null, null)).Succeeded);

        var refused = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, Eleven);

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.StartsWith($"{booked.Doctor.Name} is already booked at 11:00 on Wed 11 Mar. Next free: Wed 11 Mar 11:30", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10), (await fixture.ReadAsync(fixture.PracticeA, booked.Id)).StartsAtUtc);
    }

    [Fact]
    public async Task Rescheduling_to_another_doctor_at_another_location_uses_that_doctors_slots()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var tNagarDoctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.TNagar, 14, 16)], minutes: 15);

        var moved = await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>()
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
        var bAdmin = await fixture.PracticeB.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor);
        var service = fixture.PracticeB.As(fixture.DeskB).Get<AppointmentService>();

        Assert.Null(await fixture.PracticeB.As(bAdmin).Get<AppointmentQueries>().GetAsync(booked.Id));
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(bAdmin).Get<AppointmentService>().ConfirmAsync(booked.Id)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(bAdmin).Get<AppointmentService>().StartAsync(booked.Id)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(bAdmin).Get<AppointmentService>().CancelAsync(booked.Id, "Not ours")).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(bAdmin).Get<AppointmentService>().RescheduleAsync(booked.Id, AppointmentFixture.Wednesday, Ten)).Outcome);
        Assert.Empty((await fixture.PracticeB.As(fixture.DeskB).Get<AppointmentQueries>().ListAsync(new AppointmentListQuery(AppointmentPeriod.Today))).Items);
        var unchanged = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(AppointmentStatus.Scheduled, unchanged.Status);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Today, 10), unchanged.StartsAtUtc);
    }

    [Fact]
    public async Task Practice_B_cannot_book_practice_As_doctor_or_patient_by_id()
    {
        var aDoctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var aPatient = await fixture.PracticeA.AddPatientAsync();
        var bDoctor = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);
        var bPatient = await fixture.PracticeB.AddPatientAsync();
        var bReception = await fixture.PracticeB.AddMemberAsync(PracticeRoles.Receptionist);
        var service = fixture.PracticeB.As(fixture.DeskB).Get<AppointmentService>();

        var aDoctorBooked = await fixture.PracticeB.As(bReception).Get<AppointmentService>().BookAsync(bPatient, aDoctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, Ten, null, null);
        var aPatientBooked = await fixture.PracticeB.As(bReception).Get<AppointmentService>().BookAsync(aPatient, bDoctor.Id, fixture.BLocation, AppointmentFixture.Wednesday, Ten, null, null);
        var aSlots = await fixture.PracticeB.As(null).Get<SlotService>().GetDayAsync(aDoctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday);

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
        var aPatient = await fixture.PracticeA.AddPatientAsync();
        var bDoctor = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);

        // The composite key (TenantId, PatientId) has no such patient in practice B, whatever the filter would allow.
        await Assert.ThrowsAsync<DbUpdateException>(() => fixture.PracticeB.AddAppointmentAsync(bDoctor.Id, fixture.BLocation, aPatient, AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10)));
    }
}

public sealed class SqliteAppointmentChangeTests(SqliteAppointmentFixture fixture)
    : AppointmentChangeTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresAppointmentChangeTests(PostgresAppointmentFixture fixture)
    : AppointmentChangeTests(fixture), IClassFixture<PostgresAppointmentFixture>;
