using System.Globalization;
using MedicalApp.Web.Features.Doctors;

namespace MedicalApp.Web.Features.Administration;

/// <summary>One opening period of a location on a weekday, practice-local (09:00–13:00).</summary>
public sealed record OpeningPeriod(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>One period as the location dialog edits it: the texts typed ("09:00"), parsed by the rules.</summary>
public sealed class OpeningPeriodInput
{
    public DayOfWeek Day { get; set; }

    public string? Opens { get; set; }

    public string? Closes { get; set; }
}

/// <summary>
/// Structured opening hours of a clinic location, shared by the dialog (feedback per day) and the service (the check
/// that counts): per weekday none (closed) or several periods, each opening before it closes and none overlapping.
/// The prescription's "timings" line is written from them (<see cref="Describe"/>), so the printed text and the hours
/// booking warns about cannot disagree; a location without structured hours keeps its free-text timings.
/// </summary>
public static class OpeningHoursRules
{
    public const int MaxPeriodsPerDay = 4;

    public const string Field = "OpeningHours";

    /// <summary>The key of the error shown next to one weekday.</summary>
    public static string DayKey(DayOfWeek day) => $"{Field}:{day}";

    /// <summary>Errors per weekday (<see cref="DayKey"/>); empty when the hours are valid.</summary>
    public static Dictionary<string, string> Validate(IEnumerable<OpeningPeriodInput>? periods)
    {
        var errors = new Dictionary<string, string>();
        foreach (var day in (periods ?? []).GroupBy(p => p.Day))
        {
            if (DayError(day.Key, day.ToList()) is { } error)
            {
                errors[DayKey(day.Key)] = error;
            }
        }

        return errors;
    }

    /// <summary>What is wrong with one weekday's periods, or null.</summary>
    public static string? DayError(DayOfWeek day, IReadOnlyList<OpeningPeriodInput> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var name = CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(day);
        if (!Enum.IsDefined(day))
        {
            return "Choose a day of the week.";
        }

        if (periods.Count > MaxPeriodsPerDay)
        {
            return $"{name}: at most {MaxPeriodsPerDay} periods a day.";
        }

        var parsed = new List<(TimeOnly Opens, TimeOnly Closes)>();
        foreach (var period in periods)
        {
            if (DoctorScheduleRules.ParseTime(period.Opens) is not { } opens || DoctorScheduleRules.ParseTime(period.Closes) is not { } closes)
            {
                return $"{name}: write the times as HH:mm, e.g. 09:00 and 13:00.";
            }

            if (opens >= closes)
            {
                return $"{name}: {DoctorScheduleRules.Format(opens)} must be before {DoctorScheduleRules.Format(closes)} (opening before closing).";
            }

            parsed.Add((opens, closes));
        }

        var ordered = parsed.OrderBy(p => p.Opens).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Opens < ordered[i - 1].Closes)
            {
                return $"{name}: {DoctorScheduleRules.Format(ordered[i - 1].Opens, ordered[i - 1].Closes)} and {DoctorScheduleRules.Format(ordered[i].Opens, ordered[i].Closes)} overlap.";
            }
        }

        return null;
    }

    /// <summary>The valid input as periods (call after <see cref="Validate"/> found nothing), in week order.</summary>
    public static List<OpeningPeriod> Parse(IEnumerable<OpeningPeriodInput>? periods) =>
        [.. (periods ?? [])
            .Select(p => new OpeningPeriod(p.Day, DoctorScheduleRules.ParseTime(p.Opens)!.Value, DoctorScheduleRules.ParseTime(p.Closes)!.Value))
            .OrderBy(p => DoctorScheduleRules.DayIndex(p.Day)).ThenBy(p => p.Opens)];

    /// <summary>
    /// The line printed on prescriptions: consecutive days with the same periods joined, closed days left out
    /// ("Mon–Fri 09:00–13:00, 17:00–21:00; Sat 09:00–13:00"). Null without any period.
    /// </summary>
    public static string? Describe(IReadOnlyList<OpeningPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            return null;
        }

        string HoursOf(DayOfWeek day) => string.Join(", ", periods.Where(p => p.Day == day).OrderBy(p => p.Opens)
            .Select(p => DoctorScheduleRules.Format(p.Opens, p.Closes)));
        var groups = new List<(DayOfWeek First, DayOfWeek Last, string Hours)>();
        foreach (var day in DoctorScheduleRules.Week)
        {
            var hours = HoursOf(day);
            if (hours.Length == 0)
            {
                continue;
            }

            if (groups.Count > 0 && groups[^1].Hours == hours && DoctorScheduleRules.DayIndex(groups[^1].Last) == DoctorScheduleRules.DayIndex(day) - 1)
            {
                groups[^1] = (groups[^1].First, day, hours);
            }
            else
            {
                groups.Add((day, day, hours));
            }
        }

        return string.Join("; ", groups.Select(g => g.First == g.Last
            ? $"{DoctorScheduleRules.ShortName(g.First)} {g.Hours}"
            : $"{DoctorScheduleRules.ShortName(g.First)}–{DoctorScheduleRules.ShortName(g.Last)} {g.Hours}"));
    }

    /// <summary>
    /// A doctor's weekly range at a location that is not inside the location's opening hours that day, as a warning
    /// ("Wed 17:00–21:00 is outside Anna Nagar's opening hours (Wed 09:00–13:00)"). A location without structured
    /// hours warns about nothing: the owner has not said when it is open.
    /// </summary>
    public static IReadOnlyList<string> OutsideOpening(
        string locationName, IReadOnlyList<OpeningPeriod> opening, IEnumerable<(DayOfWeek Day, TimeOnly Start, TimeOnly End)> doctorRanges)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if (opening.Count == 0)
        {
            return [];
        }

        var warnings = new List<string>();
        foreach (var (day, start, end) in (doctorRanges ?? []).OrderBy(r => DoctorScheduleRules.DayIndex(r.Day)).ThenBy(r => r.Start))
        {
            var open = opening.Where(p => p.Day == day).ToList();
            if (open.Any(p => p.Opens <= start && end <= p.Closes))
            {
                continue;
            }

            var range = $"{DoctorScheduleRules.ShortName(day)} {DoctorScheduleRules.Format(start, end)}";
            warnings.Add(open.Count == 0
                ? $"{range}: {locationName} is closed on {CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(day)}s."
                : $"{range} is outside {locationName}'s opening hours ({string.Join(", ", open.OrderBy(p => p.Opens).Select(p => DoctorScheduleRules.Format(p.Opens, p.Closes)))}).");
        }

        return warnings;
    }
}
