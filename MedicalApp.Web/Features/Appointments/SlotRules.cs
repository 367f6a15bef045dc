using System.Globalization;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>One bookable time of a doctor: the practice-local day and times, and the same instants in UTC.</summary>
public sealed record AppointmentSlot(DateOnly Date, TimeOnly Start, TimeOnly End, DateTime StartsAtUtc, DateTime EndsAtUtc)
{
    /// <summary>"10:30".</summary>
    public string StartText => Start.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Tue 10 Mar 10:30".</summary>
    public string Describe() => $"{SlotRules.FormatDay(Date)} {StartText}";
}

/// <summary>A time range in UTC that a doctor is already busy (a blocking appointment).</summary>
public readonly record struct BusyRange(DateTime StartsAtUtc, DateTime EndsAtUtc);

/// <summary>A weekly availability range as it applies to one day, in the practice's local time.</summary>
public readonly record struct LocalRange(TimeOnly Start, TimeOnly End);

/// <summary>
/// How a doctor's day is cut into slots. Pure, so each rule is tested without a database: the availability ranges of
/// the day are cut into pieces of the consultation length from each range's start; a piece that would run past the
/// range's end is dropped (a doctor's hours end when they end); nothing on a leave day; a slot that has already
/// started is gone; a slot that overlaps anything the doctor is already busy with (at any location) is taken.
/// </summary>
public static class SlotRules
{
    public const int MinMinutes = 5;

    /// <summary>Every slot the doctor's hours give on <paramref name="date"/>, busy or not, past or not.</summary>
    public static IReadOnlyList<AppointmentSlot> Cut(DateOnly date, IEnumerable<LocalRange> ranges, int consultationMinutes, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(zone);
        if (consultationMinutes < MinMinutes)
        {
            throw new ArgumentOutOfRangeException(nameof(consultationMinutes), "A consultation lasts at least 5 minutes.");
        }

        var slots = new List<AppointmentSlot>();
        var seen = new HashSet<int>();
        foreach (var range in ranges.OrderBy(r => r.Start))
        {
            // Minutes of the day, so a range ending at midnight's edge cannot wrap around the clock.
            var end = MinuteOfDay(range.End);
            for (var start = MinuteOfDay(range.Start); start + consultationMinutes <= end; start += consultationMinutes)
            {
                if (!seen.Add(start))
                {
                    continue;
                }

                var localStart = date.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)));
                var localEnd = localStart.AddMinutes(consultationMinutes);
                // A local time skipped by a daylight-saving change does not exist, so there is no slot at it.
                if (zone.IsInvalidTime(localStart) || zone.IsInvalidTime(localEnd))
                {
                    continue;
                }

                slots.Add(new AppointmentSlot(
                    date,
                    TimeOnly.FromDateTime(localStart),
                    TimeOnly.FromDateTime(localEnd),
                    TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified), zone),
                    TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localEnd, DateTimeKind.Unspecified), zone)));
            }
        }

        return slots.OrderBy(s => s.StartsAtUtc).ToList();
    }

    /// <summary>The slots of <paramref name="date"/> that can still be booked at <paramref name="nowUtc"/>.</summary>
    public static IReadOnlyList<AppointmentSlot> FreeSlots(
        DateOnly date, IEnumerable<LocalRange> ranges, int consultationMinutes, bool onLeave, TimeZoneInfo zone, DateTime nowUtc,
        IEnumerable<BusyRange> busy)
    {
        ArgumentNullException.ThrowIfNull(busy);
        if (onLeave)
        {
            return [];
        }

        var taken = busy.ToList();
        return Cut(date, ranges, consultationMinutes, zone)
            .Where(s => s.StartsAtUtc >= nowUtc)
            .Where(s => !taken.Any(b => Overlaps(s.StartsAtUtc, s.EndsAtUtc, b.StartsAtUtc, b.EndsAtUtc)))
            .ToList();
    }

    /// <summary>Half-open ranges [start, end): one ending at 10:30 does not overlap one starting at 10:30.</summary>
    public static bool Overlaps(DateTime start, DateTime end, DateTime otherStart, DateTime otherEnd) => start < otherEnd && otherStart < end;

    /// <summary>"Tue 10 Mar".</summary>
    public static string FormatDay(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    public static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static int MinuteOfDay(TimeOnly time) => (time.Hour * 60) + time.Minute;
}
