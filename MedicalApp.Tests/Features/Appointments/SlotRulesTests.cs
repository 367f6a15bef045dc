using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Tenancy;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>How a doctor's day is cut into slots: pure rules, no database.</summary>
public sealed class SlotRulesTests
{
    private static readonly TimeZoneInfo Chennai = PracticeTime.Zone("Asia/Kolkata");
    private static readonly DateOnly Day = new(2026, 3, 11);
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static LocalRange Range(int fromHour, int fromMinute, int toHour, int toMinute) => new(new(fromHour, fromMinute), new(toHour, toMinute));

    private static List<string> Starts(IEnumerable<AppointmentSlot> slots) => slots.Select(s => s.StartText).ToList();

    private static IReadOnlyList<AppointmentSlot> Free(IEnumerable<LocalRange> ranges, int minutes = 30, bool onLeave = false, DateTime? nowUtc = null, params BusyRange[] busy) =>
        SlotRules.FreeSlots(Day, ranges, minutes, onLeave, Chennai, nowUtc ?? LongAgo, busy);

    private static DateTime Utc(int hour, int minute) => AppointmentFixture.Utc(Day, hour, minute);

    [Fact]
    public void A_morning_of_four_hours_gives_eight_half_hour_slots_ending_with_the_range()
    {
        var slots = Free([Range(9, 0, 13, 0)]);

        Assert.Equal(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30"], Starts(slots));
        Assert.Equal(new TimeOnly(13, 0), slots[^1].End);
    }

    [Fact]
    public void Two_ranges_in_a_day_give_the_slots_of_both_in_time_order_whatever_order_they_come_in()
    {
        var slots = Free([Range(17, 0, 18, 0), Range(9, 0, 10, 0)]);

        Assert.Equal(["09:00", "09:30", "17:00", "17:30"], Starts(slots));
    }

    [Theory]
    [InlineData(15, new[] { "09:00", "09:15", "09:30", "09:45" })]
    [InlineData(20, new[] { "09:00", "09:20", "09:40" })]
    [InlineData(30, new[] { "09:00", "09:30" })]
    [InlineData(45, new[] { "09:00" })]
    public void The_consultation_length_sizes_the_slots(int minutes, string[] expected)
    {
        var slots = Free([Range(9, 0, 10, 0)], minutes);

        Assert.Equal(expected, Starts(slots));
        Assert.All(slots, s => Assert.Equal(minutes, (s.End - s.Start).TotalMinutes));
    }

    [Fact]
    public void A_partial_last_slot_is_dropped_so_no_slot_runs_past_the_range()
    {
        var slots = Free([Range(9, 0, 10, 50)], minutes: 20);

        Assert.Equal(["09:00", "09:20", "09:40", "10:00", "10:20"], Starts(slots));
        Assert.All(slots, s => Assert.True(s.End <= new TimeOnly(10, 50)));
    }

    [Fact]
    public void A_range_shorter_than_one_consultation_gives_nothing()
    {
        Assert.Empty(Free([Range(9, 0, 9, 40)], minutes: 45));
    }

    [Fact]
    public void A_leave_day_has_no_slots_at_all()
    {
        Assert.Empty(Free([Range(9, 0, 13, 0)], onLeave: true));
    }

    [Fact]
    public void Slots_that_have_started_are_gone_and_one_starting_right_now_is_kept()
    {
        Assert.Equal(["10:30", "11:00", "11:30", "12:00", "12:30"], Starts(Free([Range(9, 0, 13, 0)], nowUtc: Utc(10, 10))));
        Assert.Equal(["10:30", "11:00", "11:30", "12:00", "12:30"], Starts(Free([Range(9, 0, 13, 0)], nowUtc: Utc(10, 30))));
    }

    [Fact]
    public void A_busy_time_takes_every_slot_it_overlaps_and_touching_is_not_overlapping()
    {
        var slots = Free([Range(9, 0, 12, 0)], 30, false, null,
            new BusyRange(Utc(10, 15), Utc(10, 45)),
            new BusyRange(Utc(11, 0), Utc(11, 30)));

        Assert.Equal(["09:00", "09:30", "11:30"], Starts(slots));
    }

    [Fact]
    public void Slots_carry_local_times_and_the_same_instants_in_utc()
    {
        var slot = Free([Range(9, 0, 9, 30)]).Single();

        Assert.Equal(Day, slot.Date);
        Assert.Equal(new TimeOnly(9, 0), slot.Start);
        Assert.Equal(new TimeOnly(9, 30), slot.End);
        Assert.Equal(new DateTime(2026, 3, 11, 3, 30, 0, DateTimeKind.Utc), slot.StartsAtUtc);
        Assert.Equal(new DateTime(2026, 3, 11, 4, 0, 0, DateTimeKind.Utc), slot.EndsAtUtc);
        Assert.Equal("Wed 11 Mar 09:00", slot.Describe());
    }

    [Fact]
    public void Overlapping_ranges_do_not_offer_the_same_start_twice()
    {
        Assert.Equal(["09:00", "09:30", "10:00"], Starts(Free([Range(9, 0, 10, 0), Range(9, 30, 10, 30)])));
    }

    [Fact]
    public void A_range_ending_at_the_last_minute_of_the_day_does_not_wrap_around_midnight()
    {
        var slots = Free([Range(23, 0, 23, 59)], minutes: 30);

        Assert.Equal(["23:00"], Starts(slots));
    }

    [Fact]
    public void A_walk_in_without_a_free_slot_queues_after_the_last_busy_time_and_never_in_the_past()
    {
        var now = Utc(9, 42);

        Assert.Equal(Utc(9, 45), WalkInQueueService.QueuePosition(now, []));
        Assert.Equal(Utc(13, 0), WalkInQueueService.QueuePosition(now, [new BusyRange(Utc(12, 30), Utc(13, 0)), new BusyRange(Utc(9, 0), Utc(9, 30))]));
        Assert.Equal(Utc(9, 45), WalkInQueueService.QueuePosition(now, [new BusyRange(Utc(9, 0), Utc(9, 30))]));
        Assert.Equal(Utc(13, 10), WalkInQueueService.QueuePosition(now, [new BusyRange(Utc(12, 50), Utc(13, 7))]));
    }
}
