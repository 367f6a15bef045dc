using System.Globalization;
using System.Text;
using MedicalApp.Printing.Shaping;

namespace MedicalApp.Printing.Documents.Layout;

/// <summary>A shaped run placed on a line: <see cref="X"/> from the line's start.</summary>
internal sealed record PlacedRun(ShapedRun Run, Colour Colour, float X);

/// <summary>One line of a paragraph: its runs, its width (without trailing spaces), height and baseline from its top.</summary>
internal sealed record TextLine(IReadOnlyList<PlacedRun> Runs, float Width, float Height, float Baseline);

/// <summary>
/// Breaks a paragraph into lines by shaped width. The text is cut into words (a break may follow spaces, and a hyphen
/// or slash between letters or digits); each word is shaped per font run (see <see cref="FontFallback"/>) and words
/// fill lines greedily. A word wider than the line is broken between grapheme clusters, so an Indic syllable is never
/// split. Adjacent runs on a line with the same font, size and colour are joined into one run, which keeps the PDF's
/// text runs (and their /ActualText) whole.
/// </summary>
internal static class TextLayout
{
    private const float Tolerance = 0.01f;

    public static List<TextLine> Lay(Paragraph paragraph, float width, TextShaper shaper)
    {
        var tokens = Tokenize(paragraph, shaper);
        var lines = new List<TextLine>();
        var line = new LineBuilder(paragraph.Style, shaper.Fonts);
        foreach (var word in Words(tokens))
        {
            if (word.IsNewline)
            {
                lines.Add(line.Finish());
                continue;
            }

            if (!line.IsEmpty && line.Width + line.PendingSpace + word.Width > width + Tolerance)
            {
                lines.Add(line.Finish());
            }

            if (line.IsEmpty && word.Width > width + Tolerance)
            {
                // Wider than a whole line: one cluster at a time, as many as fit on each line.
                foreach (var cluster in SplitIntoClusters(word, shaper))
                {
                    if (!line.IsEmpty && line.Width + cluster.Width > width + Tolerance)
                    {
                        lines.Add(line.Finish());
                    }

                    line.Add(cluster);
                }

                continue;
            }

            line.Add(word);
        }

        if (!line.IsEmpty || lines.Count == 0 || tokens.LastOrDefault()?.Kind == TokenKind.Newline)
        {
            lines.Add(line.Finish());
        }

        return lines;
    }

    /// <summary>The height of one line of <paramref name="style"/>, and where its baseline falls.</summary>
    public static (float Height, float Baseline) LineMetrics(TextStyle style, FontLibrary fonts) =>
        LineMetrics(style.Size, style.LineHeight, fonts);

    private static (float Height, float Baseline) LineMetrics(float size, float lineHeight, FontLibrary fonts)
    {
        // Every script is set on Noto Sans's ascender and descender, so lines of mixed scripts keep one rhythm; the
        // leading is split evenly above and below.
        var latin = fonts[FontKey.Sans];
        var height = size * lineHeight;
        var baseline = ((height - (size * (latin.Ascender + latin.Descender))) / 2) + (size * latin.Ascender);
        return (height, baseline);
    }

    private enum TokenKind
    {
        Word,
        Space,
        Newline,
    }

    /// <summary>A piece of text of one style: a word (or part of one), spaces, or a line break.</summary>
    private sealed record Token(TokenKind Kind, IReadOnlyList<ShapedRun> Runs, Colour Colour, float LineHeight, bool BreakAfter)
    {
        // Computed, not stored: a copy made with `with { Runs = … }` must not keep the original's width.
        public float Width => Runs.Sum(r => r.Width);

        public float Size => Runs.Count > 0 ? Runs[0].Size : 0;
    }

    /// <summary>Tokens with no break between them, and the spaces that follow (not counted at the end of a line).</summary>
    private sealed record Word(IReadOnlyList<Token> Body, IReadOnlyList<Token> Spaces, bool IsNewline)
    {
        public float Width => Body.Sum(t => t.Width);

        public float SpaceWidth => Spaces.Sum(t => t.Width);
    }

