using MedicalApp.Data;
using MedicalApp.Data.Numbering;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// The front desk's walk-in queue for today at one location. A walk-in takes the doctor's next free slot today;
/// when none is left, the patient is queued after the doctor's last appointment of the day (outside the doctor's hours
/// if need be: the doctor sees everyone who came), starting no earlier than now. Either way the time is the doctor's
/// alone, by the same no-double-booking rule as any booking, and the appointment is stored as a walk-in.
/// </summary>
public sealed class WalkInQueueService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, TimeProvider clock)
{
    /// <summary>Queue positions start on a 5-minute mark, so the times read well at the desk.</summary>
    public const int QueueStepMinutes = 5;

    public const string DefaultReason = "Walk-in";

    // A walk-in is placed by the service, not picked by the user: when another booking wins the same time at that
    // moment (PostgreSQL's constraint says so), the placement is simply computed again.
    private const int PlacementAttempts = 3;

    /// <summary>
    /// Today's queue at the location: a column per doctor who has hours there today or patients there today, with
    /// the waiting (checked in, urgent first, then by token), those in consultation, and those booked who have not
    /// arrived yet (in time order): a 10:00 patient who never came is not "waiting" at 14:45.
    /// </summary>
    public async Task<ReceptionQueue> QueueAsync(Guid locationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.RunReceptionQueue, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var today = practiceClock.Today;
        var fromUtc = practiceClock.DayStartUtc(today);
        var toUtc = practiceClock.DayStartUtc(today.AddDays(1));

        var doctors = await AppointmentQueries.DoctorChoicesAsync(db, cancellationToken);
        var hours = await db.DoctorAvailability.AsNoTracking()
            .Where(a => a.ClinicLocationId == locationId && a.Day == today.DayOfWeek)
            .Select(a => new { a.DoctorProfileId, a.StartTime, a.EndTime }).ToListAsync(cancellationToken);
        var onLeave = await db.DoctorLeave.AsNoTracking().Where(l => l.Date == today).Select(l => l.DoctorProfileId).ToListAsync(cancellationToken);
        var rows = (await AppointmentQueries.Project(db.Appointments.AsNoTracking()
                    .Where(a => a.ClinicLocationId == locationId && a.StartsAtUtc >= fromUtc && a.StartsAtUtc < toUtc)
                    .OrderBy(a => a.StartsAtUtc))
                .ToListAsync(cancellationToken))
            .Select(r => AppointmentQueries.ToRow(r, practiceClock)).ToList();

        var columns = doctors
            .Where(d => (d.LocationIds.Contains(locationId) && hours.Any(h => h.DoctorProfileId == d.Id)) || rows.Any(r => r.DoctorId == d.Id))
            .Select(d =>
            {
                var mine = rows.Where(r => r.DoctorId == d.Id).ToList();
                var ranges = hours.Where(h => h.DoctorProfileId == d.Id).OrderBy(h => h.StartTime)
                    .Select(h => DoctorScheduleRules.Format(h.StartTime, h.EndTime));
                return new QueueColumn(d.Id, d.UserId, d.Name, string.Join(", ", ranges), onLeave.Contains(d.Id),
                    WaitingOrder.Sort(mine.Where(r => r.Status == AppointmentStatus.Arrived)),
                    mine.Where(r => r.Status == AppointmentStatus.InProgress).ToList(),
                    mine.Count(r => r.Status == AppointmentStatus.Completed))
                {
                    NotArrived = mine.Where(r => r.Status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed).ToList(),
                };
            })
            .ToList();
        return new ReceptionQueue(today, locationId, columns);
    }

