using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>
/// The trial's days left and the paid period, in the practice's own calendar (Chennai, IST = UTC+5:30): a trial's last
/// day counts 1 alike whether it ends at the practice's midnight (extended through a day) or mid-day (30 days after
/// registering), and a trial is never "0 days left" while it still runs; a move onto a paid plan starts one paid month
/// only when none is running, whoever makes it.
/// </summary>
public sealed class PlanPeriodTests
{
    private const string Chennai = "Asia/Kolkata";

    private static DateTime Ist(int month, int day, int hour, int minute = 0) => new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-5.5);

    private static int? DaysLeft(DateTime endsUtc, DateTime nowUtc) => TrialPeriod.DaysLeft(PracticePlan.Trial, endsUtc, Chennai, nowUtc);

    [Fact]
    public void A_trial_ending_at_midnight_counts_today_and_each_day_through_its_last()
    {
        var throughDecember28 = TrialPeriod.EndsAtUtc(new DateOnly(2026, 12, 28), Chennai);

        Assert.Equal(3, DaysLeft(throughDecember28, Ist(12, 26, 10)));
        Assert.Equal(1, DaysLeft(throughDecember28, Ist(12, 28, 0)));
        Assert.Equal(1, DaysLeft(throughDecember28, Ist(12, 28, 23, 59)));
        Assert.Equal(0, DaysLeft(throughDecember28, Ist(12, 29, 0)));
    }

    [Fact]
    public void A_trial_ending_mid_day_has_a_day_left_on_its_last_morning_and_none_once_it_ended()
    {
        var endsAtTen = Ist(12, 28, 10);

        Assert.Equal(30, DaysLeft(endsAtTen, endsAtTen.AddDays(-30))); // registered 30 days before, at the same time
        Assert.Equal(3, DaysLeft(endsAtTen, Ist(12, 25, 12)));
        Assert.Equal(1, DaysLeft(endsAtTen, Ist(12, 28, 9))); // was 0, read as "the trial has ended", while it still ran
        Assert.Equal(0, DaysLeft(endsAtTen, endsAtTen));
        Assert.Equal(0, DaysLeft(endsAtTen, Ist(12, 30, 9)));
    }

    [Fact]
    public void The_last_day_counts_one_for_both_kinds_of_end()
    {
        var atMidnight = TrialPeriod.EndsAtUtc(new DateOnly(2026, 12, 28), Chennai);
        var midDay = Ist(12, 28, 15);

        Assert.Equal(DaysLeft(atMidnight, Ist(12, 28, 11)), DaysLeft(midDay, Ist(12, 28, 11)));
        Assert.Null(TrialPeriod.DaysLeft(PracticePlan.Basic, atMidnight, Chennai, Ist(12, 28, 11)));
    }

    [Fact]
    public void A_move_onto_a_paid_plan_starts_a_month_only_when_no_paid_period_runs()
    {
        var now = Ist(11, 20, 12);
        var fromTrial = new Practice { Plan = PracticePlan.Basic, TimeZoneId = Chennai };
        var running = new Practice { Plan = PracticePlan.Premium, TimeZoneId = Chennai, PaidUntilUtc = now.AddDays(3) };
        var lapsed = new Practice { Plan = PracticePlan.Basic, TimeZoneId = Chennai, PaidUntilUtc = now.AddDays(-3) };

        Assert.True(PaidPeriod.StartIfNoneRuns(fromTrial, now));
        Assert.Equal(new DateOnly(2026, 12, 20), TrialPeriod.LastDay(fromTrial.PaidUntilUtc!.Value, Chennai));
        Assert.Equal("; paid through 20 Dec 2026", PaidPeriod.Described(true, fromTrial));
        Assert.False(PaidPeriod.StartIfNoneRuns(running, now));
        Assert.Equal(now.AddDays(3), running.PaidUntilUtc);
        Assert.Equal("", PaidPeriod.Described(false, running));
        Assert.True(PaidPeriod.StartIfNoneRuns(lapsed, now));
        Assert.Equal(fromTrial.PaidUntilUtc, lapsed.PaidUntilUtc);
        Assert.Throws<InvalidOperationException>(() => PaidPeriod.StartIfNoneRuns(new Practice { Plan = PracticePlan.Trial }, now));
    }
}