    private static List<Token> Tokenize(Paragraph paragraph, TextShaper shaper)
    {
        var tokens = new List<Token>();
        PrintFace? previousFace = null;
        var previousBold = false;
        foreach (var run in paragraph.Runs)
        {
            var size = run.Size ?? paragraph.Style.Size;
            var bold = run.Bold ?? paragraph.Style.Bold;
            var colour = run.Colour ?? paragraph.Style.Colour;
            var text = run.Text.ReplaceLineEndings("\n");
            if (text.Length == 0)
            {
                continue;
            }

            var fontRuns = FontFallback.Itemize(shaper.Fonts, text, bold, bold == previousBold ? previousFace : null);
            previousFace = fontRuns[^1].Face;
            previousBold = bold;
            foreach (var (start, length, kind, breakAfter) in Pieces(text))
            {
                if (kind == TokenKind.Newline)
                {
                    tokens.Add(new Token(TokenKind.Newline, [], colour, paragraph.Style.LineHeight, BreakAfter: true));
                    continue;
                }

                var shaped = new List<ShapedRun>();
                foreach (var fontRun in fontRuns)
                {
                    var from = Math.Max(start, fontRun.Start);
                    var to = Math.Min(start + length, fontRun.Start + fontRun.Length);
                    if (from < to)
                    {
                        shaped.Add(shaper.Shape(text[from..to], fontRun.Face, size));
                    }
                }

                tokens.Add(new Token(kind, shaped, colour, paragraph.Style.LineHeight, breakAfter));
            }
        }

        return tokens;
    }

