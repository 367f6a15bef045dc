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
    /// Days until the trial ends, counted in the practice's calendar from today to the day it ends; 0 once it has ended;
    /// null when the practice is not on a trial. A trial that ends during its last day (30 days after registering, at
    /// the time of day it began) counts that day as 1 until the moment it ends, as a trial ending at the practice's
    /// midnight (extended through a day) does on its last day: before, the first kind said 0 ("the trial has ended")
    /// through its whole last morning.
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

        var today = DateOnly.FromDateTime(PracticeTime.ToLocal(utcNow, timeZoneId));
        var endDay = DateOnly.FromDateTime(PracticeTime.ToLocal(endsUtc, timeZoneId));
        return Math.Max(1, endDay.DayNumber - today.DayNumber);
    }

    /// <summary>The instant a trial that runs through <paramref name="lastDay"/> ends: the practice-local midnight after it.</summary>
    public static DateTime EndsAtUtc(DateOnly lastDay, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeToUtc(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), PracticeTime.Zone(timeZoneId));

    /// <summary>The last practice-local day a trial ending at <paramref name="endsAtUtc"/> runs through.</summary>
    public static DateOnly LastDay(DateTime endsAtUtc, string? timeZoneId) =>
        DateOnly.FromDateTime(PracticeTime.ToLocal(endsAtUtc, timeZoneId).AddTicks(-1));
}
