using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Chart;
using MedicalApp.Web.Features.Dental.Teeth;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;
using ChartComponent = MedicalApp.Web.Features.Dental.Chart.DentalChart;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>
/// The chart component: the teeth each dentition draws, every tooth a labelled toggle button, selection by click (several
/// at once) and by keyboard (arrow keys move the one tab stop, Space and Enter select).
/// </summary>
public sealed class DentalChartComponentTests : IAsyncDisposable
{
    private readonly BunitContext context = new();
    private IReadOnlyList<int> selected = [];

    public DentalChartComponentTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    private IRenderedComponent<ChartComponent> Render(Dentition dentition, IReadOnlyDictionary<int, ToothSummary>? teeth = null) =>
        context.Render<ChartComponent>(p => p
            .Add(c => c.Dentition, dentition)
            .Add(c => c.Teeth, teeth ?? new Dictionary<int, ToothSummary>())
            .Add(c => c.Selected, selected)
            .Add(c => c.SelectedChanged, (IReadOnlyList<int> teeth) => selected = teeth));

    private static List<int> TeethDrawn(IRenderedComponent<ChartComponent> chart) =>
        [.. chart.FindAll("[data-tooth]").Select(t => int.Parse(t.GetAttribute("data-tooth")!, System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData(Dentition.Permanent, 32)]
    [InlineData(Dentition.Primary, 20)]
    [InlineData(Dentition.Mixed, 52)]
    public void Each_dentition_draws_its_teeth_in_the_patients_view_order(Dentition dentition, int count)
    {
        var chart = Render(dentition);

        var drawn = TeethDrawn(chart);
        Assert.Equal(count, drawn.Count);
        Assert.Equal(FdiTeeth.RowsOf(dentition).SelectMany(r => r.Teeth), drawn);
        Assert.Equal(dentition != Dentition.Permanent, drawn.Contains(55));
        Assert.Equal(dentition != Dentition.Primary, drawn.Contains(48));
    }

    [Fact]
    public void Every_tooth_is_a_named_toggle_button_with_one_tab_stop_and_five_surfaces()
    {
        var teeth = new Dictionary<int, ToothSummary> { [16] = new(16, ToothState.Issue, [DentalCondition.Caries], ToothSurfaces.OcclusalIncisal) };
        var chart = Render(Dentition.Permanent, teeth);

        var buttons = chart.FindAll("[data-tooth]");
        Assert.All(buttons, b =>
        {
            Assert.Equal("button", b.GetAttribute("role"));
            Assert.Equal("false", b.GetAttribute("aria-pressed"));
            Assert.StartsWith(b.GetAttribute("data-tooth") + " ", b.GetAttribute("aria-label"), StringComparison.Ordinal);
            Assert.Equal(5, b.QuerySelectorAll("polygon").Length);
        });
        Assert.Single(buttons, b => b.GetAttribute("tabindex") == "0");
        Assert.Equal("16 upper right first molar, caries — issue", chart.Find("[data-tooth='16']").GetAttribute("aria-label"));
        Assert.Equal("26 upper left first molar — normal", chart.Find("[data-tooth='26']").GetAttribute("aria-label"));
        // The legend names every state in words, so none relies on colour alone.
        var legend = chart.Find(".dental-legend").TextContent;
        Assert.All(Enum.GetValues<ToothState>(), s => Assert.Contains(ToothStates.Label(s), legend, StringComparison.Ordinal));
    }

    [Fact]
    public void A_click_selects_a_tooth_and_another_click_adds_one()
    {
        var chart = Render(Dentition.Permanent);

        chart.Find("[data-tooth='26']").Click();
        Assert.Equal([26], selected);
        chart.Render(p => p.Add(c => c.Selected, selected));
        chart.Find("[data-tooth='16']").Click();
        Assert.Equal([16, 26], selected);
        chart.Render(p => p.Add(c => c.Selected, selected));
        Assert.Equal("true", chart.Find("[data-tooth='16']").GetAttribute("aria-pressed"));

        // A second click takes it off again.
        chart.Find("[data-tooth='26']").Click();
        Assert.Equal([16], selected);
    }

    [Fact]
    public void Arrow_keys_move_the_tab_stop_and_space_or_enter_select()
    {
        var chart = Render(Dentition.Permanent);
        Assert.Equal("0", chart.Find("[data-tooth='18']").GetAttribute("tabindex"));

        chart.Find("[data-tooth='18']").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        chart.Find("[data-tooth='17']").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Equal("0", chart.Find("[data-tooth='16']").GetAttribute("tabindex"));
        Assert.Equal("-1", chart.Find("[data-tooth='18']").GetAttribute("tabindex"));
        chart.Find("[data-tooth='16']").KeyDown(new KeyboardEventArgs { Key = " " });
        Assert.Equal([16], selected);
        chart.Render(p => p.Add(c => c.Selected, selected));

        // Down moves to the opposing tooth; End to the end of the row; Enter selects too.
        chart.Find("[data-tooth='16']").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Equal("0", chart.Find("[data-tooth='46']").GetAttribute("tabindex"));
        chart.Find("[data-tooth='46']").KeyDown(new KeyboardEventArgs { Key = "End" });
        chart.Find("[data-tooth='38']").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        chart.Find("[data-tooth='28']").KeyDown(new KeyboardEventArgs { Key = "ArrowLeft" });
        chart.Find("[data-tooth='27']").KeyDown(new KeyboardEventArgs { Key = "ArrowLeft" });
        chart.Find("[data-tooth='26']").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal([16, 26], selected);
    }
}
