using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MudBlazor.Services;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>The month view: every day of the month is a link to that day's view, named by the day and its counts.</summary>
public sealed class CalendarMonthTests : IAsyncDisposable
{
    private static readonly Guid Doctor = Guid.NewGuid();
    private readonly BunitContext context = new();

    public CalendarMonthTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    private static string Name(AngleSharp.Dom.IElement link) =>
        System.Text.RegularExpressions.Regex.Replace(link.TextContent, @"\s+", " ").Trim();

    [Fact]
    public void Each_day_links_to_its_day_view_and_is_named_by_its_weekday_date_and_counts()
    {
        var tuesday = new DateOnly(2026, 12, 8);
        var visits = Enumerable.Range(0, 3).Select(i => CalendarLayoutTests.Row(Doctor, "Dr Iyer", tuesday, new TimeOnly(9 + i, 0)))
            .Select((row, i) => i == 0 ? row with { Status = AppointmentStatus.Arrived } : row)
            .ToList();
        var data = new CalendarData(visits, new TimeOnly(9, 0), new TimeOnly(18, 0), [], [], tuesday);

        var month = context.Render<CalendarMonth>(p => p
            .Add(c => c.Data, data)
            .Add(c => c.First, new DateOnly(2026, 12, 1))
            .Add(c => c.DayHref, d => $"appointments/calendar?view=day&date={d:yyyy-MM-dd}"));

        var days = month.FindAll("a[data-testid=month-day]");
        Assert.Equal(31, days.Count);
        var eighth = month.Find("a[data-date='2026-12-08']");
        Assert.Equal("appointments/calendar?view=day&date=2026-12-08", eighth.GetAttribute("href"));
        // Named by its own text (no aria-label, so what the day shows is its name, WCAG 2.5.3), with the weekday and
        // month and commas only a screen reader gets.
        Assert.Null(eighth.GetAttribute("aria-label"));
        Assert.Equal("Tuesday 8 December: 3 appointments, 2 scheduled, 1 arrived", Name(eighth));
        Assert.Equal("Wednesday 9 December: No appointments", Name(month.Find("a[data-date='2026-12-09']")));
        Assert.Equal(["Tuesday ", " December: "], eighth.QuerySelectorAll(".visually-hidden").Select(e => e.TextContent));
        Assert.Equal([", ", ", "], eighth.QuerySelectorAll(".cal-month-sep").Select(e => e.TextContent));
    }
}
