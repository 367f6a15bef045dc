using MedicalApp.Web.Services.Files;

namespace MedicalApp.Web.Features.Administration;

/// <summary>The practice's logo: a PNG, JPEG or WebP image (by content) of at most 2 MB, printed on prescriptions.</summary>
public static class LogoImage
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public static UploadedImageKind Kind { get; } = new("logo", MaxBytes, ImageFormats.Png, ImageFormats.Jpeg, ImageFormats.WebP);
}
