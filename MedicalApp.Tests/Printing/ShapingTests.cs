using MedicalApp.Printing.Shaping;
using SkiaSharp;

namespace MedicalApp.Tests.Printing;

/// <summary>Font choice per run of characters, shaping, and the hb-subset entry points reached by P/Invoke.</summary>
public sealed class ShapingTests
{
    private static readonly FontLibrary Fonts = FontLibrary.Shared;

    private static List<(string Text, FontKey Font)> Runs(string text, bool bold = false) =>
        [.. FontFallback.Itemize(Fonts, text, bold).Select(r => (text.Substring(r.Start, r.Length), r.Face.Key))];

    [Fact]
    public void Each_script_gets_its_font_and_neutral_characters_stay_in_the_run_they_are_in()
    {
        Assert.Equal(
            [("Advice: ", FontKey.Sans), ("खूब पानी पिएँ। ", FontKey.Devanagari), ("தண்ணீர் 2 (", FontKey.Tamil), ("x)", FontKey.Sans)],
            Runs("Advice: खूब पानी पिएँ। தண்ணீர் 2 (x)"));
    }

    [Fact]
    public void Neutral_characters_at_the_start_join_the_run_that_follows()
    {
        Assert.Equal([("1. राजेश", FontKey.Devanagari)], Runs("1. राजेश"));
        Assert.Equal([("— ", FontKey.Sans)], Runs("— "));
    }

    [Fact]
    public void A_neutral_character_the_current_font_lacks_goes_to_a_font_that_has_it()
    {
        // Noto Sans Tamil has no bullet (U+2022); Noto Sans has no danda (U+0964).
        Assert.Equal([("தண்ணீர் ", FontKey.Tamil), ("•", FontKey.Sans)], Runs("தண்ணீர் •"));
        Assert.Equal([("Rest ", FontKey.Sans), ("।", FontKey.Devanagari)], Runs("Rest ।"));
    }

    [Fact]
    public void Bold_text_takes_the_bold_font_of_each_script()
    {
        Assert.Equal([("Rx ", FontKey.SansBold), ("राजेश ", FontKey.DevanagariBold), ("லட்சுமி", FontKey.TamilBold)], Runs("Rx राजेश லட்சுமி", bold: true));
    }

    [Fact]
    public void Devanagari_is_shaped_into_conjuncts_with_the_i_matra_before_them()
    {
        using var shaper = new TextShaper(Fonts);

        var run = shaper.Shape("क्लि", Fonts[FontKey.Devanagari], 10);

        // Four characters (क ् ल ि): the conjunct क्ल and the i-matra drawn first, all in one cluster of the text.
        Assert.True(run.Glyphs.Length < 4, $"{run.Glyphs.Length} glyphs");
        Assert.All(run.Clusters, cluster => Assert.Equal(0u, cluster));
        Assert.Equal("क्लि"u8.ToArray(), run.Utf8);
        Assert.True(run.Width > 0);
    }

    [Fact]
    public void A_font_is_cut_down_to_the_glyphs_a_document_uses_and_keeps_their_ids()
    {
        var face = Fonts[FontKey.Sans];
        using var shaper = new TextShaper(Fonts);
        var run = shaper.Shape("PARACETAMOL 650 mg", face, 10);

        using var subset = FontSubsetter.Subset(face, run.Glyphs, "PARACETAMOL 650 mg".EnumerateRunes().Select(r => r.Value));

        Assert.InRange(subset.Size, 1_000, face.FileSize / 20);
        using var typeface = SKTypeface.FromData(subset);
        Assert.NotNull(typeface);
        // Glyph ids retained: the subset maps the characters to the same glyphs as the whole font.
        Assert.Equal(face.Typeface.GetGlyphs("PARACETAMOL"), typeface.GetGlyphs("PARACETAMOL"));
        // Characters the document does not use are gone.
        Assert.Equal(0, typeface.GetGlyphs("z")[0]);
        Assert.NotEqual(0, face.Typeface.GetGlyphs("z")[0]);
    }

    [Fact]
    public void Every_bundled_font_is_embedded_loads_and_covers_its_script()
    {
        Assert.Equal(Enum.GetValues<FontKey>().Length, Fonts.All.Count);
        Assert.All(Fonts.All, face => Assert.True(face.FileSize > 50_000, face.FileName));
        Assert.True(Fonts[FontKey.Sans].HasCharacter('₹'));
        Assert.True(Fonts[FontKey.Sans].HasCharacter('℞'));
        Assert.True(Fonts[FontKey.DevanagariBold].HasCharacter('क'));
        Assert.True(Fonts[FontKey.TamilBold].HasCharacter('த'));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "MedicalApp.Printing", "Fonts", "OFL.txt")), "The fonts' licence is kept beside them.");
    }
}
