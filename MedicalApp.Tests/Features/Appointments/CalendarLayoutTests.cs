using MedicalApp.Web.Features.Appointments;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>How calendar data becomes columns: shading outside hours and where the location is closed, free slots, and where a drop lands.</summary>
public sealed class CalendarLayoutTests
{
    private static readonly Guid Rao = Guid.NewGuid();
    private static readonly Guid Iyer = Guid.NewGuid();
    private static readonly Guid Clinic = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 3, 11);

    private static CalendarData Data(IReadOnlyList<CalendarOpening>? opening = null, IReadOnlyList<(Guid, DateOnly)>? leave = null) =>
        new([], new TimeOnly(9, 0), new TimeOnly(18, 0),
            [new DoctorChoice(Iyer, Guid.NewGuid(), "Dr Iyer", 30, [Clinic]), new DoctorChoice(Rao, Guid.NewGuid(), "Dr Rao", 30, [Clinic])],
            leave ?? [], Day)
        {
            Hours =
            [
                new CalendarHours(Rao, Clinic, Day, new TimeOnly(9, 0), new TimeOnly(13, 0)),
                new CalendarHours(Rao, Clinic, Day, new TimeOnly(14, 0), new TimeOnly(17, 0)),
            ],
            Opening = opening,
            Slots =
            [
                new CalendarSlot(Rao, Clinic, Day, new TimeOnly(10, 0), new TimeOnly(10, 30), true),
                new CalendarSlot(Rao, Clinic, Day, new TimeOnly(10, 30), new TimeOnly(11, 0), false),
            ],
        };

    [Fact]
    public void A_location_day_has_a_column_per_doctor_shaded_outside_their_hours_with_their_free_slots()
    {
        var columns = CalendarLayout.Build(Data(), CalendarMode.Location, Clinic, CalendarView.Day, Day, Day.ToDateTime(new TimeOnly(8, 0)));

        Assert.Equal(["Dr Iyer", "Dr Rao"], columns.Select(c => c.Title));
        var rao = columns[1];
        Assert.Equal("09:00–13:00, 14:00–17:00", rao.Subtitle);
        // The lunch break (13:00–14:00) and after 17:00, in pixels at 1.6 a minute from 09:00.
        Assert.Equal([(240 * 1.6, 60 * 1.6), (480 * 1.6, 60 * 1.6)], rao.Bands.Select(b => (b.Top, b.Height)));
        Assert.All(rao.Bands, b => Assert.False(b.LocationClosed));
        Assert.Equal([new TimeOnly(10, 0)], rao.FreeSlots.Select(s => s.Slot.Start));
        // No hours at all: the whole day is shaded; a drop still has targets (every row), for the service to judge.
        Assert.Equal("No hours", columns[0].Subtitle);
        Assert.Equal((0d, 540 * 1.6), (columns[0].Bands.Single().Top, columns[0].Bands.Single().Height));
        Assert.Equal(18, columns[0].Targets.Count);
    }

    [Fact]
    public void Structured_opening_hours_shade_the_closed_part_of_the_day_and_a_day_without_them_is_closed()
    {
        var open = Data([new CalendarOpening(Clinic, Day, new TimeOnly(9, 0), new TimeOnly(16, 0))]);
        var closedAllDay = Data([]);

        var rao = CalendarLayout.Build(open, CalendarMode.Location, Clinic, CalendarView.Day, Day, Day.ToDateTime(new TimeOnly(8, 0)))[1];
        var closed = CalendarLayout.Build(closedAllDay, CalendarMode.Location, Clinic, CalendarView.Day, Day, Day.ToDateTime(new TimeOnly(8, 0)))[1];

        Assert.Equal((420 * 1.6, 120 * 1.6), rao.Bands.Where(b => b.LocationClosed).Select(b => (b.Top, b.Height)).Single());
        Assert.Equal((0d, 540 * 1.6), closed.Bands.Where(b => b.LocationClosed).Select(b => (b.Top, b.Height)).Single());
    }

    [Fact]
    public void A_drop_lands_on_the_slot_under_the_blocks_top_or_the_last_one_before_it()
    {
        var rao = CalendarLayout.Build(Data(), CalendarMode.Location, Clinic, CalendarView.Day, Day, Day.ToDateTime(new TimeOnly(8, 0)))[1];

        Assert.Equal(new TimeOnly(10, 30), CalendarLayout.TargetAt(rao, new TimeOnly(9, 0), 95)!.Start);
        Assert.Equal(new TimeOnly(10, 30), CalendarLayout.TargetAt(rao, new TimeOnly(9, 0), 300)!.Start);
        Assert.Equal(new TimeOnly(10, 0), CalendarLayout.TargetAt(rao, new TimeOnly(9, 0), 10)!.Start);
    }

    [Fact]
    public void A_week_starts_on_monday_and_a_month_on_its_first_day()
    {
        Assert.Equal(new DateOnly(2026, 3, 9), CalendarLayout.FirstDay(CalendarView.Week, Day));
        Assert.Equal(new DateOnly(2026, 3, 1), CalendarLayout.FirstDay(CalendarView.Month, Day));
        Assert.Equal(31, CalendarLayout.DayCount(CalendarView.Month, Day));
    }
}
