using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>The patient's other visit with the same doctor on the day being booked, as the warning shows it.</summary>
public sealed record SameDayAppointment(Guid Id, string Number, string PatientName, string DoctorName, string LocationName, DateTime LocalStart, AppointmentStatus Status)
{
    /// <summary>"APT-20260310-0002 at 10:00 (Anna Nagar, scheduled)".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Number} at {LocalStart:HH:mm} ({LocationName}, {AppointmentStatusRules.Label(Status).ToLowerInvariant()})");
}

/// <summary>
/// The same patient twice on one day with one doctor is almost always a slip at the desk (a second click, a family
/// member picked by mistake), sometimes intended (a review after tests in the evening). Booking it therefore needs a
/// confirmation: without one the booking returns <see cref="NeedsConfirmation"/> with the visit already there. The
/// check runs inside the booking's transaction, after the slot check, so what is warned about is what is there now.
/// A move (the dialog, the calendar, leave) that lands the visit on another day or with another doctor makes the same
/// pair, so a reschedule asks the same question; the visit being moved never counts against itself.
/// </summary>
internal static class SameDayBookings
{
    /// <summary>The patient's first visit that day with the doctor that still counts (not cancelled or missed), if any.</summary>
    public static async Task<SameDayAppointment?> FindAsync(
        MedicalDbContext db, PracticeClock clock, Guid patientId, Guid doctorId, DateOnly date, CancellationToken cancellationToken,
        Guid? movingAppointmentId = null)
    {
        var fromUtc = clock.DayStartUtc(date);
        var toUtc = clock.DayStartUtc(date.AddDays(1));
        var counting = Appointment.BlockingStatuses.ToList();
        var existing = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.DoctorProfileId == doctorId && counting.Contains(a.Status)
                && a.StartsAtUtc >= fromUtc && a.StartsAtUtc < toUtc && a.Id != movingAppointmentId)
            .OrderBy(a => a.StartsAtUtc)
            .Select(a => new
            {
                a.Id,
                a.Number,
                a.Patient!.FirstName,
                a.Patient.LastName,
                DoctorName = a.Doctor!.Membership!.User!.FullName,
                LocationName = a.ClinicLocation!.Name,
                a.StartsAtUtc,
                a.Status,
            })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? null
            : new SameDayAppointment(existing.Id, existing.Number, $"{existing.FirstName} {existing.LastName}".Trim(), existing.DoctorName,
                existing.LocationName, clock.ToLocal(existing.StartsAtUtc), existing.Status);
    }

    /// <summary>Nothing was written: the page shows the visit already there and books again only once the user confirms.</summary>
    public static ChangeResult<AppointmentOutcome> NeedsConfirmation(SameDayAppointment existing, DateOnly date, bool moving = false) =>
        ChangeResult.Refused(Question(existing, date, moving)).With(AppointmentOutcome.Offer([]) with { SameDay = existing });

    /// <summary>"Meena Iyer already has an appointment with Dr X on Wed 11 Mar: APT-… at 10:00 (…). Book another one anyway?"</summary>
    public static string Question(SameDayAppointment existing, DateOnly date, bool moving) =>
        $"{existing.PatientName} already has an appointment with {existing.DoctorName} on {SlotRules.FormatDay(date)}: {existing.Describe()}. "
        + (moving ? "Move this one to that day anyway?" : "Book another one anyway?");

    /// <summary>
    /// The visit a move of <paramref name="appointment"/> to <paramref name="doctorId"/> on <paramref name="date"/> would
    /// pair with, if the move must ask. It asks only when it makes a new pair: staying on the same day with the same doctor
    /// (a later time that day) keeps whatever was already there and already answered for. The moved visit never counts.
    /// </summary>
    public static async Task<SameDayAppointment?> FindForMoveAsync(
        MedicalDbContext db, PracticeClock clock, Appointment appointment, Guid doctorId, DateOnly date, CancellationToken cancellationToken)
    {
        var samePair = appointment.DoctorProfileId == doctorId && DateOnly.FromDateTime(clock.ToLocal(appointment.StartsAtUtc)) == date;
        return samePair ? null : await FindAsync(db, clock, appointment.PatientId, doctorId, date, cancellationToken, appointment.Id);
    }
}
