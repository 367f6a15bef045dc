using System.Globalization;
using System.Text.RegularExpressions;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>
/// The rules of a doctor's weekly availability, shared by the page (instant feedback per day row) and the service
/// (the check that counts). Appointment slots are later cut from these ranges, so they must make sense: each range ends
/// after it starts, lies at a location the doctor practises at, and no two ranges of a day overlap, whatever their
/// location, because a doctor cannot be in two places at once.
/// </summary>
public static partial class DoctorScheduleRules
{
    public const int MaxRangesPerDay = 6;

    /// <summary>The clinic week as Indian practices write it: Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static IReadOnlyList<DayOfWeek> Weekdays { get; } = Week.Take(5).ToList();

    /// <summary>Position of the day in <see cref="Week"/> (Monday 0 … Sunday 6).</summary>
    public static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>The key of the error shown next to one day of one location.</summary>
    public static string DayKey(Guid locationId, DayOfWeek day) => $"{DoctorFields.Availability}:{locationId:N}:{day}";

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Format(TimeOnly start, TimeOnly end) => $"{Format(start)}–{Format(end)}";

    public static string ShortName(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    /// <summary>Reads "09:00", "9:00", "0900" or "9" as a time of day; null when it is not one.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        var match = TimeText().Match((text ?? "").Trim());
        if (!match.Success)
        {
            return null;
        }

        var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        return hours < 24 && minutes < 60 ? new TimeOnly(hours, minutes) : null;
    }

    /// <summary>Whole minutes only: the editor works in HH:mm, and seconds would make touching ranges overlap.</summary>
    public static AvailabilityRange Normalize(AvailabilityRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return range with { Start = new TimeOnly(range.Start.Hour, range.Start.Minute), End = new TimeOnly(range.End.Hour, range.End.Minute) };
    }

    /// <summary>
    /// Checks a whole schedule. <paramref name="activeLocations"/> are the practice's active locations (id → name).
    /// Returns errors keyed by <see cref="DoctorFields.Locations"/> or <see cref="DayKey"/>; the first error of a key wins.
    /// </summary>
    public static Dictionary<string, string> Validate(
        IReadOnlyCollection<Guid> locationIds, IReadOnlyList<AvailabilityRange> ranges, IReadOnlyDictionary<Guid, string> activeLocations)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(activeLocations);
        var errors = new Dictionary<string, string>();
        string NameOf(Guid id) => activeLocations.TryGetValue(id, out var name) ? name : "a location that is not open";

        if (locationIds.Count == 0)
        {
            errors.TryAdd(DoctorFields.Locations, "Choose at least one location where the doctor practises.");
        }
        else if (locationIds.Any(id => !activeLocations.ContainsKey(id)))
        {
            errors.TryAdd(DoctorFields.Locations, "One of the chosen locations is not an active location of this practice.");
        }

        var valid = new List<AvailabilityRange>();
        foreach (var range in ranges.Select(Normalize))
        {
            var key = DayKey(range.LocationId, range.Day);
            if (!activeLocations.ContainsKey(range.LocationId))
            {
                errors.TryAdd(key, $"{range.Day} {range.Times} is at a location that is not one of the doctor's locations " +
                                   "(it is not open in this practice). Remove the range.");
            }
            else if (!locationIds.Contains(range.LocationId))
            {
                errors.TryAdd(key, $"{range.Day} {range.Times} is at {NameOf(range.LocationId)}, which is not one of the doctor's locations. " +
                                   "Tick the location or remove the range.");
            }
            else if (range.Start >= range.End)
            {
                errors.TryAdd(key, $"{range.Day} at {NameOf(range.LocationId)}: {range.Times} must end after it starts.");
            }
            else
            {
                valid.Add(range);
            }
        }

        foreach (var day in ranges.GroupBy(r => r.Day))
        {
            if (day.Count() > MaxRangesPerDay)
            {
                foreach (var locationId in day.Select(r => r.LocationId).Distinct())
                {
                    errors.TryAdd(DayKey(locationId, day.Key),
                        $"{day.Key} has {day.Count()} time ranges; at most {MaxRangesPerDay} are allowed in a day.");
                }
            }
        }

        foreach (var day in valid.GroupBy(r => r.Day))
        {
            var ordered = day.OrderBy(r => r.Start).ThenBy(r => r.End).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                // Ranges that merely touch (09:00–13:00 and 13:00–17:00) are fine; sorted by start, a range overlaps an
                // earlier one exactly when it starts before the latest end seen so far.
                var earlier = ordered.Take(i).Where(r => r.End > ordered[i].Start).MaxBy(r => r.End);
                if (earlier is null)
                {
                    continue;
                }

                var later = ordered[i];
                var message = earlier.LocationId == later.LocationId
                    ? $"{day.Key} at {NameOf(later.LocationId)}: {earlier.Times} overlaps {later.Times}."
                    : $"{day.Key}: {earlier.Times} at {NameOf(earlier.LocationId)} overlaps {later.Times} at {NameOf(later.LocationId)}. " +
                      "A doctor cannot be in two places at once.";
                errors.TryAdd(DayKey(later.LocationId, day.Key), message);
            }
        }

        return errors;
    }

    /// <summary>The schedule's refusal (the page runs it before sending, the service again before saving), or null when it is valid.</summary>
    public static ChangeResult? Check(
        IReadOnlyCollection<Guid> locationIds, IReadOnlyList<AvailabilityRange> ranges, IReadOnlyDictionary<Guid, string> activeLocations) =>
        Validate(locationIds, ranges, activeLocations) is { Count: > 0 } errors ? ChangeResult.Invalid(errors) : null;

    /// <summary>
    /// One location's week in words, consecutive days with the same hours joined:
    /// "Mon–Fri 09:00–13:00, 17:00–21:00; Sat 09:00–13:00". Empty when the doctor has no hours there.
    /// </summary>
    public static string Describe(IEnumerable<AvailabilityRange> ranges)
    {
        var byDay = (ranges ?? []).GroupBy(r => r.Day)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.OrderBy(r => r.Start).Select(r => r.Times)));
        var parts = new List<string>();
        var i = 0;
        while (i < Week.Count)
        {
            if (!byDay.TryGetValue(Week[i], out var hours))
            {
                i++;
                continue;
            }

            var last = i;
            while (last + 1 < Week.Count && byDay.TryGetValue(Week[last + 1], out var next) && next == hours)
            {
                last++;
            }

            var days = last == i ? ShortName(Week[i]) : $"{ShortName(Week[i])}–{ShortName(Week[last])}";
            parts.Add($"{days} {hours}");
            i = last + 1;
        }

        return string.Join("; ", parts);
    }

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.]?(?<m>\d{2}))?$")]
    private static partial Regex TimeText();
}
