using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// Booking, status changes and rescheduling, each in one transaction with its audit row. A doctor is never
/// double-booked: the free slots are computed inside the transaction (serialised on SQLite), and on PostgreSQL the
/// exclusion constraint refuses whatever slipped past the check; either way the user gets the next free slots.
/// Reading lists, the calendar and a patient's appointments is in <see cref="AppointmentQueries"/>.
/// </summary>
public sealed class AppointmentService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock)
{
    public const string NotAllowedToSchedule = "Your role in this practice does not allow managing appointments.";
    public const string NotAllowedToTreat = "Only the appointment's doctor or an administrator can start or complete a consultation.";

    /// <summary>
    /// Books <paramref name="start"/> on <paramref name="date"/> (practice-local) with the doctor at the location, when it
    /// is one of the doctor's free slots there. Otherwise nothing is written and the result offers the next free slots.
    /// </summary>
    public async Task<AppointmentResult> BookAsync(
        Guid patientId, Guid doctorId, Guid locationId, DateOnly date, TimeOnly start, string? reason, string? notes,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        if (AppointmentRules.ReasonError(reason) is { } reasonError)
        {
            errors[AppointmentFields.Reason] = reasonError;
        }

        if (AppointmentRules.NotesError(notes) is { } notesError)
        {
            errors[AppointmentFields.Notes] = notesError;
        }

        if (errors.Count > 0)
        {
            return AppointmentResult.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        BookableDoctor? doctor = null;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.BookAppointments))
            {
                return AppointmentResult.Forbidden(NotAllowedToSchedule);
            }

