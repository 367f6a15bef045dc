using MedicalApp.Data.Entities;
using MedicalApp.Web.Services.Files;
using SkiaSharp;

namespace MedicalApp.Web.Features.Dental.Attachments;

/// <summary>
/// What a dental attachment may be: a JPEG, PNG, PDF or DICOM file (by its first bytes, never its name or the browser's
/// content type) of at most 10 MB, and how its stored format, thumbnail and labels follow from that.
/// </summary>
public static class AttachmentFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The longer side of a thumbnail, in pixels.</summary>
    public const int ThumbnailSize = 320;

    public static UploadedImageKind Kind { get; } = new("attachment", MaxBytes, ImageFormats.Jpeg, ImageFormats.Png, ImageFormats.Pdf, ImageFormats.Dicom);

    public static AttachmentFormat FormatOf(ImageFormat format) =>
        format == ImageFormats.Jpeg ? AttachmentFormat.Jpeg
        : format == ImageFormats.Png ? AttachmentFormat.Png
        : format == ImageFormats.Pdf ? AttachmentFormat.Pdf
        : format == ImageFormats.Dicom ? AttachmentFormat.Dicom
        : throw new ArgumentOutOfRangeException(nameof(format), format.Name, "Not an attachment format.");

    public static ImageFormat ImageFormatOf(AttachmentFormat format) => format switch
    {
        AttachmentFormat.Jpeg => ImageFormats.Jpeg,
        AttachmentFormat.Png => ImageFormats.Png,
        AttachmentFormat.Pdf => ImageFormats.Pdf,
        AttachmentFormat.Dicom => ImageFormats.Dicom,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// Shown in the browser (images, PDF) or only saved (DICOM needs a viewer; a browser would offer it as a download
    /// anyway, but saying so keeps it from ever being rendered).
    /// </summary>
    public static bool OpensInline(AttachmentFormat format) => format != AttachmentFormat.Dicom;

    public static string KindLabel(DentalAttachmentKind kind) => kind switch
    {
        DentalAttachmentKind.XRay => "X-ray",
        DentalAttachmentKind.PhotoBefore => "Photo (before)",
        DentalAttachmentKind.PhotoAfter => "Photo (after)",
        DentalAttachmentKind.TestResult => "Test result",
        DentalAttachmentKind.Document => "Document",
        _ => "Other",
    };

    /// <summary>
    /// A JPEG of at most <see cref="ThumbnailSize"/> pixels on its longer side for a picture (PDF and DICOM get an
    /// icon instead); null when the picture cannot be decoded (its header was right but the rest is not an image).
    /// </summary>
    public static UploadedImage? Thumbnail(UploadedImage original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (!original.Format.IsPicture)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(original.Content);
        if (decoded is null)
        {
            return null;
        }

        var scale = Math.Min(1f, ThumbnailSize / (float)Math.Max(decoded.Width, decoded.Height));
        var width = Math.Max(1, (int)Math.Round(decoded.Width * scale));
        var height = Math.Max(1, (int)Math.Round(decoded.Height * scale));
        using var resized = decoded.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? decoded);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        var name = Path.GetFileNameWithoutExtension(original.FileName);
        return new UploadedImage(jpeg.ToArray(), ImageFormats.Jpeg, $"{(name.Length > 200 ? name[..200] : name)}-thumbnail.jpg");
    }
}
