using MedicalApp.Printing.Prescriptions;

namespace MedicalApp.Tests.Printing;

/// <summary>Prescriptions the printing tests render: the sample, and variants of it.</summary>
public static class PrintSamples
{
    public const string DevanagariName = "राजेश कुमार शर्मा";
    public const string TamilName = "லட்சுமி வெங்கடேசன்";

    /// <summary>The sample with <paramref name="count"/> medicines, each with a brand name (two lines to a row).</summary>
    public static PrescriptionPrint WithLines(int count) => PrescriptionPrint.Sample() with
    {
        Lines = [.. Enumerable.Range(1, count).Select(i => new PrescriptionPrintLine(
            $"Medicine number {i}", $"Brand {i}", "500 mg", "1 tablet", "1-0-1", "5 days", "After food", "10 tablets"))],
    };

    /// <summary>A small PNG (a dark square on white) for logos and signatures.</summary>
    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.DarkBlue };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
