using System.Globalization;

namespace MedicalApp.Web.Features.Appointments;

public enum CalendarView
{
    Day,
    Week,
    Month,
}

/// <summary>
/// An appointment placed in its column: pixels from the top, height, and where across the column it sits as fractions
/// of the column's width (<see cref="Left"/>, <see cref="Width"/>): its doctor's lane in a location's week, shared with
/// overlapping blocks.
/// </summary>
public sealed record PlacedBlock(AppointmentRow Row, double Top, double Height, double Left, double Width);

/// <summary>A free slot drawn as a "book here" button; across the column like <see cref="PlacedBlock"/> (its doctor's lane).</summary>
public sealed record PlacedSlot(CalendarSlot Slot, double Top, double Height, double Left = 0, double Width = 1);

/// <summary>A doctor's lane in a day column of a location's week: the name, and the initials shown above the lane.</summary>
public sealed record CalendarLane(Guid DoctorId, string Name, string Initials);

/// <summary>A shaded stretch of a column: outside the doctor's hours (a break, before or after), or the location closed.</summary>
public sealed record PlacedBand(double Top, double Height, bool LocationClosed);

/// <summary>
/// One column of the grid: a doctor on a day (a location's day view) or a day (a doctor's views, a location's week).
/// <see cref="DoctorId"/> is null when the column has several doctors: a block moved there keeps its doctor.
/// <see cref="Targets"/> are the times a moved block can land on (the doctor's slots, else every row).
/// <see cref="Lanes"/> splits a location's week day into one lane per doctor (empty otherwise: the column is one doctor's).
/// </summary>
public sealed record CalendarColumn(
    int Index,
    string Title,
    string? Subtitle,
    DateOnly Date,
    Guid? DoctorId,
    bool IsToday,
    bool OnLeave,
    double? NowOffset,
    IReadOnlyList<PlacedBlock> Blocks,
    IReadOnlyList<PlacedSlot> FreeSlots,
    IReadOnlyList<PlacedBand> Bands,
    IReadOnlyList<CalendarSlot> Targets)
{
    public IReadOnlyList<CalendarLane> Lanes { get; init; } = [];
}

/// <summary>
/// Turns calendar data into columns with pixel positions. Pure (no services), so the page only draws; the minutes of
/// the day are signed doubles, because TimeOnly subtraction wraps around midnight.
/// </summary>
public static class CalendarLayout
{
    public const int RowMinutes = 30;
    public const double PixelsPerMinute = 1.6;

    /// <summary>A block is at least this tall so its time and patient stay readable; focus or hover shows the rest.</summary>
    public const double MinBlockHeight = 22;

    public static DateOnly FirstDay(CalendarView view, DateOnly date) => view switch
    {
        CalendarView.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        CalendarView.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };

    public static int DayCount(CalendarView view, DateOnly date) => view switch
    {
        CalendarView.Week => 7,
        CalendarView.Month => DateTime.DaysInMonth(date.Year, date.Month),
        _ => 1,
    };

    public static double Minutes(TimeOnly from, TimeOnly to) => (to.ToTimeSpan() - from.ToTimeSpan()).TotalMinutes;

    public static double Height(CalendarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Minutes(data.DayStart, data.DayEnd) * PixelsPerMinute;
    }

    public static IReadOnlyList<CalendarColumn> Build(CalendarData data, CalendarMode mode, Guid selectedId, CalendarView view, DateOnly date, DateTime nowLocal)
    {
        ArgumentNullException.ThrowIfNull(data);
        var from = FirstDay(view, date);
        var columns = new List<CalendarColumn>();
        if (view == CalendarView.Day && mode == CalendarMode.Location)
        {
            foreach (var doctor in data.Doctors)
            {
                var hours = data.Hours.Where(h => h.DoctorId == doctor.Id && h.Date == from).ToList();
                columns.Add(Column(data, columns.Count, doctor.Name, HoursText(hours), from, doctor.Id, data.Leave.Contains((doctor.Id, from)), nowLocal,
                    data.Appointments.Where(a => a.DoctorId == doctor.Id && a.Date == from), hours,
                    data.Slots.Where(s => s.DoctorId == doctor.Id && s.Date == from)));
            }

            return columns;
        }

        var weekLanes = mode == CalendarMode.Location ? WeekLanes(data) : [];
        for (var i = 0; i < DayCount(view, date); i++)
        {
            var day = from.AddDays(i);
            var title = day.ToString("ddd d MMM", CultureInfo.InvariantCulture);
            if (mode == CalendarMode.Doctor)
            {
                var hours = data.Hours.Where(h => h.Date == day).ToList();
                columns.Add(Column(data, i, title, HoursText(hours), day, selectedId, data.Leave.Contains((selectedId, day)), nowLocal,
                    data.Appointments.Where(a => a.Date == day), hours, data.Slots.Where(s => s.Date == day)));
            }
            else
            {
                // Several doctors share the day: each has a lane with their own free slots and appointments, so a
                // "book here" slot knows its doctor. A moved block keeps its doctor and lands on the day's rows.
                columns.Add(Column(data, i, title, null, day, null, false, nowLocal,
                    data.Appointments.Where(a => a.Date == day), data.Hours.Where(h => h.Date == day).ToList(),
                    data.Slots.Where(s => s.Date == day), weekLanes) with { Lanes = weekLanes });
            }
        }

        return columns;
    }

