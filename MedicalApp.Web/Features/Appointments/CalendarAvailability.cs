using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>One of a doctor's hour ranges as it applies on one day at one location (practice-local).</summary>
public sealed record CalendarHours(Guid DoctorId, Guid LocationId, DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>A location's structured opening hours on one day; no rows on a day the location has hours for others means closed.</summary>
public sealed record CalendarOpening(Guid LocationId, DateOnly Date, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// One consultation slot of a doctor's hours: where a drop or a keyboard move lands, and, when <see cref="Free"/>,
/// an empty slot the front desk can book by clicking it.
/// </summary>
public sealed record CalendarSlot(Guid DoctorId, Guid LocationId, DateOnly Date, TimeOnly Start, TimeOnly End, bool Free);

/// <summary>
/// The hours behind a calendar grid: each shown doctor's weekly hours turned into dated ranges (none on leave), the
/// location's opening hours, and the doctors' slots cut by the same rules as booking (<see cref="SlotRules"/>, with
/// their busy time at every location), so what the grid offers is what the booking service will accept.
/// </summary>
internal static class CalendarAvailability
{
    /// <summary>Slots are drawn for a day or a week; a month view shows counts only.</summary>
    public const int MaxDaysWithSlots = 7;

    public static async Task<(IReadOnlyList<CalendarHours> Hours, IReadOnlyList<CalendarOpening>? Opening, IReadOnlyList<CalendarSlot> Slots)> LoadAsync(
        MedicalDbContext db, PracticeClock clock, CalendarQuery query, IReadOnlyList<DoctorChoice> doctors, IReadOnlyCollection<(Guid DoctorId, DateOnly Date)> leave,
        CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, Math.Clamp(query.Days, 1, 31)).Select(query.From.AddDays).ToList();
        var doctorIds = doctors.Select(d => d.Id).ToList();
        var availability = db.DoctorAvailability.AsNoTracking().Where(a => doctorIds.Contains(a.DoctorProfileId));
        if (query.Mode == CalendarMode.Location)
        {
            availability = availability.Where(a => a.ClinicLocationId == query.Id);
        }

        var activeLocations = db.ClinicLocations.Where(l => l.IsActive).Select(l => l.Id);
        var ranges = await availability.Where(a => activeLocations.Contains(a.ClinicLocationId)).ToListAsync(cancellationToken);
        var hours = days
            .SelectMany(day => ranges.Where(r => r.Day == day.DayOfWeek && !leave.Contains((r.DoctorProfileId, day)))
                .Select(r => new CalendarHours(r.DoctorProfileId, r.ClinicLocationId, day, r.StartTime, r.EndTime)))
            .OrderBy(h => h.Date).ThenBy(h => h.Start)
            .ToList();

        // Null when the location has no structured opening hours (nothing to shade); otherwise a day without rows is closed.
        List<CalendarOpening>? opening = null;
        if (query.Mode == CalendarMode.Location)
        {
            var structured = await db.LocationOpeningHours.AsNoTracking().Where(o => o.ClinicLocationId == query.Id).ToListAsync(cancellationToken);
            opening = structured.Count == 0 ? null : [.. days
                .SelectMany(day => structured.Where(o => o.Day == day.DayOfWeek).Select(o => new CalendarOpening(o.ClinicLocationId, day, o.Opens, o.Closes)))];
        }

        if (days.Count > MaxDaysWithSlots || doctors.Count == 0)
        {
            return (hours, opening, []);
        }

        var busy = await BusyAsync(db, doctorIds, clock.DayStartUtc(days[0]), clock.DayStartUtc(days[^1].AddDays(1)), cancellationToken);
        var slots = new List<CalendarSlot>();
        foreach (var doctor in doctors)
        {
            var doctorBusy = busy.Where(b => b.DoctorId == doctor.Id).Select(b => b.Range).ToList();
            foreach (var group in hours.Where(h => h.DoctorId == doctor.Id).GroupBy(h => (h.Date, h.LocationId)))
            {
                var local = group.Select(h => new LocalRange(h.Start, h.End)).ToList();
                var free = SlotRules.FreeSlots(group.Key.Date, local, doctor.ConsultationMinutes, onLeave: false, clock.Zone, clock.NowUtc, doctorBusy)
                    .Select(s => s.Start).ToHashSet();
                slots.AddRange(SlotRules.Cut(group.Key.Date, local, doctor.ConsultationMinutes, clock.Zone)
                    .Select(s => new CalendarSlot(doctor.Id, group.Key.LocationId, s.Date, s.Start, s.End, free.Contains(s.Start))));
            }
        }

        return (hours, opening, slots.OrderBy(s => s.Date).ThenBy(s => s.Start).ToList());
    }

    private static async Task<List<(Guid DoctorId, BusyRange Range)>> BusyAsync(
        MedicalDbContext db, List<Guid> doctorIds, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var blocking = Appointment.BlockingStatuses.ToList();
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => doctorIds.Contains(a.DoctorProfileId) && blocking.Contains(a.Status) && a.StartsAtUtc < toUtc && a.EndsAtUtc > fromUtc)
            .Select(a => new { a.DoctorProfileId, a.StartsAtUtc, a.EndsAtUtc })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.DoctorProfileId, new BusyRange(r.StartsAtUtc, r.EndsAtUtc))).ToList();
    }
}
