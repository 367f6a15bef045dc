using System.Security.Cryptography;
using MedicalApp.Printing.Documents.Rendering;
using MedicalApp.Printing.Prescriptions;
using MedicalApp.Printing.Shaping;
using SkiaSharp;

namespace MedicalApp.Tests.Printing;

/// <summary>
/// The printed prescription read back as a pharmacist's system or a search would read it (PdfPig), rasterised as a
/// printer would (Poppler's pdftoppm), and measured: size, embedded fonts, pages, determinism.
/// </summary>
public sealed class PrescriptionDocumentTests
{
    private static readonly PrescriptionDocument Prescriptions = new(new DocumentRenderer());

    private static PrintLayout Classic => PrintLayout.Preset(PrescriptionTemplate.Classic);

    [Fact]
    public void The_registration_number_and_the_generic_names_in_capitals_extract_as_text()
    {
        var print = PrescriptionPrint.Sample();

        using var pdf = new PdfReadBack(Prescriptions.Render(print, Classic));

        var text = pdf.PageText(1);
        Assert.Contains("Reg. No. TNMC 87654", text, StringComparison.Ordinal);
        Assert.Contains("RX-2026-000123", text, StringComparison.Ordinal);
        foreach (var line in print.Lines)
        {
            Assert.Contains(line.GenericName.ToUpperInvariant(), text, StringComparison.Ordinal);
            // The capitals are printed, not the spelling as entered.
            Assert.DoesNotContain(line.GenericName, text, StringComparison.Ordinal);
        }

        Assert.Contains("Dolo 650", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PrintSamples.DevanagariName)]
    [InlineData(PrintSamples.TamilName)]
    public void A_patient_name_in_Devanagari_or_Tamil_extracts_as_the_name(string name)
    {
        var print = PrescriptionPrint.Sample() with { PatientName = name };

        using var pdf = new PdfReadBack(Prescriptions.Render(print, Classic));

        // Reordered and conjunct glyphs (the i-matra of क्लि, the prefix vowel of ஜே) come back as the words typed.
        Assert.Contains(name, pdf.PageText(1), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_advice_in_Hindi_and_Tamil_extracts_word_for_word()
    {
        using var pdf = new PdfReadBack(Prescriptions.Render(PrescriptionPrint.Sample(), Classic));

        var text = pdf.PageText(1);
        Assert.Contains("खूब पानी पिएँ और तीन दिन आराम करें।", text, StringComparison.Ordinal);
        Assert.Contains("தினமும் போதுமான அளவு தண்ணீர் குடிக்கவும்.", text, StringComparison.Ordinal);
        Assert.Contains("(राजेश कुमार शर्मा)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_one_rasterised_by_poppler_shows_the_prescription()
    {
        var (width, height, pixels) = await PdfToPpm.RasteriseGreyAsync(Prescriptions.Render(PrescriptionPrint.Sample(), Classic), page: 1, dpi: 50);

        Assert.Equal((414, 585), (width, height));   // A4 at 50 dpi
        var inked = pixels.Count(p => p < 200);
        // The sample's text, rules, table and logo cover some percent of the page: far from blank, far from black.
        Assert.InRange(inked / (double)pixels.Length, 0.02, 0.30);
        // Something is printed in the top quarter (the letterhead) and in the bottom tenth (the footer).
        Assert.Contains(pixels[..(width * height / 4)], p => p < 128);
        Assert.Contains(pixels[(width * height * 9 / 10)..], p => p < 128);
    }

    [Fact]
    public void Forty_medicines_take_three_pages_each_with_the_letterhead_the_table_header_and_its_page_number()
    {
        var print = PrintSamples.WithLines(40);

        using var pdf = new PdfReadBack(Prescriptions.Render(print, Classic));

        Assert.Equal(3, pdf.PageCount);
        var pages = pdf.PageTexts().ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var text = pages[i];
            Assert.Contains("Sunrise Family Clinic", text, StringComparison.Ordinal);
            Assert.Contains("Reg. No. TNMC 87654", text, StringComparison.Ordinal);
            Assert.Contains("#MedicineDoseFrequencyTimingDurationQty", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains($"Page {i + 1} of 3", text, StringComparison.Ordinal);
            Assert.Contains("RX-2026-000123", text, StringComparison.Ordinal);
        }

        // Every medicine is printed once, whole, on one page (rows never split): its name and its brand together.
        for (var n = 1; n <= 40; n++)
        {
            var onPages = pages.Where(p => p.Contains($"MEDICINE NUMBER {n}  500", StringComparison.Ordinal)).ToList();
            Assert.Single(onPages);
            Assert.Contains($"Brand {n}\n", onPages[0], StringComparison.Ordinal);
        }

        // The signature block comes last.
        Assert.Contains("Review on 1 Dec 2026", pages[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_page_prescription_is_at_most_60_KB_and_embeds_only_subsets_of_its_fonts()
    {
        var bytes = Prescriptions.Render(PrescriptionPrint.Sample(), Classic);

        Assert.InRange(bytes.Length, 10_000, 60 * 1024);
        using var pdf = new PdfReadBack(bytes);
        var fonts = pdf.EmbeddedFonts();
        // Noto Sans regular and bold, Devanagari regular and bold (the patient's name), Tamil regular.
        Assert.Equal(5, fonts.Count);
        foreach (var (name, program) in fonts)
        {
            var face = FontLibrary.Shared.All.Single(f => name.EndsWith("+" + Path.GetFileNameWithoutExtension(f.FileName), StringComparison.Ordinal));
            Assert.True(program.Length < face.FileSize / 5, $"{name}: {program.Length:N0} bytes embedded of {face.FileSize:N0}");
            Assert.Equal([0, 1, 0, 0], program[..4]);   // a TrueType font program (sfnt version 1.0)
        }
    }

    [Fact]
    public void The_same_prescription_gives_the_same_bytes_also_when_rendered_in_parallel()
    {
        var print = PrescriptionPrint.Sample();
        var first = Prescriptions.Render(print, Classic);

        var parallel = new byte[8][];
        Parallel.For(0, parallel.Length, i => parallel[i] = Prescriptions.Render(i % 2 == 0 ? print : PrintSamples.WithLines(20), Classic));

        Assert.Equal(first, Prescriptions.Render(print, Classic));
        for (var i = 0; i < parallel.Length; i += 2)
        {
            Assert.Equal(first, parallel[i]);
        }

        Assert.Equal(parallel[1], parallel[3]);
        Assert.NotEqual(first, parallel[1]);
    }

    [Theory]
    [InlineData(PrescriptionTemplate.Classic, 595, 842)]
    [InlineData(PrescriptionTemplate.Modern, 595, 842)]
    [InlineData(PrescriptionTemplate.Minimal, 420, 595)]
    [InlineData(PrescriptionTemplate.Letter, 612, 792)]
    public void Every_template_prints_the_sample_on_one_page_of_its_paper(PrescriptionTemplate template, int width, int height)
    {
        using var pdf = new PdfReadBack(Prescriptions.Render(PrescriptionPrint.Sample(), PrintLayout.Preset(template)));

        Assert.Equal(1, pdf.PageCount);
        var page = pdf.Page(1);
        Assert.Equal((width, height), ((int)Math.Round(page.Width), (int)Math.Round(page.Height)));
        var text = pdf.PageText(1);
        Assert.Contains("Sunrise Family Clinic", text, StringComparison.Ordinal);
        Assert.Contains("PARACETAMOL", text, StringComparison.Ordinal);
        Assert.Contains("Reg. No. TNMC 87654", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1", text, StringComparison.Ordinal);
        Assert.Single(page.GetImages());   // the logo
    }

    [Fact]
    public void The_four_templates_look_different()
    {
        var previews = Enum.GetValues<PrescriptionTemplate>()
            .Select(t => Convert.ToHexString(SHA256.HashData(Prescriptions.RenderPreviewPng(PrescriptionPrint.Sample(), PrintLayout.Preset(t), dpi: 30))))
            .ToList();

        Assert.Equal(4, previews.Distinct().Count());
    }

    [Theory]
    [InlineData(PrescriptionTemplate.Classic, 96, 794, 1123)]
    [InlineData(PrescriptionTemplate.Minimal, 72, 420, 596)]
    [InlineData(PrescriptionTemplate.Letter, 150, 1275, 1650)]
    public void The_preview_is_a_PNG_of_the_page_at_the_asked_resolution(PrescriptionTemplate template, int dpi, int width, int height)
    {
        var png = Prescriptions.RenderPreviewPng(PrescriptionPrint.Sample(), PrintLayout.Preset(template), dpi);

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        // White paper with ink on it.
        Assert.Equal(SKColors.White, bitmap.GetPixel(1, 1));
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                inked += bitmap.GetPixel(x, y).Red < 160 ? 1 : 0;
            }
        }

        Assert.True(inked > 200, $"{inked} inked pixels sampled");
    }

    [Fact]
    public void A_superseded_version_is_marked_on_every_page()
    {
        var print = PrintSamples.WithLines(40) with { StatusMarking = "Superseded by RX-2026-000124" };

        using var pdf = new PdfReadBack(Prescriptions.Render(print, PrintLayout.Preset(PrescriptionTemplate.Modern)));

        Assert.True(pdf.PageCount > 1);
        Assert.All(pdf.PageTexts(), text => Assert.Contains("Superseded by RX-2026-000124", text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_current_version_carries_no_marking()
    {
        using var pdf = new PdfReadBack(Prescriptions.Render(PrescriptionPrint.Sample(), Classic));

        Assert.DoesNotContain("Superseded", pdf.PageText(1), StringComparison.Ordinal);
        Assert.DoesNotContain("Cancelled", pdf.PageText(1), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_image_is_printed_above_the_doctors_name_and_without_one_the_typed_name_stands()
    {
        var signed = PrescriptionPrint.Sample() with { Signature = PrintSamples.Png(300, 100), Logo = null };
        var unsigned = PrescriptionPrint.Sample() with { Logo = null };

        using var signedPdf = new PdfReadBack(Prescriptions.Render(signed, Classic));
        using var unsignedPdf = new PdfReadBack(Prescriptions.Render(unsigned, Classic));

        var signature = Assert.Single(signedPdf.Page(1).GetImages());
        Assert.Empty(unsignedPdf.Page(1).GetImages());
        var nameOnPage = signedPdf.Page(1).GetWords().Last(w => w.Text == "Raman");
        Assert.True(signature.BoundingBox.Bottom > nameOnPage.BoundingBox.Top, "The signature is above the doctor's name (PDF y grows upwards).");
        // Letterhead and signature block: the typed name is printed twice, with or without an image.
        Assert.Equal(2, unsignedPdf.PageText(1).Split("Dr. Priya Raman").Length - 1);
    }

    [Fact]
    public void Optional_fields_left_blank_print_no_empty_labels()
    {
        var bare = PrescriptionPrint.Sample() with
        {
            Logo = null, LetterheadAddressLines = [], LetterheadPhone = null, LetterheadEmail = " ", RegistrationLine = null,
            DoctorQualification = null, DoctorSpecialization = null, PatientAge = null, PatientSex = null, PatientMobile = null,
            PatientAllergies = null, Diagnosis = null, Advice = null, FollowUp = null,
            Lines = [new PrescriptionPrintLine("Paracetamol")],
        };

        foreach (var template in Enum.GetValues<PrescriptionTemplate>())
        {
            using var pdf = new PdfReadBack(Prescriptions.Render(bare, PrintLayout.Preset(template)));
            var text = pdf.PageText(1);
            foreach (var label in new[] { "Allergies", "Diagnosis", "Advice", "Follow-up", "Mobile", "Phone", "Age / Sex" })
            {
                Assert.DoesNotContain(label, text, StringComparison.Ordinal);
            }

            Assert.Contains("PARACETAMOL", text, StringComparison.Ordinal);
            Assert.Empty(pdf.Page(1).GetImages());
        }
    }

    [Fact]
    public void A_prescription_without_medicines_says_so()
    {
        using var pdf = new PdfReadBack(Prescriptions.Render(PrescriptionPrint.Sample() with { Lines = [] }, Classic));

        Assert.Contains("No medicines prescribed.", pdf.PageText(1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LogoPosition.Left)]
    [InlineData(LogoPosition.Right)]
    [InlineData(LogoPosition.Centre)]
    public void The_logo_goes_where_the_layout_says(LogoPosition position)
    {
        foreach (var template in Enum.GetValues<PrescriptionTemplate>())
        {
            var layout = PrintLayout.Preset(template) with { LogoPosition = position };
            using var pdf = new PdfReadBack(Prescriptions.Render(PrescriptionPrint.Sample(), layout));
            var page = pdf.Page(1);
            var logo = Assert.Single(page.GetImages()).BoundingBox;
            var third = page.Width / 3;
            var expected = position switch
            {
                LogoPosition.Left => logo.Right < third,
                LogoPosition.Right => logo.Left > 2 * third,
                _ => logo.Left > third * 0.8 && logo.Right < 2.2 * third,
            };
            Assert.True(expected, $"{template}: the logo at x {logo.Left:0}–{logo.Right:0} of {page.Width:0} is not {position}");
        }

        using var none = new PdfReadBack(Prescriptions.Render(PrescriptionPrint.Sample(), Classic with { LogoPosition = LogoPosition.None }));
        Assert.Empty(none.Page(1).GetImages());
    }

    [Fact]
    public void A_larger_font_size_and_wider_margins_take_more_pages()
    {
        var print = PrintSamples.WithLines(12);

        var small = Prescriptions.Render(print, Classic with { FontSizePt = 8 });
        var large = Prescriptions.Render(print, Classic.WithMargins(40, 40, 40, 40) with { FontSizePt = 14 });

        using var smallPdf = new PdfReadBack(small);
        using var largePdf = new PdfReadBack(large);
        Assert.True(largePdf.PageCount > smallPdf.PageCount, $"{largePdf.PageCount} pages at 14 pt, {smallPdf.PageCount} at 8 pt");
    }

    [Fact]
    public void A_logo_that_is_not_an_image_is_refused_with_a_clear_error()
    {
        var print = PrescriptionPrint.Sample() with { Logo = "not an image"u8.ToArray() };

        var error = Assert.Throws<InvalidDataException>(() => Prescriptions.Render(print, Classic));
        Assert.Contains("not a PNG, JPEG or WebP image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layout_outside_the_rules_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Prescriptions.Render(PrescriptionPrint.Sample(), Classic with { FontSizePt = 20 }));

        Assert.Contains("FontSizePt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_logo_is_resampled_before_it_is_embedded()
    {
        var small = PrescriptionPrint.Sample() with { Logo = PrintSamples.Png(200, 200) };
        var huge = PrescriptionPrint.Sample() with { Logo = PrintSamples.Png(3000, 3000) };

        using var pdf = new PdfReadBack(Prescriptions.Render(huge, Classic));

        var logo = Assert.Single(pdf.Page(1).GetImages());
        // Printed about 44 pt wide: 300 dpi is about 183 pixels.
        Assert.InRange(logo.WidthInSamples, 150, 250);
        Assert.True(Prescriptions.Render(huge, Classic).Length < Prescriptions.Render(small, Classic).Length + 20_000);
    }
}
