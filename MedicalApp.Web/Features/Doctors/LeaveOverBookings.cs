using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Reminders;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Doctors;

public enum LeaveBookingAction
{
    /// <summary>Move the visit to a free time: of the same doctor, or of another doctor, at the same or another location.</summary>
    Reschedule,

    /// <summary>Cancel the visit (the reason says the doctor is on leave).</summary>
    Cancel,
}

/// <summary>
/// What to do with one appointment that falls on the leave: for a move, the new time and, when the visit goes to
/// another doctor or location, which (null keeps the visit's own). <see cref="ConfirmSameDay"/> is the answer to "the
/// patient already has a visit with that doctor that day — move anyway?".
/// </summary>
public sealed record LeaveBookingDecision(
    LeaveBookingAction Action, DateOnly? Date = null, TimeOnly? Start = null, Guid? DoctorId = null, Guid? LocationId = null, bool ConfirmSameDay = false)
{
    public static LeaveBookingDecision CancelIt { get; } = new(LeaveBookingAction.Cancel);

    public static LeaveBookingDecision MoveTo(AppointmentSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(LeaveBookingAction.Reschedule, slot.Date, slot.Start);
    }

    /// <summary>A move to <paramref name="slot"/> of the doctor at the location of <paramref name="option"/>.</summary>
    public static LeaveBookingDecision MoveTo(AppointmentSlot slot, LeaveMoveOption option)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(option);
        return new(LeaveBookingAction.Reschedule, slot.Date, slot.Start, option.DoctorId, option.LocationId);
    }
}

/// <summary>A doctor at a location an appointment can move to, with their next free times from the visit's own time on.</summary>
public sealed record LeaveMoveOption(Guid DoctorId, string DoctorName, Guid LocationId, string LocationName, bool SameDoctor, IReadOnlyList<AppointmentSlot> FreeSlots)
{
    /// <summary>"Dr Anil Rao at T Nagar", or "Dr Vikram Iyer (same doctor) at Anna Nagar".</summary>
    public string Label => SameDoctor ? $"{DoctorName} (same doctor) at {LocationName}" : $"{DoctorName} at {LocationName}";
}

/// <summary>One appointment the leave would leave without its doctor, and where and when it can move to.</summary>
public sealed record LeaveClash(
    Guid AppointmentId,
    string Number,
    string PatientName,
    string HowTold,
    Guid LocationId,
    string LocationName,
    DateTime LocalStart,
    DateTime LocalEnd,
    AppointmentStatus Status,
    IReadOnlyList<LeaveMoveOption> MoveOptions)
{
    /// <summary>"Tue 10 Mar 10:00–10:30".</summary>
    public string When => string.Create(CultureInfo.InvariantCulture, $"{LocalStart:ddd d MMM HH:mm}–{LocalEnd:HH:mm}");

    /// <summary>The free times of the same doctor at the visit's own location (empty when there are none).</summary>
    public IReadOnlyList<AppointmentSlot> FreeSlots =>
        MoveOptions.FirstOrDefault(o => o.SameDoctor && o.LocationId == LocationId)?.FreeSlots ?? [];
}

/// <summary>A move that would give the patient a second visit with that doctor that day: it needs confirming.</summary>
public sealed record LeaveSameDay(Guid AppointmentId, SameDayAppointment Existing, DateOnly Date);

/// <summary>
/// What adding leave hands back: the appointments on the leave days, when a decision is needed for each; and, when a
/// move needs the same-day confirmation, which.
/// </summary>
public sealed record LeaveClashes(IReadOnlyList<LeaveClash> Appointments)
{
    public LeaveSameDay? SameDay { get; init; }
}

