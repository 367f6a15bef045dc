using MudBlazor;
using MudBlazor.Services;

namespace MedicalApp.Web.Components.Layout;

/// <summary>
/// The app's colours and type: calm clinical blue, the system font stack (no web fonts offline). Every palette colour
/// meets WCAG AA (4.5:1) the ways MudBlazor uses it: as text on the page and on cards, and as a fill under its
/// contrast text (filled buttons and chips). MudBlazor's defaults do not (info 3.1:1, success 2.2:1, warning 2.2:1 on
/// white). <c>MedicalThemeTests</c> computes every pair, so a later colour change cannot quietly regress.
/// </summary>
public static class MedicalTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "sans-serif"];

    public static PaletteLight Light { get; } = new()
    {
        Primary = "#1565c0",
        Secondary = "#00695c",
        Tertiary = "#6a1b9a",
        Info = "#01579b",
        Success = "#2e7d32",
        Warning = "#b45309",
        Error = "#c62828",
        Dark = "#424242",
        AppbarBackground = "#1565c0",
        AppbarText = "#ffffff",
        Background = "#f5f7fa",
        Surface = "#ffffff",
        DrawerBackground = "#ffffff",
        DrawerText = "#212121",
        TextPrimary = "#212121",
        // MudBlazor's rgba(0,0,0,.54) reads 4.48:1 on the page background: just short of AA.
        TextSecondary = "rgba(0,0,0,0.62)",
    };

    /// <summary>
    /// The dark variant (used when the device asks for a dark appearance): light tints of the same hues on near-black
    /// surfaces, with dark text on the filled colours.
    /// </summary>
    public static PaletteDark Dark { get; } = new()
    {
        Primary = "#90caf9",
        PrimaryContrastText = "#121212",
        Secondary = "#80cbc4",
        SecondaryContrastText = "#121212",
        Tertiary = "#ce93d8",
        TertiaryContrastText = "#121212",
        Info = "#81d4fa",
        InfoContrastText = "#121212",
        Success = "#a5d6a7",
        SuccessContrastText = "#121212",
        Warning = "#ffcc80",
        WarningContrastText = "#121212",
        Error = "#ef9a9a",
        ErrorContrastText = "#121212",
        Dark = "#e0e0e0",
        DarkContrastText = "#121212",
        AppbarBackground = "#1e1e1e",
        AppbarText = "#ffffff",
        Background = "#121212",
        Surface = "#1e1e1e",
        DrawerBackground = "#1e1e1e",
        DrawerText = "rgba(255,255,255,0.87)",
        TextPrimary = "rgba(255,255,255,0.87)",
        TextSecondary = "rgba(255,255,255,0.70)",
    };

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = Light,
        PaletteDark = Dark,
        Typography = new Typography { Default = new DefaultTypography { FontFamily = SystemFonts } },
    };

    /// <summary>
    /// MudBlazor's services as the theme needs them: snackbars fully opaque (MudBlazor's default of 95 % lets the page
    /// show through and takes white-on-green under 4.5:1) and quick to appear.
    /// </summary>
    public static void ConfigureServices(MudServicesConfiguration services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.SnackbarConfiguration.MaximumOpacity = 100;
        services.SnackbarConfiguration.ShowTransitionDuration = 200;
    }
}
