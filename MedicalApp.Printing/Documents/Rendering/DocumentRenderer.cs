using System.Text;
using MedicalApp.Printing.Documents.Layout;
using MedicalApp.Printing.Shaping;
using SkiaSharp;

namespace MedicalApp.Printing.Documents.Rendering;

/// <summary>
/// Renders documents to PDF (with a searchable text layer and only the glyphs each document uses embedded) and pages to
/// PNG for previews. Safe to share between threads and to keep for the life of the process: the fonts are loaded once
/// per process, and everything one document needs (its HarfBuzz buffer, font subsets, decoded images) is made for it
/// and freed when it is done.
/// </summary>
public sealed class DocumentRenderer
{
    private readonly FontLibrary fonts = FontLibrary.Shared;

    /// <summary>The document as a PDF. The same document gives the same bytes (its dates come from <see cref="DocumentInfo"/>).</summary>
    public byte[] RenderPdf(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var context = new LayoutContext(fonts);
        var laidOut = DocumentLayout.Lay(document, context);
        var subsets = SubsetFonts(laidOut);
        try
        {
            using var output = new MemoryStream();
            using (var pdf = SKDocument.CreatePdf(output, Metadata(document.Info)))
            using (var painter = new OpPainter(face => subsets[face.Key]))
            {
                foreach (var ops in laidOut.Pages)
                {
                    var canvas = pdf.BeginPage(laidOut.PageSize.Width, laidOut.PageSize.Height);
                    painter.Paint(canvas, ops);
                    pdf.EndPage();
                }

                pdf.Close();
            }

            return output.ToArray();
        }
        finally
        {
            foreach (var typeface in subsets.Values)
            {
                typeface.Dispose();
            }
        }
    }

    /// <summary>Page <paramref name="pageNumber"/> (from 1) as a PNG at <paramref name="dpi"/>, on white.</summary>
    public byte[] RenderPng(Document document, int pageNumber = 1, float dpi = 96)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, 10f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, 600f);
        using var context = new LayoutContext(fonts);
        var laidOut = DocumentLayout.Lay(document, context);
        if (pageNumber < 1 || pageNumber > laidOut.Pages.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, $"The document has {laidOut.Pages.Count} page(s).");
        }

        var scale = dpi / Units.PointsPerInch;
        var info = new SKImageInfo((int)Math.Ceiling(laidOut.PageSize.Width * scale), (int)Math.Ceiling(laidOut.PageSize.Height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        using (var painter = new OpPainter(face => face.Typeface))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            painter.Paint(canvas, laidOut.Pages[pageNumber - 1]);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>How many pages the document takes.</summary>
    public int CountPages(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var context = new LayoutContext(fonts);
        return DocumentLayout.Lay(document, context).Pages.Count;
    }

    private static SKDocumentPdfMetadata Metadata(DocumentInfo info)
    {
        // A struct: set the fields on this copy of the defaults (raster dpi, encoding quality) and pass it on.
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = info.Title;
        metadata.Author = info.Author;
        metadata.Subject = info.Subject;
        metadata.Creator = "MedicalApp";
        metadata.Producer = "MedicalApp";
        metadata.Creation = info.Created;
        metadata.Modified = info.Created;
        return metadata;
    }

    /// <summary>Each font the document uses, cut down to the glyphs and characters it draws with it.</summary>
    private static Dictionary<FontKey, SKTypeface> SubsetFonts(LaidOutDocument document)
    {
        var used = new Dictionary<PrintFace, (HashSet<ushort> Glyphs, HashSet<int> Codepoints)>();
        foreach (var op in document.Pages.SelectMany(ops => ops).OfType<GlyphRunOp>())
        {
            if (!used.TryGetValue(op.Run.Face, out var sets))
            {
                sets = ([], []);
                used.Add(op.Run.Face, sets);
            }

            sets.Glyphs.UnionWith(op.Run.Glyphs);
            foreach (var rune in Encoding.UTF8.GetString(op.Run.Utf8).EnumerateRunes())
            {
                sets.Codepoints.Add(rune.Value);
            }
        }

        var typefaces = new Dictionary<FontKey, SKTypeface>();
        try
        {
            // In a fixed order, so the fonts' objects are numbered the same way in every rendering of a document.
            foreach (var (face, sets) in used.OrderBy(u => u.Key.Key))
            {
                using var subset = FontSubsetter.Subset(face, sets.Glyphs.Order(), sets.Codepoints.Order());
                typefaces.Add(face.Key, SKTypeface.FromData(subset)
                    ?? throw new InvalidOperationException($"Skia could not load the subset of {face.FileName}."));
            }
        }
        catch
        {
            foreach (var typeface in typefaces.Values)
            {
                typeface.Dispose();
            }

            throw;
        }

        return typefaces;
    }
}