    /// <summary>
    /// A location's week: a lane for each doctor with hours there that week or an appointment shown, the same lanes
    /// every day (a doctor is found at the same place across the week).
    /// </summary>
    public static IReadOnlyList<CalendarLane> WeekLanes(CalendarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doctors = data.Doctors
            .Where(d => data.Hours.Any(h => h.DoctorId == d.Id) || data.Appointments.Any(a => a.DoctorId == d.Id))
            .ToList();
        var initials = doctors.Select(d => Initials(d.Name)).ToList();
        // Initials that two doctors share would not tell the lanes apart: those doctors show their first name instead.
        return doctors.Select((d, i) => new CalendarLane(d.Id, d.Name,
            initials.Count(x => x == initials[i]) > 1 ? FirstName(d.Name) : initials[i])).ToList();
    }

    /// <summary>"Asha Raman" → "AR"; a title such as "Dr" is not part of it.</summary>
    public static string Initials(string name) =>
        string.Concat(Words(name).Select(w => char.ToUpperInvariant(w[0])));

    private static string FirstName(string name) => Words(name).FirstOrDefault() ?? name;

    private static IEnumerable<string> Words(string name) =>
        (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => !w.TrimEnd('.').Equals("Dr", StringComparison.OrdinalIgnoreCase));

    /// <summary>"09:00–13:00, 14:00–17:00", or "No hours".</summary>
    public static string HoursText(IEnumerable<CalendarHours> hours) =>
        Merge(hours.Select(h => (h.Start, h.End))) is { Count: > 0 } merged
            ? string.Join(", ", merged.Select(r => $"{SlotRules.FormatTime(r.Start)}–{SlotRules.FormatTime(r.End)}"))
            : "No hours";

    /// <summary>The target a moved block lands on nearest to <paramref name="minutes"/> after the day's start (a drop's position).</summary>
    public static CalendarSlot? TargetAt(CalendarColumn column, TimeOnly dayStart, double minutes)
    {
        ArgumentNullException.ThrowIfNull(column);
        var targets = column.Targets;
        return targets.FirstOrDefault(t => Minutes(dayStart, t.Start) <= minutes && minutes < Minutes(dayStart, t.End))
            ?? targets.LastOrDefault(t => Minutes(dayStart, t.Start) <= minutes)
            ?? targets.FirstOrDefault();
    }

    /// <param name="lanes">A location's week: the doctors' lanes (their slots and blocks are placed in them, and a
    /// moved block lands on the day's rows, since the slots are several doctors'); empty: the column is one doctor's.</param>
    private static CalendarColumn Column(
        CalendarData data, int index, string title, string? subtitle, DateOnly day, Guid? doctorId, bool onLeave, DateTime nowLocal,
        IEnumerable<AppointmentRow> rows, IReadOnlyList<CalendarHours> hours, IEnumerable<CalendarSlot> slots, IReadOnlyList<CalendarLane>? lanes = null)
    {
        lanes ??= [];
        var daySlots = slots.ToList();
        var minutes = Minutes(data.DayStart, data.DayEnd);
        var nowMinutes = Minutes(data.DayStart, TimeOnly.FromDateTime(nowLocal));
        double? now = DateOnly.FromDateTime(nowLocal) == day && nowMinutes >= 0 && nowMinutes <= minutes ? nowMinutes * PixelsPerMinute : null;
        var targets = daySlots.Count > 0 && lanes.Count == 0
            ? daySlots
            : Enumerable.Range(0, (int)(minutes / RowMinutes))
                .Select(i => data.DayStart.AddMinutes(i * RowMinutes))
                .Select(t => new CalendarSlot(doctorId ?? Guid.Empty, Guid.Empty, day, t, t.AddMinutes(RowMinutes), false))
                .ToList();

        var rowList = rows.ToList();
        var blocks = lanes.Count == 0
            ? Place(data, rowList, 0, 1)
            : lanes.SelectMany((lane, i) => Place(data, rowList.Where(r => r.DoctorId == lane.DoctorId), (double)i / lanes.Count, 1d / lanes.Count)).ToList();
        var free = daySlots.Where(s => s.Free).Select(s => (Slot: s, Lane: LaneOf(lanes, s.DoctorId))).Where(s => s.Lane >= 0)
            .Select(s => new PlacedSlot(s.Slot, Minutes(data.DayStart, s.Slot.Start) * PixelsPerMinute, Minutes(s.Slot.Start, s.Slot.End) * PixelsPerMinute,
                lanes.Count == 0 ? 0 : (double)s.Lane / lanes.Count, lanes.Count == 0 ? 1 : 1d / lanes.Count))
            .ToList();
        return new CalendarColumn(index, title, subtitle, day, doctorId, day == data.Today, onLeave, now, blocks, free, Bands(data, day, hours), targets);
    }