            await AppointmentWrites.SerialiseBookingAsync(db, cancellationToken);
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
                return AppointmentResult.Invalid(errors);
            }

            var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
            var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor!, locationId, date, date, null, cancellationToken);
            var slot = schedule.FreeSlots(date).FirstOrDefault(s => s.Start == start);
            if (slot is null)
            {
                var alternatives = await AppointmentWrites.AlternativesAsync(db, practiceClock, doctor!, locationId, date, start, null, cancellationToken);
                return AppointmentResult.SlotUnavailable(AppointmentWrites.NotFreeMessage(schedule, date, start, locationName!, alternatives), alternatives);
            }

            var appointment = new Appointment
            {
                Number = await BusinessNumbers.NextAppointmentNumberAsync(db, practiceClock.Today, cancellationToken),
                PatientId = patient!.Id,
                DoctorProfileId = doctor!.Id,
                ClinicLocationId = locationId,
                StartsAtUtc = slot.StartsAtUtc,
                EndsAtUtc = slot.EndsAtUtc,
                Status = AppointmentStatus.Scheduled,
                Reason = AppointmentRules.Clean(reason),
                Notes = AppointmentRules.Clean(notes),
                CreatedAtUtc = practiceClock.NowUtc,
                CreatedByUserId = actor.UserId,
            };
            db.Appointments.Add(appointment);
            var description = AppointmentWrites.Describe(appointment.Number, AppointmentWrites.PatientName(patient), doctor.Name, locationName!,
                practiceClock.ToLocal(slot.StartsAtUtc), practiceClock.ToLocal(slot.EndsAtUtc));
            AppointmentWrites.Audit(db, actor, AuditActions.AppointmentBooked, appointment.Id, description, practiceClock.NowUtc);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return AppointmentResult.Saved($"Booked {appointment.Number}: {SlotRules.FormatDay(date)} {slot.StartText} with {doctor.Name}.",
                appointment.Id, appointment.Number);
        }
        catch (PracticeReadOnlyException ex)
        {
            return AppointmentResult.ReadOnly(ex.Message);
        }
        catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex) && doctor is not null)
        {
            return await TakenAsync(doctor, locationId, date, start, null, cancellationToken);
        }
    }

    public Task<AppointmentResult> ConfirmAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.Confirmed, null, cancellationToken);

    /// <summary>The doctor (or an administrator) starts the consultation: the patient is now "in consultation".</summary>
    public Task<AppointmentResult> StartAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.InProgress, null, cancellationToken);

    public Task<AppointmentResult> CompleteAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.Completed, null, cancellationToken);

    public Task<AppointmentResult> CancelAsync(Guid appointmentId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.Cancelled, reason, cancellationToken);

    public Task<AppointmentResult> MarkNoShowAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(appointmentId, AppointmentStatus.NoShow, null, cancellationToken);

    /// <summary>
    /// Moves the appointment along the status machine. Invalid transitions are refused with a message; starting and
    /// completing a consultation is for the appointment's own doctor or an administrator; a cancellation needs a reason.
    /// </summary>
    public async Task<AppointmentResult> ChangeStatusAsync(
        Guid appointmentId, AppointmentStatus to, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (to == AppointmentStatus.Scheduled)
        {
            return AppointmentResult.Refused("An appointment becomes scheduled when it is booked or rescheduled.");
        }

        if (to == AppointmentStatus.Cancelled && AppointmentRules.CancellationReasonError(reason) is { } reasonError)
        {
            return AppointmentResult.Invalid(AppointmentFields.CancellationReason, reasonError);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.BookAppointments))
            {
                return AppointmentResult.Forbidden(NotAllowedToSchedule);
            }

            await AppointmentWrites.LockAppointmentAsync(db, appointmentId, cancellationToken);
            var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return AppointmentResult.NotFound();
            }

            var doctorUserId = await db.DoctorProfiles.Where(d => d.Id == appointment.DoctorProfileId)
                .Select(d => d.Membership!.UserId).FirstAsync(cancellationToken);
            if (to is AppointmentStatus.InProgress or AppointmentStatus.Completed && !actor.MayTreatFor(doctorUserId))
            {
                return AppointmentResult.Forbidden(NotAllowedToTreat);
            }

            var from = appointment.Status;
            if (!AppointmentStatusRules.CanMove(from, to))
            {
                return AppointmentResult.Refused(AppointmentStatusRules.Refusal(from, to));
            }

            var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
            var localStart = practiceClock.ToLocal(appointment.StartsAtUtc);
            if (to == AppointmentStatus.InProgress && DateOnly.FromDateTime(localStart) != practiceClock.Today)
            {
                return AppointmentResult.Refused($"Only today's appointments can be started; this one is on {SlotRules.FormatDay(DateOnly.FromDateTime(localStart))}.");
            }

            if (to == AppointmentStatus.NoShow && appointment.StartsAtUtc > practiceClock.NowUtc)
            {
                return AppointmentResult.Refused("A patient can be marked as a no-show only once the appointment time has come.");
            }

            appointment.Status = to;
            appointment.StatusChangedAtUtc = practiceClock.NowUtc;
            if (to == AppointmentStatus.Cancelled)
            {
                appointment.CancellationReason = AppointmentRules.Clean(reason);
            }

            var details = $"{appointment.Number}: {AppointmentStatusRules.Label(from)} → {AppointmentStatusRules.Label(to)}"
                + (to == AppointmentStatus.Cancelled ? $" ({appointment.CancellationReason})" : "");
            AppointmentWrites.Audit(db, actor, AuditActionFor(to), appointment.Id, details, practiceClock.NowUtc);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return AppointmentResult.Saved($"{appointment.Number} {AppointmentStatusRules.Done(to)}.", appointment.Id, appointment.Number);
        }
        catch (PracticeReadOnlyException ex)
        {
            return AppointmentResult.ReadOnly(ex.Message);
        }
    }

    /// <summary>
    /// Moves a scheduled or confirmed appointment to another free slot, optionally with another doctor or at another
    /// location, in one transaction: its old time is free at once and the new one is checked like a new booking. The
    /// moved appointment is Scheduled again (a confirmation was for the old time).
    /// </summary>
    public async Task<AppointmentResult> RescheduleAsync(
        Guid appointmentId, DateOnly date, TimeOnly start, Guid? doctorId = null, Guid? locationId = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        BookableDoctor? doctor = null;
        var newLocationId = Guid.Empty;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.BookAppointments))
            {
                return AppointmentResult.Forbidden(NotAllowedToSchedule);
            }

            await AppointmentWrites.LockAppointmentAsync(db, appointmentId, cancellationToken);
            var appointment = await db.Appointments.Include(a => a.Patient).FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                return AppointmentResult.NotFound();
            }

            if (!AppointmentStatusRules.CanReschedule(appointment.Status))
            {
                return AppointmentResult.Refused(
                    $"Only scheduled or confirmed appointments can be rescheduled; this one is {AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant()}.");
            }

            newLocationId = locationId ?? appointment.ClinicLocationId;
            (doctor, var locationName, var errors) = await AppointmentWrites.CheckDoctorAndLocationAsync(
                db, doctorId ?? appointment.DoctorProfileId, newLocationId, cancellationToken);
            if (errors.Count > 0)
            {
                return AppointmentResult.Invalid(errors);
            }

            var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
            var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor!, newLocationId, date, date, appointment.Id, cancellationToken);
            var slot = schedule.FreeSlots(date).FirstOrDefault(s => s.Start == start);
            if (slot is null)
            {
                var alternatives = await AppointmentWrites.AlternativesAsync(db, practiceClock, doctor!, newLocationId, date, start, appointment.Id, cancellationToken);
                return AppointmentResult.SlotUnavailable(AppointmentWrites.NotFreeMessage(schedule, date, start, locationName!, alternatives), alternatives);
            }

            var before = practiceClock.ToLocal(appointment.StartsAtUtc);
            appointment.DoctorProfileId = doctor!.Id;
            appointment.ClinicLocationId = newLocationId;
            appointment.StartsAtUtc = slot.StartsAtUtc;
            appointment.EndsAtUtc = slot.EndsAtUtc;
            appointment.Status = AppointmentStatus.Scheduled;
            appointment.StatusChangedAtUtc = practiceClock.NowUtc;
            var description = $"{appointment.Number}: {before:ddd d MMM yyyy HH:mm} → "
                + AppointmentWrites.Describe(appointment.Number, AppointmentWrites.PatientName(appointment.Patient!), doctor.Name, locationName!,
                    practiceClock.ToLocal(slot.StartsAtUtc), practiceClock.ToLocal(slot.EndsAtUtc));
            AppointmentWrites.Audit(db, actor, AuditActions.AppointmentRescheduled, appointment.Id, description, practiceClock.NowUtc);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return AppointmentResult.Saved($"{appointment.Number} moved to {slot.Describe()} with {doctor.Name}.", appointment.Id, appointment.Number);
        }
        catch (PracticeReadOnlyException ex)
        {
            return AppointmentResult.ReadOnly(ex.Message);
        }
        catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex) && doctor is not null)
        {
            return await TakenAsync(doctor, newLocationId, date, start, appointmentId, cancellationToken);
        }
    }

    /// <summary>The database refused an overlap: the failed transaction is gone, so the alternatives come from a fresh context.</summary>
    private async Task<AppointmentResult> TakenAsync(
        BookableDoctor doctor, Guid locationId, DateOnly date, TimeOnly start, Guid? ignoringAppointmentId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var alternatives = await AppointmentWrites.AlternativesAsync(db, practiceClock, doctor, locationId, date, start, ignoringAppointmentId, cancellationToken);
        return AppointmentResult.SlotUnavailable(AppointmentWrites.TakenMessage(doctor.Name, date, start, alternatives), alternatives);
    }

    private static string AuditActionFor(AppointmentStatus to) => to switch
    {
        AppointmentStatus.Confirmed => AuditActions.AppointmentConfirmed,
        AppointmentStatus.InProgress => AuditActions.ConsultationStarted,
        AppointmentStatus.Completed => AuditActions.ConsultationCompleted,
        AppointmentStatus.Cancelled => AuditActions.AppointmentCancelled,
        AppointmentStatus.NoShow => AuditActions.AppointmentNoShow,
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };
}
