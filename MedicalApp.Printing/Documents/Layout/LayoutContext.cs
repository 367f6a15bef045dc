using MedicalApp.Printing.Shaping;
using SkiaSharp;

namespace MedicalApp.Printing.Documents.Layout;

/// <summary>
/// What laying out and drawing one document needs and owns: its own HarfBuzz buffer (through the shaper) and the
/// images decoded for it. One per document, on one thread; disposing it frees the document's native objects.
/// </summary>
internal sealed class LayoutContext(FontLibrary fonts) : IDisposable
{
    private readonly Dictionary<byte[], SKImage> decoded = new(ReferenceEqualityComparer.Instance);
    private readonly List<SKImage> owned = [];

    public TextShaper Shaper { get; } = new(fonts);

    public FontLibrary Fonts => Shaper.Fonts;

    /// <summary>The image in <paramref name="content"/>, decoded once per document however often it is drawn.</summary>
    public SKImage Decode(byte[] content)
    {
        if (!decoded.TryGetValue(content, out var image))
        {
            image = SKImage.FromEncodedData(content)
                ?? throw new InvalidDataException("An image of the document is not a PNG, JPEG or WebP image Skia can decode.");
            decoded.Add(content, image);
            owned.Add(image);
        }

        return image;
    }

    /// <summary>A copy of <paramref name="image"/> at <paramref name="width"/> × <paramref name="height"/> pixels, owned by this document.</summary>
    public SKImage Resample(SKImage image, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, image.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var source = SKBitmap.FromImage(image))
        {
            source.ScalePixels(bitmap, new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        bitmap.SetImmutable();
        var resampled = SKImage.FromBitmap(bitmap);
        owned.Add(resampled);
        return resampled;
    }

    public void Dispose()
    {
        foreach (var image in owned)
        {
            image.Dispose();
        }

        owned.Clear();
        decoded.Clear();
        Shaper.Dispose();
    }
}
