using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Plans;

/// <summary>
/// A trial's days, counted in the practice's own calendar: a trial "runs through" its last day and ends at the
/// practice-local midnight after it, whatever the server's zone.
/// </summary>
public static class TrialPeriod
{
    /// <summary>Whole days until the trial ends; 0 once it has ended; null when the practice is not on a trial.</summary>
    public static int? DaysLeft(PracticePlan plan, DateTime? trialEndsAtUtc, string? timeZoneId, DateTime utcNow)
    {
        if (plan != PracticePlan.Trial || trialEndsAtUtc is not { } endsUtc)
        {
            return null;
        }

        var zone = PracticeTime.Zone(timeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone));
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(endsUtc, zone));
        return Math.Max(0, lastDay.DayNumber - today.DayNumber);
    }

    /// <summary>The instant a trial that runs through <paramref name="lastDay"/> ends: the practice-local midnight after it.</summary>
    public static DateTime EndsAtUtc(DateOnly lastDay, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeToUtc(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), PracticeTime.Zone(timeZoneId));

    /// <summary>The last practice-local day a trial ending at <paramref name="endsAtUtc"/> runs through.</summary>
    public static DateOnly LastDay(DateTime endsAtUtc, string? timeZoneId) =>
        DateOnly.FromDateTime(PracticeTime.ToLocal(endsAtUtc, timeZoneId).AddTicks(-1));
}
