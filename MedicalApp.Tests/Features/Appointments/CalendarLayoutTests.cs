using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// How calendar data becomes columns: shading outside hours and where the location is closed, free slots (in a
/// location's week, each doctor's in their own lane), and where a drop lands.
/// </summary>
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

    [Fact]
    public void A_location_week_gives_each_doctor_with_hours_or_visits_a_lane_with_their_own_free_slots_and_blocks()
    {
        var nair = Guid.NewGuid();
        var iyerVisit = Row(Iyer, "Dr Iyer", Day, new TimeOnly(11, 0));
        var data = Data() with { Appointments = [iyerVisit] };
        data = data with
        {
            Doctors = [.. data.Doctors, new DoctorChoice(nair, Guid.NewGuid(), "Dr Nair", 30, [Clinic])],
            Slots = [.. data.Slots, new CalendarSlot(Iyer, Clinic, Day.AddDays(1), new TimeOnly(9, 0), new TimeOnly(9, 30), true)],
        };

        var week = CalendarLayout.Build(data, CalendarMode.Location, Clinic, CalendarView.Week, Day, Day.ToDateTime(new TimeOnly(8, 0)));

        Assert.Equal(7, week.Count);
        // Iyer has a visit, Rao has hours; Nair has neither this week and gets no lane.
        Assert.All(week, c => Assert.Equal(["Dr Iyer", "Dr Rao"], c.Lanes.Select(l => l.Name)));
        Assert.Equal(["I", "R"], week[0].Lanes.Select(l => l.Initials));
        var wednesday = week[2];
        Assert.Equal(Day, wednesday.Date);
        Assert.Null(wednesday.DoctorId);
        var free = Assert.Single(wednesday.FreeSlots);
        Assert.Equal((Rao, new TimeOnly(10, 0)), (free.Slot.DoctorId, free.Slot.Start));
        Assert.Equal((0.5, 0.5), (free.Left, free.Width));
        var block = Assert.Single(wednesday.Blocks);
        Assert.Equal((0d, 0.5), (block.Left, block.Width));
        Assert.Equal((0d, 0.5), (week[3].FreeSlots.Single().Left, week[3].FreeSlots.Single().Width));
        // A block moved within the week keeps its doctor, so it lands on the day's rows, not on one doctor's slots.
        Assert.Equal(18, wednesday.Targets.Count);
        Assert.All(wednesday.Targets, t => Assert.Equal(Guid.Empty, t.DoctorId));
    }

    [Fact]
    public void A_doctors_and_a_location_days_columns_have_no_lanes_and_blocks_that_overlap_share_the_width()
    {
        var data = Data() with
        {
            Appointments = [Row(Rao, "Dr Rao", Day, new TimeOnly(11, 0)), Row(Rao, "Dr Rao", Day, new TimeOnly(11, 15))],
        };

        var rao = CalendarLayout.Build(data, CalendarMode.Location, Clinic, CalendarView.Day, Day, Day.ToDateTime(new TimeOnly(8, 0)))[1];
        var week = CalendarLayout.Build(data, CalendarMode.Doctor, Rao, CalendarView.Week, Day, Day.ToDateTime(new TimeOnly(8, 0)));

        Assert.Empty(rao.Lanes);
        Assert.Equal([(0d, 0.5), (0.5, 0.5)], rao.Blocks.Select(b => (b.Left, b.Width)));
        Assert.Equal((0d, 1d), (rao.FreeSlots.Single().Left, rao.FreeSlots.Single().Width));
        Assert.All(week, c => Assert.Empty(c.Lanes));
    }

    [Theory]
    [InlineData("Asha Raman", "AR")]
    [InlineData("Dr. Vikram Iyer", "VI")]
    [InlineData("dr meena", "M")]
    public void A_lane_is_marked_with_the_doctors_initials_without_a_title(string name, string initials) =>
        Assert.Equal(initials, CalendarLayout.Initials(name));

    [Fact]
    public void Doctors_who_share_initials_are_told_apart_by_their_first_names()
    {
        var data = Data() with
        {
            Doctors = [new DoctorChoice(Iyer, Guid.NewGuid(), "Ravi Iyer", 30, [Clinic]), new DoctorChoice(Rao, Guid.NewGuid(), "Radha Iyer", 30, [Clinic])],
            Appointments = [Row(Iyer, "Ravi Iyer", Day, new TimeOnly(9, 0))],
        };

        Assert.Equal(["Ravi", "Radha"], CalendarLayout.WeekLanes(data).Select(l => l.Initials));
    }

    internal static AppointmentRow Row(Guid doctorId, string doctorName, DateOnly day, TimeOnly start, int minutes = 30) =>
        new(Guid.NewGuid(), $"APT-{day:yyyyMMdd}-{start:HHmm}", Guid.NewGuid(), "A Patient", "9840000000", doctorId, doctorName, Clinic, "Clinic",
            day.ToDateTime(start), day.ToDateTime(start.AddMinutes(minutes)), day.ToDateTime(start), AppointmentStatus.Scheduled, false, null);
}
