using System.Runtime.InteropServices;
using MedicalApp.Printing.Documents.Layout;
using MedicalApp.Printing.Shaping;
using SkiaSharp;

namespace MedicalApp.Printing.Documents.Rendering;

/// <summary>
/// Paints a page's operations on a Skia canvas (a PDF page or a bitmap) with the typeface it is given per font: a
/// per-document subset for PDFs, the whole cached font for previews. Text goes through text blobs that carry the UTF-8
/// text and each glyph's cluster, which is how Skia's PDF backend writes a text layer that extracts (/ActualText for
/// Indic clusters whose glyphs are reordered or joined). Holds the Skia fonts and paints of one document: dispose it.
/// </summary>
internal sealed class OpPainter(Func<PrintFace, SKTypeface> typefaceFor) : IDisposable
{
    private readonly Dictionary<(FontKey, float), SKFont> fonts = [];
    private readonly SKPaint fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKSamplingOptions sampling = new(SKCubicResampler.Mitchell);

    public void Paint(SKCanvas canvas, IEnumerable<DrawOp> ops)
    {
        foreach (var op in ops)
        {
            switch (op)
            {
                case GlyphRunOp text:
                    DrawText(canvas, text);
                    break;
                case RectOp rect:
                    DrawRect(canvas, rect);
                    break;
                case LineOp line:
                    stroke.Color = ToSkia(line.Colour);
                    stroke.StrokeWidth = line.Thickness;
                    canvas.DrawLine(line.From, line.To, stroke);
                    break;
                case ImageOp image:
                    canvas.DrawImage(image.Image, image.Rect, sampling);
                    break;
                default:
                    throw new NotSupportedException($"Cannot paint {op.GetType().Name}.");
            }
        }
    }

    private void DrawText(SKCanvas canvas, GlyphRunOp op)
    {
        var run = op.Run;
        if (run.Glyphs.Length == 0)
        {
            return;
        }

        using var builder = new SKTextBlobBuilder();
        var buffer = builder.AllocatePositionedTextRun(FontFor(run.Face, run.Size), run.Glyphs.Length, run.Utf8.Length, null);
        buffer.SetGlyphs(run.Glyphs);
        buffer.SetPositions(MemoryMarshal.Cast<float, SKPoint>(run.Positions));
        buffer.SetText(run.Utf8);
        buffer.SetClusters(run.Clusters);
        using var blob = builder.Build();
        fill.Color = ToSkia(op.Colour);
        canvas.DrawText(blob, op.X, op.Baseline, fill);
    }

    private void DrawRect(SKCanvas canvas, RectOp op)
    {
        if (op.Fill is { } background)
        {
            fill.Color = ToSkia(background);
            DrawShape(canvas, op, fill);
        }

        if (op.Stroke is { } border && op.StrokeWidth > 0)
        {
            stroke.Color = ToSkia(border);
            stroke.StrokeWidth = op.StrokeWidth;
            DrawShape(canvas, op, stroke);
        }
    }

    private static void DrawShape(SKCanvas canvas, RectOp op, SKPaint paint)
    {
        if (op.CornerRadius > 0)
        {
            canvas.DrawRoundRect(op.Rect, op.CornerRadius, op.CornerRadius, paint);
        }
        else
        {
            canvas.DrawRect(op.Rect, paint);
        }
    }

    private SKFont FontFor(PrintFace face, float size)
    {
        if (!fonts.TryGetValue((face.Key, size), out var font))
        {
            // Unhinted, subpixel-positioned outlines: the glyphs sit where HarfBuzz placed them, at any size and dpi.
            font = new SKFont(typefaceFor(face), size)
            {
                Hinting = SKFontHinting.None,
                Subpixel = true,
                Edging = SKFontEdging.Antialias,
                LinearMetrics = true,
            };
            fonts.Add((face.Key, size), font);
        }

        return font;
    }

    private static SKColor ToSkia(Colour colour) => new(colour.Red, colour.Green, colour.Blue, colour.Alpha);

    public void Dispose()
    {
        foreach (var font in fonts.Values)
        {
            font.Dispose();
        }

        fonts.Clear();
        fill.Dispose();
        stroke.Dispose();
    }
}