    /// <summary>Cuts text into words, runs of spaces and line breaks; a word is also cut after an inner hyphen or slash.</summary>
    private static IEnumerable<(int Start, int Length, TokenKind Kind, bool BreakAfter)> Pieces(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\n')
            {
                yield return (i, 1, TokenKind.Newline, true);
                i++;
                continue;
            }

            var start = i;
            if (IsBreakingSpace(text[i]))
            {
                while (i < text.Length && text[i] != '\n' && IsBreakingSpace(text[i]))
                {
                    i++;
                }

                yield return (start, i - start, TokenKind.Space, true);
                continue;
            }

            while (i < text.Length && text[i] != '\n' && !IsBreakingSpace(text[i]))
            {
                var breakHere = text[i] is '-' or '/' && i > start && char.IsLetterOrDigit(text[i - 1])
                    && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
                i++;
                if (breakHere)
                {
                    yield return (start, i - start, TokenKind.Word, true);
                    start = i;
                }
            }

            if (i > start)
            {
                // A word that ends at the end of this run joins the next run's first word (no break between them).
                yield return (start, i - start, TokenKind.Word, false);
            }
        }
    }

    // No-break spaces (U+00A0, U+202F, U+2007) keep "10 mg" or "Dr. Rao" together when written with them.
    private static bool IsBreakingSpace(char c) => char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u202F' or '\u2007');

    private static IEnumerable<Word> Words(List<Token> tokens)
    {
        var body = new List<Token>();
        var spaces = new List<Token>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Newline:
                    if (body.Count > 0 || spaces.Count > 0)
                    {
                        yield return new Word([.. body], [.. spaces], IsNewline: false);
                        body.Clear();
                        spaces.Clear();
                    }

                    yield return new Word([], [], IsNewline: true);
                    break;
                case TokenKind.Space:
                    spaces.Add(token);
                    break;
                default:
                    if (spaces.Count > 0)
                    {
                        yield return new Word([.. body], [.. spaces], IsNewline: false);
                        body.Clear();
                        spaces.Clear();
                    }

                    body.Add(token);
                    if (token.BreakAfter)
                    {
                        yield return new Word([.. body], [], IsNewline: false);
                        body.Clear();
                    }

                    break;
            }
        }

        if (body.Count > 0 || spaces.Count > 0)
        {
            yield return new Word([.. body], [.. spaces], IsNewline: false);
        }
    }

    /// <summary>A too-wide word as one word per grapheme cluster (its spaces stay with the last).</summary>
    private static IEnumerable<Word> SplitIntoClusters(Word word, TextShaper shaper)
    {
        var clusters = new List<Token>();
        foreach (var token in word.Body)
        {
            foreach (var run in token.Runs)
            {
                var text = Encoding.UTF8.GetString(run.Utf8);
                var enumerator = StringInfo.GetTextElementEnumerator(text);
                while (enumerator.MoveNext())
                {
                    var cluster = shaper.Shape(enumerator.GetTextElement(), run.Face, run.Size);
                    clusters.Add(token with { Runs = [cluster] });
                }
            }
        }

        for (var i = 0; i < clusters.Count; i++)
        {
            yield return new Word([clusters[i]], i == clusters.Count - 1 ? word.Spaces : [], IsNewline: false);
        }
    }

    private sealed class LineBuilder(TextStyle style, FontLibrary fonts)
    {
        private readonly List<Token> placed = [];
        private readonly List<Token> pendingSpaces = [];

        public bool IsEmpty => placed.Count == 0;

        public float Width { get; private set; }

        /// <summary>Spaces after the last word, counted only when another word follows on the line.</summary>
        public float PendingSpace { get; private set; }

        public void Add(Word word)
        {
            placed.AddRange(pendingSpaces);
            Width += PendingSpace;
            placed.AddRange(word.Body);
            Width += word.Width;
            pendingSpaces.Clear();
            pendingSpaces.AddRange(word.Spaces);
            PendingSpace = word.SpaceWidth;
        }

        public TextLine Finish()
        {
            // As tall as its tallest text (an empty line: the paragraph's style).
            var metrics = placed.Where(t => t.Runs.Count > 0).Select(t => LineMetrics(t.Size, t.LineHeight, fonts)).ToList();
            if (metrics.Count == 0)
            {
                metrics.Add(LineMetrics(style, fonts));
            }

            var baseline = metrics.Max(m => m.Baseline);
            var below = metrics.Max(m => m.Height - m.Baseline);
            var runs = new List<PlacedRun>();
            var x = 0f;
            foreach (var token in placed)
            {
                foreach (var run in token.Runs)
                {
                    AppendJoined(runs, run, token.Colour, x);
                    x += run.Width;
                }
            }

            var line = new TextLine(runs, Width, baseline + below, baseline);
            placed.Clear();
            pendingSpaces.Clear();
            Width = 0;
            PendingSpace = 0;
            return line;
        }

        private static void AppendJoined(List<PlacedRun> runs, ShapedRun run, Colour colour, float x)
        {
            if (runs.Count > 0 && runs[^1] is { } last && ReferenceEquals(last.Run.Face, run.Face) && last.Run.Size == run.Size
                && last.Colour == colour && Math.Abs(last.X + last.Run.Width - x) < Tolerance)
            {
                runs[^1] = last with { Run = Join(last.Run, run) };
            }
            else
            {
                runs.Add(new PlacedRun(run, colour, x));
            }
        }

        private static ShapedRun Join(ShapedRun first, ShapedRun second)
        {
            var positions = new float[first.Positions.Length + second.Positions.Length];
            first.Positions.CopyTo(positions, 0);
            for (var i = 0; i < second.Positions.Length; i += 2)
            {
                positions[first.Positions.Length + i] = second.Positions[i] + first.Width;
                positions[first.Positions.Length + i + 1] = second.Positions[i + 1];
            }

            var clusters = new uint[first.Clusters.Length + second.Clusters.Length];
            first.Clusters.CopyTo(clusters, 0);
            for (var i = 0; i < second.Clusters.Length; i++)
            {
                clusters[first.Clusters.Length + i] = second.Clusters[i] + (uint)first.Utf8.Length;
            }

            return new ShapedRun
            {
                Face = first.Face,
                Size = first.Size,
                Glyphs = [.. first.Glyphs, .. second.Glyphs],
                Positions = positions,
                Clusters = clusters,
                Utf8 = [.. first.Utf8, .. second.Utf8],
                Width = first.Width + second.Width,
            };
        }
    }
}
