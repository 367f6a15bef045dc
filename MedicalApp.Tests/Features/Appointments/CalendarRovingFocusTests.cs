using MedicalApp.Web.Features.Appointments;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// The calendar grid's one Tab stop: which cell holds it, and where the arrow keys, Home and End move it. Two doctors
/// on a Wednesday at one location: Iyer has free 09:00 and 10:00 and a visit at 09:30; Rao has a visit at 10:00 and
/// free 11:00; a third column (no hours) has nothing to focus.
/// </summary>
public sealed class CalendarRovingFocusTests
{
    private static readonly Guid Iyer = Guid.NewGuid();
    private static readonly Guid Rao = Guid.NewGuid();
    private static readonly Guid Nair = Guid.NewGuid();
    private static readonly Guid Clinic = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 3, 11);
    private static readonly AppointmentRow IyerVisit = CalendarLayoutTests.Row(Iyer, "Dr Iyer", Day, new TimeOnly(9, 30));
    private static readonly AppointmentRow RaoVisit = CalendarLayoutTests.Row(Rao, "Dr Rao", Day, new TimeOnly(10, 0));

    private static IReadOnlyList<CalendarColumn> Columns(DateOnly? today = null) => CalendarLayout.Build(
        new CalendarData([IyerVisit, RaoVisit], new TimeOnly(9, 0), new TimeOnly(12, 0),
            [new DoctorChoice(Iyer, Guid.NewGuid(), "Dr Iyer", 30, [Clinic]), new DoctorChoice(Nair, Guid.NewGuid(), "Dr Nair", 30, [Clinic]),
             new DoctorChoice(Rao, Guid.NewGuid(), "Dr Rao", 30, [Clinic])],
            [], today ?? Day.AddDays(-1))
        {
            Slots =
            [
                Slot(Iyer, 9, 0, true), Slot(Iyer, 9, 30, false), Slot(Iyer, 10, 0, true),
                Slot(Rao, 10, 0, false), Slot(Rao, 11, 0, true),
            ],
        },
        CalendarMode.Location, Clinic, CalendarView.Day, Day, Day.AddDays(-1).ToDateTime(new TimeOnly(9, 0)));

    private static CalendarSlot Slot(Guid doctor, int hour, int minute, bool free) =>
        new(doctor, Clinic, Day, new TimeOnly(hour, minute), new TimeOnly(hour, minute).AddMinutes(30), free);

    private static string Free(Guid doctor, int hour, int minute = 0) => CalendarRovingFocus.SlotKey(Slot(doctor, hour, minute, true));

    private static string Visit(AppointmentRow row) => CalendarRovingFocus.BlockKey(row.Id);

    [Fact]
    public void Cells_are_the_free_slots_and_blocks_column_by_column_in_time_order()
    {
        var cells = CalendarRovingFocus.Cells(Columns());

        Assert.Equal([Free(Iyer, 9), Visit(IyerVisit), Free(Iyer, 10), Visit(RaoVisit), Free(Rao, 11)], cells.Select(c => c.Key));
        Assert.Equal([0, 0, 0, 2, 2], cells.Select(c => c.Column));
    }

    [Fact]
    public void The_tab_stop_stays_on_its_cell_else_goes_to_the_first_of_today_else_of_the_grid()
    {
        var columns = Columns();
        var cells = CalendarRovingFocus.Cells(columns);

        Assert.Equal(Visit(RaoVisit), CalendarRovingFocus.Resolve(cells, columns, Visit(RaoVisit)));
        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Resolve(cells, columns, "appt-gone"));
        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Resolve(cells, columns, null));
        Assert.Null(CalendarRovingFocus.Resolve([], [], null));
    }

    [Fact]
    public void A_week_that_holds_today_starts_on_todays_first_cell()
    {
        var columns = CalendarLayout.Build(
            new CalendarData([], new TimeOnly(9, 0), new TimeOnly(12, 0), [new DoctorChoice(Iyer, Guid.NewGuid(), "Dr Iyer", 30, [Clinic])], [], Day)
            {
                Slots = [Slot(Iyer, 9, 0, true), new CalendarSlot(Iyer, Clinic, Day.AddDays(-1), new TimeOnly(9, 0), new TimeOnly(9, 30), true)],
            },
            CalendarMode.Doctor, Iyer, CalendarView.Week, Day, Day.ToDateTime(new TimeOnly(8, 0)));

        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Resolve(CalendarRovingFocus.Cells(columns), columns, null));
    }

    [Fact]
    public void Up_and_down_walk_the_column_and_stop_at_its_ends()
    {
        var cells = CalendarRovingFocus.Cells(Columns());

        Assert.Equal(Visit(IyerVisit), CalendarRovingFocus.Next(cells, Free(Iyer, 9), "ArrowDown"));
        Assert.Equal(Free(Iyer, 10), CalendarRovingFocus.Next(cells, Visit(IyerVisit), "ArrowDown"));
        Assert.Equal(Free(Iyer, 10), CalendarRovingFocus.Next(cells, Free(Iyer, 10), "ArrowDown"));
        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Next(cells, Free(Iyer, 9), "ArrowUp"));
        Assert.Equal(Visit(RaoVisit), CalendarRovingFocus.Next(cells, Free(Rao, 11), "ArrowUp"));
    }

    [Fact]
    public void Left_and_right_skip_a_column_with_nothing_to_focus_and_land_on_the_nearest_time()
    {
        var cells = CalendarRovingFocus.Cells(Columns());

        // Iyer's 09:30 visit → past Nair's empty column → Rao's 10:00 visit (nearer than 11:00).
        Assert.Equal(Visit(RaoVisit), CalendarRovingFocus.Next(cells, Visit(IyerVisit), "ArrowRight"));
        Assert.Equal(Free(Rao, 11), CalendarRovingFocus.Next(cells, Free(Rao, 11), "ArrowRight"));
        Assert.Equal(Free(Iyer, 10), CalendarRovingFocus.Next(cells, Free(Rao, 11), "ArrowLeft"));
        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Next(cells, Free(Iyer, 9), "ArrowLeft"));
    }

    [Fact]
    public void Home_and_end_go_to_the_columns_ends_and_with_ctrl_to_the_grids()
    {
        var cells = CalendarRovingFocus.Cells(Columns());

        Assert.Equal(Free(Iyer, 10), CalendarRovingFocus.Next(cells, Free(Iyer, 9), "End"));
        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Next(cells, Free(Iyer, 10), "Home"));
        Assert.Equal(Free(Rao, 11), CalendarRovingFocus.Next(cells, Free(Iyer, 9), "End", ctrl: true));
        Assert.Equal(Free(Iyer, 9), CalendarRovingFocus.Next(cells, Free(Rao, 11), "Home", ctrl: true));
    }

    [Fact]
    public void Other_keys_and_unknown_cells_are_left_to_the_cell()
    {
        var cells = CalendarRovingFocus.Cells(Columns());

        Assert.Null(CalendarRovingFocus.Next(cells, Free(Iyer, 9), "Enter"));
        Assert.Null(CalendarRovingFocus.Next(cells, Visit(IyerVisit), "m"));
        Assert.Null(CalendarRovingFocus.Next(cells, "slot-gone", "ArrowDown"));
    }

    [Fact]
    public void In_a_location_week_the_lanes_of_a_day_are_read_left_to_right_at_the_same_time()
    {
        var data = new CalendarData([], new TimeOnly(9, 0), new TimeOnly(12, 0),
            [new DoctorChoice(Iyer, Guid.NewGuid(), "Dr Iyer", 30, [Clinic]), new DoctorChoice(Rao, Guid.NewGuid(), "Dr Rao", 30, [Clinic])], [], Day)
        {
            Hours = [new CalendarHours(Iyer, Clinic, Day, new TimeOnly(9, 0), new TimeOnly(12, 0)), new CalendarHours(Rao, Clinic, Day, new TimeOnly(9, 0), new TimeOnly(12, 0))],
            Slots = [Slot(Rao, 9, 0, true), Slot(Iyer, 9, 0, true), Slot(Iyer, 9, 30, true)],
        };
        var columns = CalendarLayout.Build(data, CalendarMode.Location, Clinic, CalendarView.Week, Day, Day.ToDateTime(new TimeOnly(8, 0)));
        var cells = CalendarRovingFocus.Cells(columns);

        Assert.Equal([Free(Iyer, 9), Free(Rao, 9), Free(Iyer, 9, 30)], cells.Select(c => c.Key));
        Assert.Equal(Free(Rao, 9), CalendarRovingFocus.Next(cells, Free(Iyer, 9), "ArrowDown"));
    }

    [Fact]
    public void The_key_map_written_into_each_cell_gives_the_positions_the_arrows_home_and_end_go_to()
    {
        var cells = CalendarRovingFocus.Cells(Columns());

        var map = CalendarRovingFocus.KeyMap(cells);

        // Positions: 0 Iyer 09:00, 1 Iyer's visit, 2 Iyer 10:00, 3 Rao's visit, 4 Rao 11:00; order up down left right home end.
        Assert.Equal(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"], CalendarRovingFocus.NavigationKeys);
        Assert.Equal("0 2 1 3 0 2", map[Visit(IyerVisit)]);
        Assert.Equal("3 4 2 4 3 4", map[Free(Rao, 11)]);
        Assert.Equal(cells.Count, map.Count);
    }
}