    /// <summary>The lane of a doctor's slot; 0 when the column has no lanes, -1 for a doctor without one.</summary>
    private static int LaneOf(IReadOnlyList<CalendarLane> lanes, Guid doctorId) =>
        lanes.Count == 0 ? 0 : lanes.Select((l, i) => (l, i)).FirstOrDefault(x => x.l.DoctorId == doctorId, (null!, -1)).Item2;

    /// <summary>Shaded stretches: outside the hours (all day on leave or with no hours), and where the location is closed.</summary>
    private static List<PlacedBand> Bands(CalendarData data, DateOnly day, IReadOnlyList<CalendarHours> hours)
    {
        var bands = Complement(data, Merge(hours.Select(h => (h.Start, h.End))), locationClosed: false);
        if (data.Opening is { } opening)
        {
            bands.AddRange(Complement(data, Merge(opening.Where(o => o.Date == day).Select(o => (o.Opens, o.Closes))), locationClosed: true));
        }

        return bands;
    }

    private static List<PlacedBand> Complement(CalendarData data, List<(TimeOnly Start, TimeOnly End)> open, bool locationClosed)
    {
        var bands = new List<PlacedBand>();
        var cursor = 0d;
        var end = Minutes(data.DayStart, data.DayEnd);
        foreach (var (start, stop) in open)
        {
            var from = Math.Clamp(Minutes(data.DayStart, start), 0, end);
            if (from > cursor)
            {
                bands.Add(new PlacedBand(cursor * PixelsPerMinute, (from - cursor) * PixelsPerMinute, locationClosed));
            }

            cursor = Math.Max(cursor, Math.Clamp(Minutes(data.DayStart, stop), 0, end));
        }

        if (cursor < end)
        {
            bands.Add(new PlacedBand(cursor * PixelsPerMinute, (end - cursor) * PixelsPerMinute, locationClosed));
        }

        return bands;
    }

    private static List<(TimeOnly Start, TimeOnly End)> Merge(IEnumerable<(TimeOnly Start, TimeOnly End)> ranges)
    {
        var merged = new List<(TimeOnly Start, TimeOnly End)>();
        foreach (var range in ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, range.End > merged[^1].End ? range.End : merged[^1].End);
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>
    /// Positions blocks by time within the stretch of the column from <paramref name="left"/>, <paramref name="width"/>
    /// wide (fractions of the column); overlapping ones (a location's doctors at the same time) share it in lanes.
    /// </summary>
    private static List<PlacedBlock> Place(CalendarData calendar, IEnumerable<AppointmentRow> rows, double left, double width)
    {
        var placed = new List<PlacedBlock>();
        var cluster = new List<(AppointmentRow Row, int Lane)>();
        var laneEnds = new List<DateTime>();
        var clusterEnd = DateTime.MinValue;
        var dayMinutes = Minutes(calendar.DayStart, calendar.DayEnd);

        void Flush()
        {
            var lanes = Math.Max(1, laneEnds.Count);
            foreach (var (row, lane) in cluster)
            {
                var top = Math.Max(0, Minutes(calendar.DayStart, TimeOnly.FromDateTime(row.LocalStart)));
                var end = row.Date == DateOnly.FromDateTime(row.LocalEnd)
                    ? Math.Min(Minutes(calendar.DayStart, TimeOnly.FromDateTime(row.LocalEnd)), dayMinutes)
                    : dayMinutes;
                placed.Add(new PlacedBlock(row, top * PixelsPerMinute, Math.Max(MinBlockHeight, ((end - top) * PixelsPerMinute) - 2),
                    left + (lane * width / lanes), width / lanes));
            }

            cluster.Clear();
            laneEnds.Clear();
        }

        foreach (var row in rows.OrderBy(r => r.LocalStart).ThenBy(r => r.DoctorName, StringComparer.CurrentCulture))
        {
            if (cluster.Count > 0 && row.LocalStart >= clusterEnd)
            {
                Flush();
            }

            var lane = laneEnds.FindIndex(end => end <= row.LocalStart);
            if (lane < 0)
            {
                laneEnds.Add(row.LocalEnd);
                lane = laneEnds.Count - 1;
            }
            else
            {
                laneEnds[lane] = row.LocalEnd;
            }

            cluster.Add((row, lane));
            clusterEnd = cluster.Count == 1 ? row.LocalEnd : (row.LocalEnd > clusterEnd ? row.LocalEnd : clusterEnd);
        }

        Flush();
        return placed;
    }
}
