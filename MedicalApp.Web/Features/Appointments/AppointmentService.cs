using MedicalApp.Data;
using MedicalApp.Data.Numbering;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// Booking, status changes and rescheduling, each a change in the practice's frame (one transaction with its audit
/// row). A doctor is never double-booked: the free slots are computed inside the transaction (serialised on SQLite),
/// and on PostgreSQL the exclusion constraint refuses whatever slipped past the check; either way the user gets the
/// next free slots. Reading lists, the calendar and a patient's appointments is in <see cref="AppointmentQueries"/>.
/// </summary>
public sealed class AppointmentService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeChanges changes, TimeProvider clock)
{
    public const string NotAllowedToSchedule = "Your role in this practice does not allow managing appointments.";
    public const string NotAllowedToTreat = AppointmentTransitions.NotAllowedToTreat;
    public const string NotFoundMessage = AppointmentTransitions.NotFoundMessage;

    /// <summary>
    /// The appointment book does not queue behind the practice row lock: bookings are serialised by the doctor's time
    /// (PostgreSQL's exclusion constraint; SQLite takes the lock in <see cref="AppointmentWrites.SerialiseBookingAsync"/>)
    /// and status changes by the appointment's own row, so a busy front desk does not hold up the rest of the practice.
    /// </summary>
    internal static readonly ChangeRule Scheduling = new(PracticePermission.BookAppointments, NotAllowedToSchedule) { LockPractice = false };

