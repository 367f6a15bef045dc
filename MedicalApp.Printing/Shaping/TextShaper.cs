using System.Text;
using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace MedicalApp.Printing.Shaping;

/// <summary>
/// Glyphs of one run of text in one font at one size, positioned from the run's origin on its baseline (points, y down),
/// with the run's UTF-8 text and each glyph's cluster (the byte offset of the text it shows). Drawing a run with its
/// text and clusters is what lets Skia write /ActualText, so reordered and conjunct Indic glyphs extract as the words.
/// </summary>
internal sealed class ShapedRun
{
    public required PrintFace Face { get; init; }

    public required float Size { get; init; }

    public required ushort[] Glyphs { get; init; }

    /// <summary>Glyph origins, x then y for each glyph, relative to the run's origin.</summary>
    public required float[] Positions { get; init; }

    public required uint[] Clusters { get; init; }

    public required byte[] Utf8 { get; init; }

    /// <summary>The advance of the whole run.</summary>
    public required float Width { get; init; }
}

/// <summary>
/// Shapes text with HarfBuzz. One per document: it owns the HarfBuzz buffer (buffers are not thread-safe; the fonts
/// are shared), so concurrent documents never share one. Dispose it with the document.
/// </summary>
internal sealed class TextShaper(FontLibrary fonts) : IDisposable
{
    // Set rather than left to HarfBuzz's default (the process's C locale), so shaping is the same on every machine.
    private static readonly Language English = new("en");
    private static readonly Language Hindi = new("hi");
    private static readonly Language Tamil = new("ta");

    private readonly Buffer buffer = new();

    public FontLibrary Fonts { get; } = fonts;

    public ShapedRun Shape(string text, PrintFace face, float size)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        buffer.ClearContents();
        buffer.AddUtf8(utf8);   // clusters are then byte offsets into utf8, as Skia's text runs want them
        buffer.Language = face.Key switch
        {
            FontKey.Devanagari or FontKey.DevanagariBold => Hindi,
            FontKey.Tamil or FontKey.TamilBold => Tamil,
            _ => English,
        };
        buffer.GuessSegmentProperties();
        face.Font.Shape(buffer);

        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var scale = size / face.UnitsPerEm;
        var glyphs = new ushort[infos.Length];
        var clusters = new uint[infos.Length];
        var points = new float[infos.Length * 2];
        var penX = 0;
        var penY = 0;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = infos[i].Cluster;
            points[2 * i] = (penX + positions[i].XOffset) * scale;
            points[(2 * i) + 1] = -(penY + positions[i].YOffset) * scale;   // HarfBuzz's y goes up, the page's down
            penX += positions[i].XAdvance;
            penY += positions[i].YAdvance;
        }

        return new ShapedRun { Face = face, Size = size, Glyphs = glyphs, Positions = points, Clusters = clusters, Utf8 = utf8, Width = penX * scale };
    }

    /// <summary>Shapes a text that may mix scripts: one run per font (see <see cref="FontFallback"/>).</summary>
    public List<ShapedRun> ShapeMixed(string text, bool bold, float size)
    {
        var runs = new List<ShapedRun>();
        foreach (var run in FontFallback.Itemize(Fonts, text, bold))
        {
            runs.Add(Shape(text.Substring(run.Start, run.Length), run.Face, size));
        }

        return runs;
    }

    public void Dispose() => buffer.Dispose();
}
