using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Plans;

/// <summary>
/// How far a practice on a paid plan has paid (<see cref="Practice.PaidUntilUtc"/>), one rule for every move onto a paid
/// plan, whoever makes it (the owner on the plan page, the platform team in the console): a move starts one paid month
/// when no paid period is running (the trial had none, or it lapsed); a running one is kept, by a move between paid
/// plans as by suspension, since payment is settled outside the application.
/// </summary>
public static class PaidPeriod
{
    /// <summary>
    /// Applies the rule to <paramref name="practice"/>, just moved to a paid plan at <paramref name="nowUtc"/>; true when it
    /// started a new paid period (the caller says so in the subscription history).
    /// </summary>
    public static bool StartIfNoneRuns(Practice practice, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(practice);
        if (practice.Plan == PracticePlan.Trial)
        {
            throw new InvalidOperationException("A paid period belongs to a paid plan, not to the trial.");
        }

        if (practice.PaidUntilUtc is { } paidUntil && paidUntil > nowUtc)
        {
            return false;
        }

        practice.PaidUntilUtc = FirstPeriodEnd(nowUtc, practice.TimeZoneId);
        return true;
    }

    /// <summary>
    /// The end of a first paid period starting at <paramref name="nowUtc"/>: one month (plans are priced per month),
    /// through the end of that day in the practice's calendar, so it reads as a whole last day.
    /// </summary>
    public static DateTime FirstPeriodEnd(DateTime nowUtc, string? timeZoneId)
    {
        var today = DateOnly.FromDateTime(PracticeTime.ToLocal(nowUtc, timeZoneId));
        return TrialPeriod.EndsAtUtc(today.AddMonths(1), timeZoneId);
    }

    /// <summary>"; paid through 10 Apr 2026" for a history line when a period started, else nothing.</summary>
    public static string Described(bool started, Practice practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return started && practice.PaidUntilUtc is { } paidUntil
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; paid through {TrialPeriod.LastDay(paidUntil, practice.TimeZoneId):dd MMM yyyy}")
            : "";
    }
}
