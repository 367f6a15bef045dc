namespace MedicalApp.Web.Features.Appointments;

/// <summary>A focusable thing in the calendar grid, a free slot or an appointment block, where it is drawn.</summary>
public sealed record CalendarCell(string Key, int Column, double Top, double Left);

/// <summary>
/// The grid is one Tab stop (a roving tabindex): the cell whose key is active has tabindex 0, every other -1, and the
/// arrow keys move between cells the way they are drawn. Up and Down go to the previous or next cell in the column
/// (by time, then left to right across a location's doctor lanes), Left and Right to the nearest cell in time in the
/// next column that has any, Home and End to the column's first and last, Ctrl+Home and Ctrl+End to the grid's.
/// Pure: the page writes each cell's moves into it (<see cref="KeyMap"/>) and its script follows them in the browser,
/// so an arrow key moves the focus at once, without a round trip to the server per key.
/// </summary>
public static class CalendarRovingFocus
{
    /// <summary>The keys of <see cref="KeyMap"/>, in its order (Ctrl+Home and Ctrl+End are the first and last cell).</summary>
    public static IReadOnlyList<string> NavigationKeys { get; } = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"];

    /// <summary>
    /// For each cell, where each of <see cref="NavigationKeys"/> goes, as positions in <paramref name="cells"/>
    /// separated by spaces ("up down left right home end").
    /// </summary>
    public static IReadOnlyDictionary<string, string> KeyMap(IReadOnlyList<CalendarCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var position = cells.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        return cells.ToDictionary(c => c.Key, c => string.Join(' ', NavigationKeys.Select(key => position[Next(cells, c.Key, key)!])));
    }

    public static string SlotKey(CalendarSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return $"slot-{slot.DoctorId:N}-{slot.LocationId:N}-{slot.Date:yyyyMMdd}-{slot.Start:HHmm}";
    }

    public static string BlockKey(Guid appointmentId) => $"appt-{appointmentId:N}";

    /// <summary>Every cell in reading order: column by column, each from the top (then left to right).</summary>
    public static IReadOnlyList<CalendarCell> Cells(IReadOnlyList<CalendarColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns
            .SelectMany(c => c.FreeSlots.Select(s => new CalendarCell(SlotKey(s.Slot), c.Index, s.Top, s.Left))
                .Concat(c.Blocks.Select(b => new CalendarCell(BlockKey(b.Row.Id), c.Index, b.Top, b.Left))))
            .OrderBy(c => c.Column).ThenBy(c => c.Top).ThenBy(c => c.Left)
            .ToList();
    }

    /// <summary>
    /// The cell that holds the Tab stop: the one active before when it is still drawn (after a reload or a move),
    /// else the first of today's column, else the first of the grid; null for an empty grid.
    /// </summary>
    public static string? Resolve(IReadOnlyList<CalendarCell> cells, IReadOnlyList<CalendarColumn> columns, string? active)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(columns);
        if (active is not null && cells.Any(c => c.Key == active))
        {
            return active;
        }

        var today = columns.FirstOrDefault(c => c.IsToday)?.Index;
        return (cells.FirstOrDefault(c => c.Column == today) ?? cells.FirstOrDefault())?.Key;
    }

    /// <summary>
    /// The cell a key moves to from <paramref name="current"/>: itself at an edge; null when the key is not one of
    /// the grid's (the cell handles it: Enter books or opens, M moves).
    /// </summary>
    public static string? Next(IReadOnlyList<CalendarCell> cells, string current, string key, bool ctrl = false)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var index = cells.ToList().FindIndex(c => c.Key == current);
        if (index < 0)
        {
            return null;
        }

        var cell = cells[index];
        var column = cells.Where(c => c.Column == cell.Column).ToList();
        var position = column.FindIndex(c => c.Key == current);
        return key switch
        {
            "ArrowUp" => column[Math.Max(0, position - 1)].Key,
            "ArrowDown" => column[Math.Min(column.Count - 1, position + 1)].Key,
            "ArrowLeft" => Beside(cells, cell, -1).Key,
            "ArrowRight" => Beside(cells, cell, 1).Key,
            "Home" => (ctrl ? cells[0] : column[0]).Key,
            "End" => (ctrl ? cells[^1] : column[^1]).Key,
            _ => null,
        };
    }

    /// <summary>In the nearest column that way with any cell, the one nearest in time (then across); itself when there is none.</summary>
    private static CalendarCell Beside(IReadOnlyList<CalendarCell> cells, CalendarCell cell, int direction)
    {
        var candidates = cells.Where(c => direction < 0 ? c.Column < cell.Column : c.Column > cell.Column).ToList();
        if (candidates.Count == 0)
        {
            return cell;
        }

        var column = direction < 0 ? candidates.Max(c => c.Column) : candidates.Min(c => c.Column);
        return candidates.Where(c => c.Column == column)
            .OrderBy(c => Math.Abs(c.Top - cell.Top)).ThenBy(c => Math.Abs(c.Left - cell.Left)).ThenBy(c => c.Top)
            .First();
    }
}
