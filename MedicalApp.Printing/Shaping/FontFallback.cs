using System.Globalization;

namespace MedicalApp.Printing.Shaping;

/// <summary>The writing systems the bundled fonts cover; everything else is drawn with Noto Sans.</summary>
internal enum WritingScript
{
    Latin,
    Devanagari,
    Tamil,

    /// <summary>Spaces, punctuation, digits and symbols: used in every script, so they do not start a run of their own.</summary>
    Neutral,
}

/// <summary>A stretch of text drawn with one font: <see cref="Start"/> and <see cref="Length"/> in UTF-16 units.</summary>
internal readonly record struct FontRun(int Start, int Length, PrintFace Face);

/// <summary>
/// Chooses the font per run of characters: the Devanagari block (and its extensions) takes Noto Sans Devanagari, the
/// Tamil block Noto Sans Tamil, everything else Noto Sans. Neutral characters (spaces, punctuation, digits, symbols,
/// joiners) stay in the run they are in when its font has them, so "मात्रा: 2 बार" is one Devanagari run and HarfBuzz
/// sees whole words; at the start of a text they join the run that follows.
/// </summary>
internal static class FontFallback
{
    public static WritingScript Classify(int codepoint) => codepoint switch
    {
        // The dandas (।, ॥) are in the Devanagari block but punctuate other Indic scripts too.
        0x0964 or 0x0965 => WritingScript.Neutral,
        >= 0x0900 and <= 0x097F => WritingScript.Devanagari,
        >= 0xA8E0 and <= 0xA8FF => WritingScript.Devanagari,   // Devanagari Extended
        >= 0x1CD0 and <= 0x1CFF => WritingScript.Devanagari,   // Vedic Extensions
        >= 0x0B80 and <= 0x0BFF => WritingScript.Tamil,
        >= 0x11FC0 and <= 0x11FFF => WritingScript.Tamil,      // Tamil Supplement
        0x200B or 0x200C or 0x200D or 0x2060 or 0x25CC => WritingScript.Neutral,  // zero-width space, ZWNJ, ZWJ, word joiner, dotted circle
        _ => IsNeutralCategory(CharUnicodeInfo.GetUnicodeCategory(codepoint)) ? WritingScript.Neutral : WritingScript.Latin,
    };

    /// <summary>Splits <paramref name="text"/> into runs of one font each.</summary>
    /// <param name="current">The font of the text just before this one (the previous run of a paragraph), which neutral
    /// characters at the start keep when it has them.</param>
    public static List<FontRun> Itemize(FontLibrary fonts, string text, bool bold, PrintFace? current = null)
    {
        // First the strong characters and the neutral ones their run's font has; a neutral character with no run to
        // join (at the start, or after a font that lacks it) is decided afterwards by the run that follows it.
        var runes = new List<(int Index, int Length, int Codepoint, PrintFace? Face)>(text.Length);
        var previous = current;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var script = Classify(rune.Value);
            var face = script != WritingScript.Neutral ? fonts.For(script, bold)
                : previous is not null && previous.HasCharacter(rune.Value) ? previous
                : null;
            runes.Add((index, rune.Utf16SequenceLength, rune.Value, face));
            previous = face ?? previous;
            index += rune.Utf16SequenceLength;
        }

        PrintFace? following = null;
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            var (runeIndex, length, codepoint, face) = runes[i];
            if (face is null)
            {
                face = following is not null && following.HasCharacter(codepoint) ? following : fonts.Covering(codepoint, bold);
                runes[i] = (runeIndex, length, codepoint, face);
            }

            following = face;
        }

        var runs = new List<FontRun>();
        var runStart = 0;
        for (var i = 1; i <= runes.Count; i++)
        {
            if (i == runes.Count || !ReferenceEquals(runes[i].Face, runes[runStart].Face))
            {
                var first = runes[runStart];
                var end = runes[i - 1].Index + runes[i - 1].Length;
                runs.Add(new FontRun(first.Index, end - first.Index, first.Face!));
                runStart = i;
            }
        }

        return runs;
    }

    private static bool IsNeutralCategory(UnicodeCategory category) => category is
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or
        UnicodeCategory.Control or UnicodeCategory.Format or
        UnicodeCategory.DecimalDigitNumber or
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or
        UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or
        UnicodeCategory.OtherPunctuation or
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
}
