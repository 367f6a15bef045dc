using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace MedicalApp.Tests.Printing;

/// <summary>
/// Reads a PDF back with PdfPig as a reader or a search index would: the text of each page, and the font programs it
/// embeds.
/// </summary>
public sealed class PdfReadBack : IDisposable
{
    private readonly PdfDocument document;

    public PdfReadBack(byte[] pdf)
    {
        document = PdfDocument.Open(pdf);
    }

    public int PageCount => document.NumberOfPages;

    public DocumentInformation Information => document.Information;

    public Page Page(int number) => document.GetPage(number);

    /// <summary>
    /// The text of a page, a line per baseline. Where the PDF gives a cluster's text as /ActualText (Indic syllables
    /// whose glyphs are reordered or joined), that text is taken instead of the glyphs' own mapping, as text
    /// extraction in viewers does; PdfPig exposes it but does not apply it to the letters.
    /// </summary>
    public string PageText(int number)
    {
        var page = document.GetPage(number);
        var replaced = new Dictionary<Letter, string>(ReferenceEqualityComparer.Instance);
        void Collect(IEnumerable<MarkedContentElement> elements)
        {
            foreach (var element in elements)
            {
                if (element.ActualText is { } actual && element.Letters.Count > 0)
                {
                    replaced[element.Letters[0]] = actual;
                    foreach (var letter in element.Letters.Skip(1))
                    {
                        replaced[letter] = "";
                    }
                }

                Collect(element.Children);
            }
        }

        Collect(page.GetMarkedContents());
        var text = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in page.Letters)
        {
            if (previous is not null && Math.Abs(letter.StartBaseLine.Y - previous.StartBaseLine.Y) > 1)
            {
                text.Append('\n');
            }

            text.Append(replaced.TryGetValue(letter, out var actual) ? actual : letter.Value);
            previous = letter;
        }

        return text.ToString();
    }

    public IEnumerable<string> PageTexts() => Enumerable.Range(1, PageCount).Select(PageText);

    /// <summary>Each embedded TrueType font program (FontFile2), by its font name ("AAAAAA+NotoSans-Regular"), decompressed.</summary>
    public IReadOnlyDictionary<string, byte[]> EmbeddedFonts()
    {
        var fonts = new Dictionary<string, byte[]>();
        foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (document.Structure.GetObject(reference).Data is DictionaryToken descriptor
                && descriptor.TryGet(NameToken.Type, out NameToken type) && type == NameToken.FontDescriptor
                && descriptor.TryGet(NameToken.FontFile2, out IndirectReferenceToken fontFile)
                && descriptor.TryGet(NameToken.FontName, out NameToken name))
            {
                var stream = (StreamToken)document.Structure.GetObject(fontFile.Data).Data;
                fonts.Add(name.Data, Inflate(stream));
            }
        }

        return fonts;
    }

    private static byte[] Inflate(StreamToken stream)
    {
        Assert.True(stream.StreamDictionary.TryGet(NameToken.Filter, out NameToken filter) && filter == NameToken.FlateDecode,
            "The font program is expected Flate-compressed.");
        using var inflater = new ZLibStream(new MemoryStream(stream.Data.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    public void Dispose() => document.Dispose();
}

/// <summary>Poppler's pdftoppm (Debian's poppler-utils; the test script installs it). Missing is a failure, never a skip.</summary>
public static class PdfToPpm
{
    public const string ExecutablePath = "/usr/bin/pdftoppm";

    /// <summary>Page <paramref name="page"/> rasterised in greyscale at <paramref name="dpi"/>: width, height and one byte per pixel.</summary>
    public static async Task<(int Width, int Height, byte[] Pixels)> RasteriseGreyAsync(byte[] pdf, int page, int dpi)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"These tests need Poppler's pdftoppm at {ExecutablePath}: apt-get install -y poppler-utils (the test script does this).");
        }

        var folder = Directory.CreateTempSubdirectory("medicalapp-pdftoppm-");
        try
        {
            var input = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            var output = Path.Combine(folder.FullName, "page");
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(ExecutablePath,
                ["-gray", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-singlefile", input, output])
            { RedirectStandardError = true })!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {errors}");
            return ReadPgm(await File.ReadAllBytesAsync(output + ".pgm"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A binary PGM (P5, 8-bit): the header's three numbers, one whitespace byte, then the pixels.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(byte[] pgm)
    {
        var position = 0;
        string Field()
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            var start = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(pgm, start, position - start);
        }

        Assert.Equal("P5", Field());
        var width = int.Parse(Field(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Field(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Field());
        position++;
        return (width, height, pgm[position..(position + (width * height))]);
    }
}
