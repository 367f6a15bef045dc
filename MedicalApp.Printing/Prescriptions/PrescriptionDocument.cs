using MedicalApp.Printing.Documents;
using MedicalApp.Printing.Documents.Rendering;

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

    /// <summary>The prescription as a document of the engine, for callers that render it themselves.</summary>
    public static Document Compose(PrescriptionPrint print, PrintLayout layout)
    {
        ArgumentNullException.ThrowIfNull(print);
        ArgumentNullException.ThrowIfNull(layout);
        PrintLayoutRules.ThrowIfInvalid(layout);
        return new PrescriptionComposer(print, layout).Compose();
    }
}
