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
        Assert.Equal("Tuesday 8 December: 3 appointments, 2 scheduled, 1 arrived", eighth.GetAttribute("aria-label"));
        // What the day shows is part of its name (WCAG 2.5.3): its number, its count and each status.
        Assert.Contains("3 appointments", eighth.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 arrived", eighth.TextContent, StringComparison.Ordinal);
        Assert.Equal("Wednesday 9 December: No appointments", month.Find("a[data-date='2026-12-09']").GetAttribute("aria-label"));
    }
}
