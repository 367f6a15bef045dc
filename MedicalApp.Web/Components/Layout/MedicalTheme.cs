using MudBlazor;

namespace MedicalApp.Web.Components.Layout;

/// <summary>The app's colours and type: calm clinical blue, the system font stack (no web fonts offline).</summary>
public static class MedicalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#1565c0",
            Background = "#f5f7fa",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
