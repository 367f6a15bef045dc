using MedicalApp.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace MedicalApp.Tests.Components;

/// <summary>
/// Every colour of both palettes against what it is drawn on, as MudBlazor draws it: text colours on the page and on
/// cards, each theme colour as text (text and outlined variants) and as a fill under its contrast text (filled buttons,
/// chips, alerts). WCAG 2.2 AA asks 4.5:1 for text.
/// </summary>
public sealed class MedicalThemeTests
{
    private const double TextContrast = 4.5;

    public static TheoryData<string> Palettes { get; } = ["light", "dark"];

    [Theory]
    [MemberData(nameof(Palettes))]
    public void Every_colour_reads_at_least_4_5_to_1_where_it_is_drawn(string which)
    {
        Palette palette = which == "light" ? MedicalTheme.Light : MedicalTheme.Dark;
        var surfaces = new[] { ("background", palette.Background), ("surface", palette.Surface) };
        var failures = new List<string>();

        void Check(string pair, MudColor foreground, MudColor background)
        {
            var ratio = Contrast(foreground, background);
            if (ratio < TextContrast)
            {
                failures.Add($"{pair}: {ratio:0.00}:1");
            }
        }

        foreach (var (name, surface) in surfaces)
        {
            Check($"text primary on {name}", palette.TextPrimary, surface);
            Check($"text secondary on {name}", palette.TextSecondary, surface);
        }

        Check("appbar text on appbar", palette.AppbarText, palette.AppbarBackground);
        Check("drawer text on drawer", palette.DrawerText, palette.DrawerBackground);
        foreach (var (name, colour, contrastText) in ThemeColours(palette))
        {
            Check($"{name} contrast text on {name}", contrastText, colour);
            foreach (var (surfaceName, surface) in surfaces)
            {
                Check($"{name} on {surfaceName}", colour, surface);
            }
        }

        Assert.True(failures.Count == 0, $"{which} palette: " + string.Join("; ", failures));
    }

    [Fact]
    public void The_check_itself_catches_a_colour_that_fails()
    {
        // MudBlazor's own warning orange on white, the colour axe-core reported.
        Assert.True(Contrast(new MudColor("#ff9800"), new MudColor("#ffffff")) < TextContrast);
        Assert.Equal(21, Contrast(new MudColor("#000000"), new MudColor("#ffffff")), 1);
    }

    private static IEnumerable<(string Name, MudColor Colour, MudColor ContrastText)> ThemeColours(Palette p) =>
    [
        ("primary", p.Primary, p.PrimaryContrastText),
        ("secondary", p.Secondary, p.SecondaryContrastText),
        ("tertiary", p.Tertiary, p.TertiaryContrastText),
        ("info", p.Info, p.InfoContrastText),
        ("success", p.Success, p.SuccessContrastText),
        ("warning", p.Warning, p.WarningContrastText),
        ("error", p.Error, p.ErrorContrastText),
        ("dark", p.Dark, p.DarkContrastText),
    ];

    /// <summary>WCAG's contrast ratio; a translucent foreground is first laid over its background, as the browser does.</summary>
    private static double Contrast(MudColor foreground, MudColor background)
    {
        var alpha = foreground.A / 255.0;
        double Over(byte f, byte b) => (f * alpha) + (b * (1 - alpha));
        var fg = (Over(foreground.R, background.R), Over(foreground.G, background.G), Over(foreground.B, background.B));
        var l1 = Luminance(fg);
        var l2 = Luminance((background.R, background.G, background.B));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double value)
        {
            var s = value / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }
}
