using MedicalApp.Data.Plans;
namespace MedicalApp.Web.Features.Administration;

/// <summary>An image format a logo may be in, recognised from the file's first bytes.</summary>
public sealed record LogoImageFormat(string ContentType, string Extension);

/// <summary>
/// Recognises logo images by their content (magic bytes), never by the name or the browser's content type, which
/// the uploader controls: a text or SVG file renamed <c>.png</c> is refused.
/// </summary>
public static class LogoImage
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public const string AcceptAttribute = ".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp";

    public static LogoImageFormat Png { get; } = new("image/png", "png");

    public static LogoImageFormat Jpeg { get; } = new("image/jpeg", "jpg");

    public static LogoImageFormat WebP { get; } = new("image/webp", "webp");

    public const string WrongFormatMessage = "The logo must be a PNG, JPEG or WebP image; this file is not one, whatever its name says.";

    public static string TooLargeMessage(long size) =>
        $"The logo must be at most 2 MB; this file is {PlanLimitService.FormatBytes(size)}.";

    public static LogoImageFormat? Detect(ReadOnlySpan<byte> content)
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

        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
