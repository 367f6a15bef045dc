using MedicalApp.Printing.Documents;
using MedicalApp.Printing.Documents.Rendering;
using SkiaSharp;

namespace MedicalApp.Printing.Prescriptions;

/// <summary>
/// Prints prescriptions: the PDF that is handed to the patient or stored, and a PNG of a page for the live preview in
/// the print settings. Thread-safe; the app keeps one (a singleton).
/// </summary>
public sealed class PrescriptionDocument(DocumentRenderer renderer)
{
    /// <exception cref="ArgumentException">The layout is outside <see cref="PrintLayoutRules"/>.</exception>
    /// <exception cref="InvalidDataException">The logo or signature is not an image that can be decoded.</exception>
    public byte[] Render(PrescriptionPrint print, PrintLayout layout) => renderer.RenderPdf(Compose(print, layout));

    /// <summary>Page <paramref name="page"/> of the prescription as a PNG at <paramref name="dpi"/>.</summary>
    public byte[] RenderPreviewPng(PrescriptionPrint print, PrintLayout layout, float dpi = 96, int page = 1) =>
        renderer.RenderPng(Compose(print, layout), page, dpi);

    /// <summary>
    /// Whether <paramref name="image"/> decodes to pixels the engine can draw. An upload is checked by its first bytes,
    /// so a file can start like a PNG or JPEG and still be no image; printing leaves such a logo or signature out
    /// rather than fail (see <see cref="Render"/>).
    /// </summary>
    public static bool CanDraw(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return false;
        }

        using var bitmap = SKBitmap.Decode(codec);
        return bitmap is not null;
    }

    /// <summary>The prescription as a document of the engine, for callers that render it themselves.</summary>
    public static Document Compose(PrescriptionPrint print, PrintLayout layout)
    {
        ArgumentNullException.ThrowIfNull(print);
        ArgumentNullException.ThrowIfNull(layout);
        PrintLayoutRules.ThrowIfInvalid(layout);
        return new PrescriptionComposer(print, layout).Compose();
    }
}
