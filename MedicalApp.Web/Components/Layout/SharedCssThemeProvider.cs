using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace MedicalApp.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, rendering the same markup, for the page's head (<c>App.razor</c>). With
/// <see cref="Media"/> it renders only the theme's variables, inside that media query: the head has the light theme,
/// and the dark one under <c>(prefers-color-scheme: dark)</c>, so the browser follows the device's appearance by
/// itself, from the first response on, without JavaScript. Rendered with the page instead of in the layout: a circuit
/// keeps every component of the layout for its life, and MudThemeProvider's are heavy (a ~24 KB CSS text built on each
/// render, a default MudTheme of its own, and JavaScript interop to watch the appearance): issue 9 measured them
/// (<c>MedicalApp.Benchmarks circuits</c>). The texts are shared, one copy each, whoever renders them.
/// </summary>
public sealed class SharedCssThemeProvider : MudThemeProvider
{
    // A few entries at most: the scrollbar, chart and theme styles, light and dark. The bound is a guard only.
    private const int MaxShared = 16;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    /// <summary>A CSS media query (e.g. <c>(prefers-color-scheme: dark)</c>) the theme's variables apply under.</summary>
    [Parameter]
    public string? Media { get; set; }

    // BL0006: the frames are only read (type, sequence, markup text), and anything unexpected falls back to MudBlazor's
    // own rendering. ASP0006: the sequence numbers are MudBlazor's own, copied unchanged, so diffing works as before.
#pragma warning disable BL0006, ASP0006
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // MudBlazor's own rendering into a scratch tree, then copied with each markup text replaced by its shared copy.
        // Anything other than markup (a later MudBlazor version) is rendered as MudBlazor renders it, unchanged.
        using var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                base.BuildRenderTree(builder);
                return;
            }
        }

        for (var i = 0; i < frames.Count; i++)
        {
            var markup = frames.Array[i].MarkupContent;
            if (Media is null)
            {
                builder.AddMarkupContent(frames.Array[i].Sequence, ShareOf(markup));
            }
            else if (markup.Contains("--mud-palette-", StringComparison.Ordinal))
            {
                // Only the variables: the scrollbar and chart styles are the light provider's already.
                builder.AddMarkupContent(frames.Array[i].Sequence, ShareOf(UnderMedia(markup, Media)));
            }
        }
    }
#pragma warning restore BL0006, ASP0006

    // The style element's content inside the media query; its opening tag may carry attributes (MudBlazor's has a class).
    private static string UnderMedia(string markup, string media)
    {
        var open = markup.IndexOf("<style", StringComparison.Ordinal);
        var contentStart = open < 0 ? -1 : markup.IndexOf('>', open) + 1;
        var close = markup.LastIndexOf("</style>", StringComparison.Ordinal);
        if (contentStart <= 0 || close < contentStart)
        {
            // Not one style element: nothing is rendered rather than the variables applying to every appearance.
            return "";
        }

        return markup[..contentStart] + $"@media {media} {{" + markup[contentStart..close] + "}" + markup[close..];
    }

    private static string ShareOf(string markup) =>
        Shared.TryGetValue(markup, out var shared) ? shared
        : Shared.Count < MaxShared ? Shared.GetOrAdd(markup, markup)
        : markup;
}