    /// <summary>Puts the patient in the doctor's queue for today at the location (see the class summary for where).</summary>
    public async Task<ChangeResult<AppointmentOutcome>> AddWalkInAsync(
        Guid patientId, Guid doctorId, Guid locationId, string? reason = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PlaceAsync(patientId, doctorId, locationId, reason, cancellationToken);
            }
            catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex) && attempt < PlacementAttempts)
            {
                // Someone took the computed time a moment ago; compute it again from what is committed now.
            }
            catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex))
            {
                return ChangeResult.Refused("The doctor's queue changed while the walk-in was being added. Please try again.");
            }
        }
    }

    /// <summary>
    /// Places the walk-in and checks them in, in one transaction: they are at the desk, so they wait with a token from
    /// the start (and go by token, not by the slot time the placement found).
    /// </summary>
    private Task<ChangeResult<AppointmentOutcome>> PlaceAsync(
        Guid patientId, Guid doctorId, Guid locationId, string? reason, CancellationToken cancellationToken) =>
        changes.RunAsync<AppointmentOutcome>(AppointmentService.Scheduling, async change =>
        {
            var placed = await PlaceInChangeAsync(change, clock, patientId, doctorId, locationId, reason, cancellationToken);
            if (placed.Outcome != ChangeOutcome.Done || placed.Value?.AppointmentId is not { } appointmentId)
            {
                return placed;
            }

            var tracked = change.Db.Appointments.Local.First(a => a.Id == appointmentId);
            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            if (await AppointmentTransitions.MoveAsync(change, tracked, AppointmentStatus.Arrived, null, practiceClock, pauseOpenConsultation: false, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            return ChangeResult<AppointmentOutcome>.Done(placed.Value!, $"{placed.Message} Token {AppointmentTokens.Format(tracked.TokenNumber!.Value)}.");
        }, cancellationToken);

    /// <summary>
    /// Puts the patient in the doctor's queue inside a change that has already begun: the front desk's walk-in, and a
    /// doctor's "See now", which starts the visit in the same transaction.
    /// </summary>
    internal static async Task<ChangeResult<AppointmentOutcome>> PlaceInChangeAsync(
        PracticeChange change, TimeProvider clock, Guid patientId, Guid doctorId, Guid locationId, string? reason, CancellationToken cancellationToken)
    {
        if (AppointmentRules.ReasonError(reason) is { } reasonError)
        {
            return ChangeResult.Invalid(AppointmentFields.Reason, reasonError);
        }

        var db = change.Db;
        await AppointmentWrites.SerialiseBookingAsync(db, cancellationToken);
        var patient = await AppointmentWrites.FindActivePatientAsync(db, patientId, cancellationToken);
        var (doctor, locationName, errors) = await AppointmentWrites.CheckDoctorAndLocationAsync(db, doctorId, locationId, cancellationToken);
        if (patient is null)
        {
            errors[AppointmentFields.Patient] = "Choose an active patient of the practice.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var today = practiceClock.Today;
        var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor!, locationId, today, today, null, cancellationToken);
        if (schedule.OnLeave(today))
        {
            return ChangeResult.Refused($"{doctor!.Name} is on leave today.");
        }

        var patientName = AppointmentWrites.PatientName(patient!);
        var waiting = await AlreadyQueuedAsync(db, patient!.Id, doctor!.Id, practiceClock, cancellationToken);
        if (waiting is not null)
        {
            return ChangeResult.Refused($"{patientName} is already in {doctor.Name}'s queue today ({waiting}).");
        }

        var slot = schedule.FreeSlots(today).FirstOrDefault();
        DateTime startsAtUtc, endsAtUtc;
        if (slot is not null)
        {
            (startsAtUtc, endsAtUtc) = (slot.StartsAtUtc, slot.EndsAtUtc);
        }
        else
        {
            startsAtUtc = QueuePosition(practiceClock.NowUtc, schedule.Busy);
            endsAtUtc = startsAtUtc.AddMinutes(doctor.ConsultationMinutes);
            if (endsAtUtc > practiceClock.DayStartUtc(today.AddDays(1)))
            {
                return ChangeResult.Refused($"No time is left today in {doctor.Name}'s queue. Book an appointment on another day.");
            }
        }

        var appointment = new Appointment
        {
            Number = await BusinessNumbers.NextAppointmentNumberAsync(db, today, cancellationToken),
            PatientId = patient.Id,
            DoctorProfileId = doctor.Id,
            ClinicLocationId = locationId,
            StartsAtUtc = startsAtUtc,
            EndsAtUtc = endsAtUtc,
            Status = AppointmentStatus.Scheduled,
            IsWalkIn = true,
            Reason = AppointmentRules.Clean(reason) ?? DefaultReason,
            CreatedAtUtc = practiceClock.NowUtc,
            CreatedByUserId = change.Actor.UserId,
        };
        db.Appointments.Add(appointment);
        var localStart = practiceClock.ToLocal(startsAtUtc);
        change.Audit(AuditActions.WalkInAdded, nameof(Appointment), appointment.Id,
            AppointmentWrites.Describe(appointment.Number, patientName, doctor.Name, locationName!, localStart, practiceClock.ToLocal(endsAtUtc))
            + (slot is null ? " (queued after the last appointment of the day)" : ""));

        var time = SlotRules.FormatTime(TimeOnly.FromDateTime(localStart));
        return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment), slot is not null
            ? $"{patientName} is in {doctor.Name}'s queue at {time} ({appointment.Number})."
            : $"{patientName} is in {doctor.Name}'s queue at {time}, after the last appointment of the day ({appointment.Number}).");
    }

    /// <summary>
    /// Where a walk-in goes when no slot is free: after everything the doctor is busy with today (at any location),
    /// and not in the past, on the next <see cref="QueueStepMinutes"/>-minute mark.
    /// </summary>
    public static DateTime QueuePosition(DateTime nowUtc, IEnumerable<BusyRange> busyToday)
    {
        ArgumentNullException.ThrowIfNull(busyToday);
        var after = busyToday.Select(b => b.EndsAtUtc).Append(nowUtc).Max();
        var step = TimeSpan.FromMinutes(QueueStepMinutes).Ticks;
        var rounded = (after.Ticks + step - 1) / step * step;
        return new DateTime(rounded, DateTimeKind.Utc);
    }

    /// <summary>"10:30, APT-20260310-0004" when the patient already waits for (or is with) this doctor today.</summary>
    private static async Task<string?> AlreadyQueuedAsync(MedicalDbContext db, Guid patientId, Guid doctorId, PracticeClock clock, CancellationToken cancellationToken)
    {
        var fromUtc = clock.DayStartUtc(clock.Today);
        var toUtc = clock.DayStartUtc(clock.Today.AddDays(1));
        var open = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.DoctorProfileId == doctorId && a.StartsAtUtc >= fromUtc && a.StartsAtUtc < toUtc)
            .Where(a => a.Status == AppointmentStatus.Scheduled || a.Status == AppointmentStatus.Confirmed || a.Status == AppointmentStatus.Arrived
                || a.Status == AppointmentStatus.InProgress)
            .OrderBy(a => a.StartsAtUtc)
            .Select(a => new { a.StartsAtUtc, a.Number })
            .FirstOrDefaultAsync(cancellationToken);
        return open is null ? null : $"{SlotRules.FormatTime(TimeOnly.FromDateTime(clock.ToLocal(open.StartsAtUtc)))}, {open.Number}";
    }
}