/// <summary>
/// Leave over existing bookings. Adding leave lists the doctor's appointments on those days (computed in the leave's
/// own transaction, so nothing booked a moment ago slips through) and saves nothing until each has a decision: move it
/// to a free time of the same doctor, or of another doctor who practises at the same or another location (checked as
/// a booking is: hours, leave, overlaps, the same-day question), or cancel it. The decisions, the leave, the audit rows
/// and the patients' messages are one transaction: the email (queued in the practice outbox, sent after commit) and,
/// when the practice has SMS on, the SMS through the reminders' pipeline (see <see cref="AppointmentNotices"/>).
/// </summary>
internal static class LeaveOverBookings
{
    /// <summary>How many free times each appointment is offered to move to, per doctor and location.</summary>
    public const int OfferedSlots = 6;

    public const string EmailPurposeCancelled = "AppointmentCancelledForLeave";

    public const string EmailPurposeMoved = "AppointmentMovedForLeave";

    public static Task<List<Appointment>> LoadAsync(MedicalDbContext db, PracticeClock clock, Guid doctorId, DateOnly from, DateOnly through, CancellationToken cancellationToken)
    {
        var fromUtc = clock.DayStartUtc(from);
        var toUtc = clock.DayStartUtc(through.AddDays(1));
        // Visits still to be seen; a completed one stays as the record of a day the doctor did work.
        var open = new[] { AppointmentStatus.Scheduled, AppointmentStatus.Confirmed, AppointmentStatus.Arrived, AppointmentStatus.InProgress };
        return db.Appointments
            .Include(a => a.Patient).Include(a => a.ClinicLocation)
            .Where(a => a.DoctorProfileId == doctorId && open.Contains(a.Status) && a.StartsAtUtc >= fromUtc && a.StartsAtUtc < toUtc)
            .OrderBy(a => a.StartsAtUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The listing with, for each appointment, where it can go: the same doctor's next free times at each of their
    /// locations outside the leave (from now on), then every other active doctor's at each of theirs, from the visit's
    /// own time on (the same time with a colleague first, when they are free).
    /// </summary>
    public static async Task<LeaveClashes> DescribeAsync(
        MedicalDbContext db, PracticeClock clock, BookableDoctor doctor, IReadOnlyList<Appointment> appointments, IReadOnlyList<DateOnly> leaveDays,
        NoticeChannels channels, CancellationToken cancellationToken)
    {
        var first = clock.Today;
        var through = leaveDays.Max().AddDays(AppointmentRules.AlternativeSearchDays);
        var schedules = new List<(DoctorSchedule Schedule, string LocationName)>();
        var locationNames = await db.ClinicLocations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);
        foreach (var choice in await AppointmentQueries.DoctorChoicesAsync(db, cancellationToken))
        {
            var bookable = choice.Id == doctor.Id ? doctor : await DoctorSchedule.FindDoctorAsync(db, choice.Id, cancellationToken);
            if (bookable is not { IsActive: true })
            {
                continue;
            }

            foreach (var locationId in choice.LocationIds)
            {
                var schedule = await DoctorSchedule.LoadAsync(db, clock, bookable, locationId, first, through, null, cancellationToken);
                schedules.Add((bookable.Id == doctor.Id ? schedule.WithLeave(leaveDays) : schedule, locationNames[locationId]));
            }
        }

        LeaveClash Describe(Appointment a)
        {
            var options = schedules
                .Select(s =>
                {
                    var same = s.Schedule.Doctor.Id == doctor.Id;
                    var from = same ? clock.NowUtc : (a.StartsAtUtc > clock.NowUtc ? a.StartsAtUtc : clock.NowUtc);
                    var fromDay = same ? first : DateOnly.FromDateTime(clock.ToLocal(from));
                    return new LeaveMoveOption(s.Schedule.Doctor.Id, s.Schedule.Doctor.Name, s.Schedule.LocationId, s.LocationName, same,
                        s.Schedule.NextFree(fromDay, through, from, OfferedSlots));
                })
                .Where(o => o.FreeSlots.Count > 0)
                // The visit's own doctor first (its own location first), then colleagues at the visit's location, then elsewhere.
                .OrderByDescending(o => o.SameDoctor).ThenByDescending(o => o.LocationId == a.ClinicLocationId)
                .ThenBy(o => o.DoctorName, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.LocationName, StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            var patient = a.Patient!;
            return new LeaveClash(a.Id, a.Number, AppointmentWrites.PatientName(patient),
                channels.Describe(!string.IsNullOrWhiteSpace(patient.Email), !string.IsNullOrWhiteSpace(patient.Mobile), patient.RemindersOptedOutAtUtc is not null),
                a.ClinicLocationId, a.ClinicLocation!.Name, clock.ToLocal(a.StartsAtUtc), clock.ToLocal(a.EndsAtUtc), a.Status, options);
        }

        return new LeaveClashes([.. appointments.Select(Describe)]);
    }

    /// <summary>
    /// Applies every decision inside the change, or returns the refusal that rolls all of it back (with, when a move
    /// needs the same-day confirmation, which). Each change is saved before the next is checked, so two visits cannot be
    /// moved to the same time and a move sees the cancellations before it.
    /// </summary>
    public static async Task<(ChangeResult? Refusal, List<string> Done, LeaveSameDay? SameDay)> ApplyAsync(
        PracticeChange change, PracticeClock clock, BookableDoctor doctor, IReadOnlyList<Appointment> appointments,
        IReadOnlyDictionary<Guid, LeaveBookingDecision> decisions, IReadOnlyList<DateOnly> leaveDays, string? leaveReason,
        AppointmentNotices notices, CancellationToken cancellationToken)
    {
        var db = change.Db;
        var done = new List<string>();
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == db.RequirePracticeId())
            .Select(p => new { p.Name, p.Phone }).SingleAsync(cancellationToken);
        var callUs = $"{practice.Name}{(practice.Phone is null ? "" : $" on {practice.Phone}")}";
        foreach (var appointment in appointments)
        {
            var decision = decisions[appointment.Id];
            var was = clock.ToLocal(appointment.StartsAtUtc);
            var patientName = AppointmentWrites.PatientName(appointment.Patient!);
            if (decision.Action == LeaveBookingAction.Cancel)
            {
                var reason = leaveReason is null ? $"{doctor.Name} is on leave." : $"{doctor.Name} is on leave ({leaveReason}).";
                if (await AppointmentTransitions.MoveAsync(change, appointment, AppointmentStatus.Cancelled, reason, clock, pauseOpenConsultation: false, cancellationToken) is { } refused)
                {
                    return (ChangeResult.Refused($"{appointment.Number} cannot be cancelled: {refused.Message}"), done, null);
                }

                done.Add($"{appointment.Number} cancelled");
                await notices.TellAsync(db, clock, appointment, ReminderKind.Cancellation, doctor.Name, Email(appointment, EmailPurposeCancelled,
                    $"Your appointment {appointment.Number} is cancelled",
                    string.Create(CultureInfo.InvariantCulture, $"""
                    Dear {patientName},

                    Your appointment {appointment.Number} with {doctor.Name} at {appointment.ClinicLocation!.Name} on {was:dddd d MMMM yyyy} at {was:HH:mm} is cancelled: {reason}

                    Please contact {callUs} to book another time. We are sorry for the inconvenience.
                    """)), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            if (!AppointmentStatusRules.CanReschedule(appointment.Status))
            {
                return (ChangeResult.Refused($"{appointment.Number} is {AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant()} and cannot be moved; cancel it or finish the visit first."), done, null);
            }

            if (decision is not { Date: { } date, Start: { } start })
            {
                return (ChangeResult.Refused($"Choose the new time for {appointment.Number}."), done, null);
            }

            // Another doctor or location is checked as a booking is: an active doctor of the practice who practises there.
            var target = doctor;
            var location = appointment.ClinicLocation!;
            var targetLocationId = decision.LocationId ?? appointment.ClinicLocationId;
            if ((decision.DoctorId is { } otherId && otherId != doctor.Id) || targetLocationId != appointment.ClinicLocationId)
            {
                (var checkedDoctor, _, var errors) = await AppointmentWrites.CheckDoctorAndLocationAsync(db, decision.DoctorId ?? doctor.Id, targetLocationId, cancellationToken);
                if (errors.Count > 0)
                {
                    return (ChangeResult.Refused($"{appointment.Number} cannot move there: {string.Join(" ", errors.Values)}"), done, null);
                }

                target = checkedDoctor!;
                location = await db.ClinicLocations.SingleAsync(l => l.Id == targetLocationId, cancellationToken);
            }

            var schedule = await DoctorSchedule.LoadAsync(db, clock, target, targetLocationId, date, date, appointment.Id, cancellationToken);
            if (target.Id == doctor.Id)
            {
                schedule = schedule.WithLeave(leaveDays);
            }

            var slot = schedule.FreeSlots(date).FirstOrDefault(s => s.Start == start);
            if (slot is null)
            {
                return (ChangeResult.Refused(
                    $"{appointment.Number} cannot move to {SlotRules.FormatDay(date)} {SlotRules.FormatTime(start)}: that is not a free time of {target.Name} at {location.Name} (or another visit was moved there). Choose another."), done, null);
            }

            if (!decision.ConfirmSameDay && await SameDayBookings.FindForMoveAsync(db, clock, appointment, target.Id, date, cancellationToken) is { } existing)
            {
                return (ChangeResult.Refused($"Nothing was saved. {appointment.Number}: {SameDayBookings.Question(existing, date, moving: true)}"), done,
                    new LeaveSameDay(appointment.Id, existing, date));
            }

            // Same as a reschedule from the appointment dialog: the number stays, the visit is Scheduled again.
            var movedElsewhere = location.Id != appointment.ClinicLocationId;
            appointment.DoctorProfileId = target.Id;
            appointment.ClinicLocationId = location.Id;
            appointment.ClinicLocation = location;
            appointment.StartsAtUtc = slot.StartsAtUtc;
            appointment.EndsAtUtc = slot.EndsAtUtc;
            appointment.Status = AppointmentStatus.Scheduled;
            appointment.StatusChangedAtUtc = clock.NowUtc;
            change.Audit(AuditActions.AppointmentRescheduled, nameof(Appointment), appointment.Id,
                $"{appointment.Number}: {was:ddd d MMM yyyy HH:mm} → "
                + AppointmentWrites.Describe(appointment.Number, patientName, target.Name, location.Name,
                    clock.ToLocal(slot.StartsAtUtc), clock.ToLocal(slot.EndsAtUtc))
                + " (doctor on leave)");
            await db.SaveChangesAsync(cancellationToken);
            done.Add($"{appointment.Number} moved to {slot.Describe()}{(target.Id == doctor.Id ? "" : $" with {target.Name}")}{(movedElsewhere ? $" at {location.Name}" : "")}");
            var now = clock.ToLocal(slot.StartsAtUtc);
            await notices.TellAsync(db, clock, appointment, ReminderKind.Confirmation, target.Name, Email(appointment, EmailPurposeMoved,
                $"Your appointment {appointment.Number} has moved",
                string.Create(CultureInfo.InvariantCulture, $"""
                Dear {patientName},

                {doctor.Name} is on leave on {was:dddd d MMMM yyyy}, so your appointment {appointment.Number} has moved from {was:HH:mm} that day to {now:dddd d MMMM yyyy} at {now:HH:mm}, with {target.Name} at {location.Name}.

                If this time does not suit you, please contact {callUs}.
                """)), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (null, done, null);
    }

    /// <summary>The practice's letter about the change, for a patient with an email address.</summary>
    private static EmailMessage? Email(Appointment appointment, string purpose, string subject, string body) =>
        string.IsNullOrWhiteSpace(appointment.Patient!.Email)
            ? null
            : new EmailMessage(appointment.Patient.Email.Trim(), AppointmentWrites.PatientName(appointment.Patient), subject, body, purpose);
}
