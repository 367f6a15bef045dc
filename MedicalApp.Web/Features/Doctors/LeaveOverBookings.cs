using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Doctors;

public enum LeaveBookingAction
{
    /// <summary>Move the visit to another of the doctor's free times at the same location.</summary>
    Reschedule,

    /// <summary>Cancel the visit (the reason says the doctor is on leave).</summary>
    Cancel,
}

/// <summary>What to do with one appointment that falls on the leave: the new time for a move.</summary>
public sealed record LeaveBookingDecision(LeaveBookingAction Action, DateOnly? Date = null, TimeOnly? Start = null)
{
    public static LeaveBookingDecision CancelIt { get; } = new(LeaveBookingAction.Cancel);

    public static LeaveBookingDecision MoveTo(AppointmentSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(LeaveBookingAction.Reschedule, slot.Date, slot.Start);
    }
}

/// <summary>One appointment the leave would leave without its doctor, and the free times it can move to.</summary>
public sealed record LeaveClash(
    Guid AppointmentId,
    string Number,
    string PatientName,
    bool PatientHasEmail,
    string LocationName,
    DateTime LocalStart,
    DateTime LocalEnd,
    AppointmentStatus Status,
    IReadOnlyList<AppointmentSlot> FreeSlots)
{
    /// <summary>"Tue 10 Mar 10:00–10:30".</summary>
    public string When => string.Create(CultureInfo.InvariantCulture, $"{LocalStart:ddd d MMM HH:mm}–{LocalEnd:HH:mm}");
}

/// <summary>What adding leave hands back: the appointments on the leave days, when a decision is needed for each.</summary>
public sealed record LeaveClashes(IReadOnlyList<LeaveClash> Appointments);

/// <summary>
/// Leave over existing bookings. Adding leave lists the doctor's appointments on those days (computed in the leave's
/// own transaction, so nothing booked a moment ago slips through) and saves nothing until each has a decision: move it
/// to another free time of the doctor at the same location, or cancel it. The decisions, the leave, the audit rows and
/// the patients' emails (queued in the practice outbox, sent after commit) are one transaction. Patients are told by
/// email when they have an address; SMS belongs to the reminders' gateway and is not sent from here.
/// </summary>
internal static class LeaveOverBookings
{
    /// <summary>How many free times each appointment is offered to move to.</summary>
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

    /// <summary>The listing with, for each appointment, the doctor's next free times at its location outside the leave.</summary>
    public static async Task<LeaveClashes> DescribeAsync(
        MedicalDbContext db, PracticeClock clock, BookableDoctor doctor, IReadOnlyList<Appointment> appointments, IReadOnlyList<DateOnly> leaveDays,
        CancellationToken cancellationToken)
    {
        var first = clock.Today;
        var through = leaveDays.Max().AddDays(AppointmentRules.AlternativeSearchDays);
        var offers = new Dictionary<Guid, IReadOnlyList<AppointmentSlot>>();
        foreach (var locationId in appointments.Select(a => a.ClinicLocationId).Distinct())
        {
            var schedule = (await DoctorSchedule.LoadAsync(db, clock, doctor, locationId, first, through, null, cancellationToken)).WithLeave(leaveDays);
            offers[locationId] = schedule.NextFree(first, through, clock.NowUtc, OfferedSlots);
        }

        return new LeaveClashes([.. appointments.Select(a => new LeaveClash(a.Id, a.Number, AppointmentWrites.PatientName(a.Patient!),
            !string.IsNullOrWhiteSpace(a.Patient!.Email), a.ClinicLocation!.Name, clock.ToLocal(a.StartsAtUtc), clock.ToLocal(a.EndsAtUtc), a.Status,
            offers[a.ClinicLocationId]))]);
    }

