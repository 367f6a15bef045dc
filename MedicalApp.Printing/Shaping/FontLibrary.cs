using System.Reflection;
using HarfBuzzSharp;
using SkiaSharp;

namespace MedicalApp.Printing.Shaping;

/// <summary>The bundled fonts, one of each per style and script.</summary>
internal enum FontKey
{
    Sans,
    SansBold,
    Devanagari,
    DevanagariBold,
    Tamil,
    TamilBold,
}

/// <summary>
/// The fonts bundled in this assembly (Fonts/*.ttf, embedded), loaded once per process and shared by every document on
/// every thread: Skia typefaces for drawing previews and HarfBuzz faces for shaping and subsetting. Nothing here is
/// ever disposed: it lives as long as the process, like the assembly it comes from.
/// </summary>
internal sealed class FontLibrary
{
    private static readonly Lazy<FontLibrary> SharedInstance = new(() => new FontLibrary(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PrintFace[] faces;

    private FontLibrary()
    {
        faces =
        [
            Load(FontKey.Sans, "NotoSans-Regular.ttf"),
            Load(FontKey.SansBold, "NotoSans-Bold.ttf"),
            Load(FontKey.Devanagari, "NotoSansDevanagari-Regular.ttf"),
            Load(FontKey.DevanagariBold, "NotoSansDevanagari-Bold.ttf"),
            Load(FontKey.Tamil, "NotoSansTamil-Regular.ttf"),
            Load(FontKey.TamilBold, "NotoSansTamil-Bold.ttf"),
        ];
    }

    public static FontLibrary Shared => SharedInstance.Value;

    public IReadOnlyList<PrintFace> All => faces;

    public PrintFace this[FontKey key] => faces[(int)key];

    public PrintFace For(WritingScript script, bool bold) => this[script switch
    {
        WritingScript.Devanagari => bold ? FontKey.DevanagariBold : FontKey.Devanagari,
        WritingScript.Tamil => bold ? FontKey.TamilBold : FontKey.Tamil,
        _ => bold ? FontKey.SansBold : FontKey.Sans,
    }];

    /// <summary>Noto Sans when it has the character, else the first bundled font that does (a danda after Latin text).</summary>
    public PrintFace Covering(int codepoint, bool bold)
    {
        WritingScript[] order = [WritingScript.Latin, WritingScript.Devanagari, WritingScript.Tamil];
        return order.Select(script => For(script, bold)).FirstOrDefault(face => face.HasCharacter(codepoint)) ?? For(WritingScript.Latin, bold);
    }

    private static PrintFace Load(FontKey key, string fileName)
    {
        var resource = "MedicalApp.Printing.Fonts." + fileName;
        using var stream = typeof(FontLibrary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font {fileName} is not embedded in {typeof(FontLibrary).Assembly.GetName().Name} (resource {resource}).");
        return new PrintFace(key, fileName, stream);
    }
}

/// <summary>
/// One bundled font. Its bytes are copied once into Skia-owned memory, which both the Skia typeface and the HarfBuzz
/// blob read (HarfBuzz in read-only mode, without a copy of its own). The HarfBuzz font's scale is the font's units
/// per em, so shaped positions come out in font units and are scaled to the point size by whoever draws them.
/// </summary>
internal sealed class PrintFace
{
    private readonly SKData data;
    private readonly Blob blob;

    public PrintFace(FontKey key, string fileName, Stream content)
    {
        Key = key;
        FileName = fileName;
        data = SKData.Create(content) ?? throw new InvalidOperationException($"The font {fileName} could not be read.");
        Typeface = SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Skia could not load the font {fileName}.");
        blob = new Blob(data.Data, (int)data.Size, MemoryMode.ReadOnly);
        blob.MakeImmutable();
        Face = new Face(blob, 0);
        Face.MakeImmutable();
        UnitsPerEm = Face.UnitsPerEm;
        Font = new HarfBuzzSharp.Font(Face);
        Font.SetScale(UnitsPerEm, UnitsPerEm);
        if (!Font.TryGetHorizontalFontExtents(out var extents))
        {
            throw new InvalidOperationException($"The font {fileName} has no horizontal metrics.");
        }

        Ascender = (float)extents.Ascender / UnitsPerEm;
        Descender = -(float)extents.Descender / UnitsPerEm;
    }

    public FontKey Key { get; }

    public string FileName { get; }

    /// <summary>Size of the whole font program, to compare an embedded subset with.</summary>
    public long FileSize => data.Size;

    /// <summary>The whole font, for drawing raster previews (PDFs draw with a per-document subset instead).</summary>
    public SKTypeface Typeface { get; }

    /// <summary>The face hb-subset reads; immutable, so concurrent documents may subset it at the same time.</summary>
    public Face Face { get; }

    /// <summary>Shapes at a scale of one unit per font unit; HarfBuzz fonts are safe to shape with from any thread.</summary>
    public HarfBuzzSharp.Font Font { get; }

    public int UnitsPerEm { get; }

    /// <summary>Height above the baseline, in ems (from the font's horizontal metrics).</summary>
    public float Ascender { get; }

    /// <summary>Depth below the baseline, in ems, positive.</summary>
    public float Descender { get; }

    public bool HasCharacter(int codepoint) => Font.TryGetNominalGlyph(codepoint, out _);
}
