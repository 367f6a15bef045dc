using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Plans;

/// <summary>
/// A trial's days, counted in the practice's own calendar: a trial "runs through" its last day and ends at the
/// practice-local midnight after it, whatever the server's zone.
/// </summary>
public static class TrialPeriod
{
    /// <summary>
    /// The days the trial still runs, a begun day counted whole: 1 through the day it ends (until the moment it ends),
    /// 0 once it has ended; null when the practice is not on a trial. Counted on the practice's wall clock, so a trial
    /// ending at the practice's midnight (extended through a day) and one ending mid-day (30 days after registering)
    /// count alike: "3 days left" means it ends within the next three days.
    /// </summary>
    public static int? DaysLeft(PracticePlan plan, DateTime? trialEndsAtUtc, string? timeZoneId, DateTime utcNow)
    {
        if (plan != PracticePlan.Trial || trialEndsAtUtc is not { } endsUtc)
        {
            return null;
        }

        if (utcNow >= endsUtc)
        {
            return 0;
        }

        var remaining = PracticeTime.ToLocal(endsUtc, timeZoneId) - PracticeTime.ToLocal(utcNow, timeZoneId);
        // At least 1 while it runs, also across a daylight-saving change that makes the wall-clock difference shorter.
        return Math.Max(1, (int)Math.Ceiling(remaining.TotalDays));
    }

    /// <summary>The instant a trial that runs through <paramref name="lastDay"/> ends: the practice-local midnight after it.</summary>
    public static DateTime EndsAtUtc(DateOnly lastDay, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeToUtc(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), PracticeTime.Zone(timeZoneId));

    /// <summary>The last practice-local day a trial ending at <paramref name="endsAtUtc"/> runs through.</summary>
    public static DateOnly LastDay(DateTime endsAtUtc, string? timeZoneId) =>
        DateOnly.FromDateTime(PracticeTime.ToLocal(endsAtUtc, timeZoneId).AddTicks(-1));
}