    /// <summary>
    /// Applies every decision inside the change, or returns the refusal that rolls all of it back. Each move is saved
    /// before the next is checked, so two visits cannot be moved to the same time.
    /// </summary>
    public static async Task<(ChangeResult? Refusal, List<string> Done)> ApplyAsync(
        PracticeChange change, PracticeClock clock, BookableDoctor doctor, IReadOnlyList<Appointment> appointments,
        IReadOnlyDictionary<Guid, LeaveBookingDecision> decisions, IReadOnlyList<DateOnly> leaveDays, string? leaveReason,
        MailOutbox outbox, CancellationToken cancellationToken)
    {
        var db = change.Db;
        var done = new List<string>();
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == db.RequirePracticeId())
            .Select(p => new { p.Name, p.Phone }).SingleAsync(cancellationToken);
        foreach (var appointment in appointments)
        {
            var decision = decisions[appointment.Id];
            var was = clock.ToLocal(appointment.StartsAtUtc);
            if (decision.Action == LeaveBookingAction.Cancel)
            {
                var reason = leaveReason is null ? $"{doctor.Name} is on leave." : $"{doctor.Name} is on leave ({leaveReason}).";
                if (await AppointmentTransitions.MoveAsync(change, appointment, AppointmentStatus.Cancelled, reason, clock, pauseOpenConsultation: false, cancellationToken) is { } refused)
                {
                    return (ChangeResult.Refused($"{appointment.Number} cannot be cancelled: {refused.Message}"), done);
                }

                done.Add($"{appointment.Number} cancelled");
                Notify(db, outbox, appointment, EmailPurposeCancelled, $"Your appointment {appointment.Number} is cancelled",
                    string.Create(CultureInfo.InvariantCulture, $"""
                    Dear {AppointmentWrites.PatientName(appointment.Patient!)},

                    Your appointment {appointment.Number} with {doctor.Name} at {appointment.ClinicLocation!.Name} on {was:dddd d MMMM yyyy} at {was:HH:mm} is cancelled: {reason}

                    Please contact {practice.Name}{(practice.Phone is null ? "" : $" on {practice.Phone}")} to book another time. We are sorry for the inconvenience.
                    """));
                continue;
            }

            if (!AppointmentStatusRules.CanReschedule(appointment.Status))
            {
                return (ChangeResult.Refused($"{appointment.Number} is {AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant()} and cannot be moved; cancel it or finish the visit first."), done);
            }

            if (decision is not { Date: { } date, Start: { } start })
            {
                return (ChangeResult.Refused($"Choose the new time for {appointment.Number}."), done);
            }

            var schedule = (await DoctorSchedule.LoadAsync(db, clock, doctor, appointment.ClinicLocationId, date, date, appointment.Id, cancellationToken)).WithLeave(leaveDays);
            var slot = schedule.FreeSlots(date).FirstOrDefault(s => s.Start == start);
            if (slot is null)
            {
                return (ChangeResult.Refused(
                    $"{appointment.Number} cannot move to {SlotRules.FormatDay(date)} {SlotRules.FormatTime(start)}: that is not a free time of {doctor.Name} at {appointment.ClinicLocation!.Name} (or another visit was moved there). Choose another."), done);
            }

            // Same as a reschedule from the appointment dialog: the number stays, the visit is Scheduled again.
            appointment.StartsAtUtc = slot.StartsAtUtc;
            appointment.EndsAtUtc = slot.EndsAtUtc;
            appointment.Status = AppointmentStatus.Scheduled;
            appointment.StatusChangedAtUtc = clock.NowUtc;
            change.Audit(AuditActions.AppointmentRescheduled, nameof(Appointment), appointment.Id,
                $"{appointment.Number}: {was:ddd d MMM yyyy HH:mm} → "
                + AppointmentWrites.Describe(appointment.Number, AppointmentWrites.PatientName(appointment.Patient!), doctor.Name, appointment.ClinicLocation!.Name,
                    clock.ToLocal(slot.StartsAtUtc), clock.ToLocal(slot.EndsAtUtc))
                + " (doctor on leave)");
            await db.SaveChangesAsync(cancellationToken);
            done.Add($"{appointment.Number} moved to {slot.Describe()}");
            var now = clock.ToLocal(slot.StartsAtUtc);
            Notify(db, outbox, appointment, EmailPurposeMoved, $"Your appointment {appointment.Number} has moved",
                string.Create(CultureInfo.InvariantCulture, $"""
                Dear {AppointmentWrites.PatientName(appointment.Patient!)},

                {doctor.Name} is on leave on {was:dddd d MMMM yyyy}, so your appointment {appointment.Number} at {appointment.ClinicLocation.Name} has moved from {was:HH:mm} that day to {now:dddd d MMMM yyyy} at {now:HH:mm}.

                If this time does not suit you, please contact {practice.Name}{(practice.Phone is null ? "" : $" on {practice.Phone}")}.
                """));
        }

        return (null, done);
    }

    private static void Notify(MedicalDbContext db, MailOutbox outbox, Appointment appointment, string purpose, string subject, string body)
    {
        if (string.IsNullOrWhiteSpace(appointment.Patient!.Email))
        {
            return;
        }

        outbox.Queue(db, new EmailMessage(appointment.Patient.Email.Trim(), AppointmentWrites.PatientName(appointment.Patient), subject, body, purpose));
    }
}
