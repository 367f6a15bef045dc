using MedicalApp.Data.Plans;

namespace MedicalApp.Web.Services.Files;

/// <summary>A format an upload may be in (an image, or a PDF or DICOM attachment), recognised from the file's first bytes.</summary>
/// <param name="Extensions">The file name endings a picker offers for it, the first one used for stored files.</param>
public sealed record ImageFormat(string Name, string ContentType, params string[] Extensions)
{
    public string Extension => Extensions[0];

    /// <summary>A picture a browser shows and SkiaSharp decodes (PDF and DICOM are documents: no preview of their own).</summary>
    public bool IsPicture { get; init; } = true;
}

/// <summary>
/// Recognises images by their content (magic bytes), never by the name or the browser's content type, which the
/// uploader controls: a text or SVG file renamed <c>.png</c> is not an image here.
/// </summary>
public static class ImageFormats
{
    public static ImageFormat Png { get; } = new("PNG", "image/png", "png");

    public static ImageFormat Jpeg { get; } = new("JPEG", "image/jpeg", "jpg", "jpeg");

    public static ImageFormat WebP { get; } = new("WebP", "image/webp", "webp");

    public static ImageFormat Pdf { get; } = new("PDF", "application/pdf", "pdf") { IsPicture = false };

    /// <summary>DICOM Part 10 files (radiographs straight from the sensor's software).</summary>
    public static ImageFormat Dicom { get; } = new("DICOM", "application/dicom", "dcm") { IsPicture = false };

    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        // PNG: the 8-byte signature, then the IHDR chunk that must come first.
        if (content.Length >= 16 && content[..8].SequenceEqual(PngSignature) && content.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Png;
        }

        // JPEG: start-of-image marker followed by another marker.
        if (content.Length >= 4 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return Jpeg;
        }

        // WebP: a RIFF container whose form type is WEBP.
        if (content.Length >= 16 && content[..4].SequenceEqual("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        // PDF: the header comment "%PDF-" opens the file (readers accept it a little later; an upload of ours must start with it).
        if (content.Length >= 5 && content[..5].SequenceEqual("%PDF-"u8))
        {
            return Pdf;
        }

        // DICOM Part 10: a 128-byte preamble (any bytes, usually zeros), then the prefix "DICM".
        if (content.Length >= 132 && content.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            return Dicom;
        }

        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}

/// <summary>
/// What one kind of uploaded file (the practice's logo, a doctor's signature, a dental attachment) accepts: which formats and how large,
/// and how a refusal reads. The page checks the size before the bytes travel; the service checks size and content again.
/// </summary>
/// <param name="Noun">What the image is called in messages and default file names ("logo").</param>
public sealed record UploadedImageKind(string Noun, long MaxBytes, params ImageFormat[] Formats)
{
    /// <summary>For the file picker's <c>accept</c>: the name endings, then the content types.</summary>
    public string AcceptAttribute =>
        string.Join(",", Formats.SelectMany(f => f.Extensions).Select(e => "." + e).Concat(Formats.Select(f => f.ContentType)));

    /// <summary>"PNG, JPEG or WebP".</summary>
    public string FormatNames => Formats.Length == 1
        ? Formats[0].Name
        : $"{string.Join(", ", Formats[..^1].Select(f => f.Name))} or {Formats[^1].Name}";

    public string WrongFormatMessage =>
        $"The {Noun} must be a {FormatNames} {(Formats.All(f => f.IsPicture) ? "image" : "file")}; this file is not one, whatever its name says.";

    public string EmptyMessage => $"This file is empty: choose the {Noun} again.";

    public string TooLargeMessage(long size) =>
        $"The {Noun} must be at most {PlanLimitService.FormatBytes(MaxBytes)}; this file is {PlanLimitService.FormatBytes(size)}.";

    /// <summary>The file's format when its content is one this kind accepts; null otherwise.</summary>
    public ImageFormat? Recognise(ReadOnlySpan<byte> content) => ImageFormats.Detect(content) is { } format && Formats.Contains(format) ? format : null;
}
