using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace MedicalApp.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, rendering the same markup with one shared copy of its text. MudThemeProvider builds its
/// theme as a new ~24 KB CSS string on every render, and Blazor keeps a component's last two render trees for the
/// circuit's life: about 50 KB per signed-in circuit (a fifth of everything the template's circuit costs), although
/// every circuit of the app shows one of the same two texts (light or dark). Issue 9 measured it
/// (<c>MedicalApp.Benchmarks circuits</c>).
/// </summary>
public sealed class SharedCssThemeProvider : MudThemeProvider
{
    // A few entries at most: the scrollbar, chart and theme styles, light and dark. The bound is a guard only.
    private const int MaxShared = 16;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

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
            builder.AddMarkupContent(frames.Array[i].Sequence, ShareOf(frames.Array[i].MarkupContent));
        }
    }
#pragma warning restore BL0006, ASP0006

    private static string ShareOf(string markup) =>
        Shared.TryGetValue(markup, out var shared) ? shared
        : Shared.Count < MaxShared ? Shared.GetOrAdd(markup, markup)
        : markup;
}