    /// <summary>
    /// Books <paramref name="start"/> on <paramref name="date"/> (practice-local) with the doctor at the location, when it
    /// is one of the doctor's free slots there. Otherwise nothing is written and the refusal offers the next free slots.
    /// A second visit of the patient with the doctor that day is booked only with <paramref name="confirmSameDay"/>
    /// (see <see cref="SameDayBookings"/>).
    /// </summary>
    public async Task<ChangeResult<AppointmentOutcome>> BookAsync(
        Guid patientId, Guid doctorId, Guid locationId, DateOnly date, TimeOnly start, string? reason, string? notes,
        bool confirmSameDay = false, CancellationToken cancellationToken = default)
    {
        BookableDoctor? doctor = null;
        try
        {
            return await changes.RunAsync<AppointmentOutcome>(Scheduling, async change =>
            {
                if (AppointmentRules.Check(reason, notes) is { } invalid)
                {
                    return invalid;
                }

                var db = change.Db;
                await AppointmentWrites.SerialiseBookingAsync(db, cancellationToken);
                var errors = new Dictionary<string, string>();
                var patient = await AppointmentWrites.FindActivePatientAsync(db, patientId, cancellationToken);
                if (patient is null)
                {
                    errors[AppointmentFields.Patient] = "Choose an active patient of the practice.";
                }

                (doctor, var locationName, var placeErrors) = await AppointmentWrites.CheckDoctorAndLocationAsync(db, doctorId, locationId, cancellationToken);
                foreach (var (field, message) in placeErrors)
                {
                    errors[field] = message;
                }

                if (errors.Count > 0)
                {
                    return ChangeResult.Invalid(errors);
                }

                var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
                var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor!, locationId, date, date, null, cancellationToken);
                var slot = schedule.FreeSlots(date).FirstOrDefault(s => s.Start == start);
                if (slot is null)
                {
                    var alternatives = await AppointmentWrites.AlternativesAsync(db, practiceClock, doctor!, locationId, date, start, null, cancellationToken);
                    return AppointmentOutcomes.NotFree(AppointmentWrites.NotFreeMessage(schedule, date, start, locationName!, alternatives), alternatives);
                }

                if (!confirmSameDay && await SameDayBookings.FindAsync(db, practiceClock, patient!.Id, doctor!.Id, date, cancellationToken) is { } existing)
                {
                    return SameDayBookings.NeedsConfirmation(existing, date);
                }

                var appointment = new Appointment
                {
                    // The number carries the visit's practice-local day (APT-20261207-… for a visit on 7 Dec), counted per visit day.
                    Number = await BusinessNumbers.NextAppointmentNumberAsync(db, date, cancellationToken),
                    PatientId = patient!.Id,
                    DoctorProfileId = doctor!.Id,
                    ClinicLocationId = locationId,
                    StartsAtUtc = slot.StartsAtUtc,
                    EndsAtUtc = slot.EndsAtUtc,
                    Status = AppointmentStatus.Scheduled,
                    Reason = AppointmentRules.Clean(reason),
                    Notes = AppointmentRules.Clean(notes),
                    CreatedAtUtc = practiceClock.NowUtc,
                    CreatedByUserId = change.Actor.UserId,
                };
                db.Appointments.Add(appointment);
                change.Audit(AuditActions.AppointmentBooked, nameof(Appointment), appointment.Id,
                    AppointmentWrites.Describe(appointment.Number, AppointmentWrites.PatientName(patient), doctor.Name, locationName!,
                        practiceClock.ToLocal(slot.StartsAtUtc), practiceClock.ToLocal(slot.EndsAtUtc)));
                return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment),
                    $"Booked {AppointmentWrites.PatientName(patient)} with {doctor.Name} on {SlotRules.FormatDay(date)} at {slot.StartText} ({appointment.Number}).");
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex) && doctor is not null)
        {
            return await TakenAsync(doctor, locationId, date, start, null, cancellationToken);
        }
    }

    public Task<ChangeResult<AppointmentOutcome>> ConfirmAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.Confirmed, null, cancellationToken);

    /// <summary>The doctor (or an administrator) starts the consultation: the patient is now "in consultation".</summary>
    public Task<ChangeResult<AppointmentOutcome>> StartAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.InProgress, null, cancellationToken);

    public Task<ChangeResult<AppointmentOutcome>> CompleteAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.Completed, null, cancellationToken);

    public Task<ChangeResult<AppointmentOutcome>> CancelAsync(Guid appointmentId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.Cancelled, reason, cancellationToken);

    public Task<ChangeResult<AppointmentOutcome>> MarkNoShowAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.NoShow, null, cancellationToken);

    /// <summary>
    /// Moves the appointment along the status machine. Invalid transitions are refused with a message; starting and
    /// completing a consultation is for the appointment's own doctor or an administrator; a cancellation needs a reason.
    /// </summary>
    public Task<ChangeResult<AppointmentOutcome>> ChangeStatusAsync(
        Guid appointmentId, AppointmentStatus to, string? reason = null, CancellationToken cancellationToken = default) =>
        changes.RunAsync<AppointmentOutcome>(Scheduling, async change =>
        {
            if (to == AppointmentStatus.Cancelled && AppointmentRules.CancellationReasonError(reason) is { } reasonError)
            {
                return ChangeResult.Invalid(AppointmentFields.CancellationReason, reasonError);
            }

            var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
            if (appointment is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            if (await AppointmentTransitions.MoveAsync(change, appointment, to, reason, practiceClock, pauseOpenConsultation: false, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment), $"{appointment.Number} {AppointmentStatusRules.Done(to)}.");
        }, cancellationToken);

    /// <summary>
    /// Moves a scheduled or confirmed appointment to another free slot, optionally with another doctor or at another
    /// location, in one transaction: its old time is free at once and the new one is checked like a new booking. The
    /// moved appointment is Scheduled again (a confirmation was for the old time). A move that gives the patient a second
    /// visit with the doctor that day is made only with <paramref name="confirmSameDay"/>, as a booking is
    /// (see <see cref="SameDayBookings"/>).
    /// </summary>
    public async Task<ChangeResult<AppointmentOutcome>> RescheduleAsync(
        Guid appointmentId, DateOnly date, TimeOnly start, Guid? doctorId = null, Guid? locationId = null,
        bool confirmSameDay = false, CancellationToken cancellationToken = default)
    {
        BookableDoctor? doctor = null;
        var newLocationId = Guid.Empty;
        try
        {
            return await changes.RunAsync<AppointmentOutcome>(Scheduling, async change =>
            {
                var db = change.Db;
                await AppointmentWrites.LockAppointmentAsync(db, appointmentId, cancellationToken);
                var appointment = await db.Appointments.Include(a => a.Patient).FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
                if (appointment is null)
                {
                    return ChangeResult.NotFound(NotFoundMessage);
                }

                if (!AppointmentStatusRules.CanReschedule(appointment.Status))
                {
                    return ChangeResult.Refused(
                        $"Only scheduled or confirmed appointments can be rescheduled; this one is {AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant()}.");
                }

                newLocationId = locationId ?? appointment.ClinicLocationId;
                (doctor, var locationName, var errors) = await AppointmentWrites.CheckDoctorAndLocationAsync(
                    db, doctorId ?? appointment.DoctorProfileId, newLocationId, cancellationToken);
                if (errors.Count > 0)
                {
                    return ChangeResult.Invalid(errors);
                }

                var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
                var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor!, newLocationId, date, date, appointment.Id, cancellationToken);
                var slot = schedule.FreeSlots(date).FirstOrDefault(s => s.Start == start);
                if (slot is null)
                {
                    var alternatives = await AppointmentWrites.AlternativesAsync(db, practiceClock, doctor!, newLocationId, date, start, appointment.Id, cancellationToken);
                    return AppointmentOutcomes.NotFree(AppointmentWrites.NotFreeMessage(schedule, date, start, locationName!, alternatives), alternatives);
                }

                if (!confirmSameDay && await SameDayBookings.FindForMoveAsync(db, practiceClock, appointment, doctor!.Id, date, cancellationToken) is { } existing)
                {
                    return SameDayBookings.NeedsConfirmation(existing, date, moving: true);
                }

                var before = practiceClock.ToLocal(appointment.StartsAtUtc);
                // The number stays: it is the appointment's identity on slips, messages and the audit trail (the spec
                // names no renumbering), so a visit moved to another day keeps the day it was first booked for.
                appointment.DoctorProfileId = doctor!.Id;
                appointment.ClinicLocationId = newLocationId;
                appointment.StartsAtUtc = slot.StartsAtUtc;
                appointment.EndsAtUtc = slot.EndsAtUtc;
                appointment.Status = AppointmentStatus.Scheduled;
                appointment.StatusChangedAtUtc = practiceClock.NowUtc;
                change.Audit(AuditActions.AppointmentRescheduled, nameof(Appointment), appointment.Id,
                    $"{appointment.Number}: {before:ddd d MMM yyyy HH:mm} → "
                    + AppointmentWrites.Describe(appointment.Number, AppointmentWrites.PatientName(appointment.Patient!), doctor.Name, locationName!,
                        practiceClock.ToLocal(slot.StartsAtUtc), practiceClock.ToLocal(slot.EndsAtUtc)));
                return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment),
                    $"{appointment.Number} moved to {slot.Describe()} with {doctor.Name}.");
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex) && doctor is not null)
        {
            return await TakenAsync(doctor, newLocationId, date, start, appointmentId, cancellationToken);
        }
    }

    /// <summary>The database refused an overlap: the failed transaction is gone, so the alternatives come from a fresh context.</summary>
    private async Task<ChangeResult<AppointmentOutcome>> TakenAsync(
        BookableDoctor doctor, Guid locationId, DateOnly date, TimeOnly start, Guid? ignoringAppointmentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var alternatives = await AppointmentWrites.AlternativesAsync(db, practiceClock, doctor, locationId, date, start, ignoringAppointmentId, cancellationToken);
        return AppointmentOutcomes.NotFree(AppointmentWrites.TakenMessage(doctor.Name, date, start, alternatives), alternatives);
    }
}
