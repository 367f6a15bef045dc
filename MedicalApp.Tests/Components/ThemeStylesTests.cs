using Bunit;
using MedicalApp.Web.Components.Layout;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using MudBlazor.Services;

namespace MedicalApp.Tests.Components;

/// <summary>
/// The theme's styles in the page's head (<c>App.razor</c>): the light variables for every device, the dark ones only
/// inside <c>@media (prefers-color-scheme: dark)</c>. Were the dark block not wrapped, it would follow the light one
/// and turn every page dark on every device.
/// </summary>
public sealed class ThemeStylesTests
{
    private const string DarkMedia = "(prefers-color-scheme: dark)";

    [Fact]
    public async Task The_light_variables_apply_everywhere_and_the_dark_ones_only_under_the_media_query()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();

        var light = context.Render<SharedCssThemeProvider>(p => p
            .Add(t => t.Theme, MedicalTheme.Theme).Add(t => t.ObserveSystemDarkModeChange, false)).Markup;
        var dark = context.Render<SharedCssThemeProvider>(p => p
            .Add(t => t.Theme, MedicalTheme.Theme).Add(t => t.IsDarkMode, true)
            .Add(t => t.ObserveSystemDarkModeChange, false).Add(t => t.Media, DarkMedia)).Markup;

        Assert.Contains($"--mud-palette-surface: {MedicalTheme.Light.Surface}", light, StringComparison.Ordinal);
        Assert.DoesNotContain("@media", light, StringComparison.Ordinal);

        var media = dark.IndexOf($"@media {DarkMedia} {{", StringComparison.Ordinal);
        var darkSurface = dark.IndexOf($"--mud-palette-surface: {MedicalTheme.Dark.Surface}", StringComparison.Ordinal);
        Assert.True(media >= 0, dark);
        Assert.True(darkSurface > media, "the dark surface is inside the media query");
        Assert.Equal(1, CountOf(dark, "<style"));
        Assert.EndsWith("}</style>", dark.TrimEnd(), StringComparison.Ordinal);
        // Nothing watches the device's appearance from the server: the media query does.
        Assert.DoesNotContain(context.JSInterop.Invocations, i => i.Identifier.Contains("watchDarkMode", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(MedicalApp.Web.Features.Home.Home), true)]                                   // the router's default layout
    [InlineData(typeof(MedicalApp.Web.Components.Account.Pages.Manage.EnableAuthenticator), true)]  // My profile, inside the shell
    [InlineData(typeof(MedicalApp.Web.Components.Account.Pages.Login), false)]                      // the sign-in page's own look
    [InlineData(typeof(MedicalApp.Web.Components.Pages.PracticeSuspended), false)]
    public void The_theme_goes_to_pages_in_the_apps_shell_only(Type page, bool themed)
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new ComponentTypeMetadata(page)), page.Name));

        Assert.Equal(themed, AppShellPages.Draws(context));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
