using MedicalApp.Printing.Documents;
using MedicalApp.Printing.Documents.Rendering;

namespace MedicalApp.Tests.Printing;

/// <summary>The document engine on its own: pagination, repeated headers, page numbers, wrapping, metadata.</summary>
public sealed class DocumentEngineTests
{
    private static readonly DocumentRenderer Renderer = new();

    private static readonly DateTime Written = new(2026, 11, 26, 4, 30, 0, DateTimeKind.Utc);

    private static Document Of(Element content, Element? header = null, Element? footer = null, PageSize? page = null) => new()
    {
        PageSize = page ?? PageSize.A5,
        Margins = Spacing.All(Units.Mm(10)),
        Header = header,
        Footer = footer,
        Content = content,
        Info = new DocumentInfo("Engine test", Written) { Author = "Tester" },
    };

    private static Table Table(int rows, int linesPerRow = 1) => new(
        [Width.Fixed(30), Width.Relative(2), Width.Relative(1)],
        [Paragraph.Of("No."), Paragraph.Of("Item"), Paragraph.Of("Note")],
        [.. Enumerable.Range(1, rows).Select(i => (IReadOnlyList<Element>)
            [Paragraph.Of($"{i}"), Paragraph.Of(string.Join("\n", Enumerable.Range(1, linesPerRow).Select(l => $"row {i} line {l}"))), Paragraph.Of("note")])]);

    [Fact]
    public void A_long_table_repeats_its_header_row_on_every_page_and_never_splits_a_row()
    {
        var document = Of(Table(60, linesPerRow: 3), header: Paragraph.Of("LETTERHEAD"), footer: new PageNumber());

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        Assert.True(pdf.PageCount >= 3, $"{pdf.PageCount} pages");
        Assert.Equal(pdf.PageCount, Renderer.CountPages(document));
        var pages = pdf.PageTexts().ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.StartsWith("LETTERHEAD\nNo.ItemNote\n", pages[i], StringComparison.Ordinal);
            Assert.EndsWith($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
        }

        for (var row = 1; row <= 60; row++)
        {
            var page = Assert.Single(pages, p => p.Contains($"row {row} line 1\n", StringComparison.Ordinal));
            Assert.Contains($"row {row} line 3", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_table_header_is_not_left_alone_at_the_bottom_of_a_page()
    {
        // Fill the page until only the header row (not the header and a row) would fit.
        var lineHeight = new TextStyle().Size * new TextStyle().LineHeight;
        var body = PageSize.A5.Height - (2 * Units.Mm(10));
        var headerRowHeight = lineHeight + 8.5f;   // a line, the cell padding and the header rule
        var filler = new Spacer(body - headerRowHeight - 2);
        var document = Of(new Column([filler, Table(3)]));

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        Assert.Equal(2, pdf.PageCount);
        Assert.Equal("", pdf.PageText(1));
        Assert.StartsWith("No.ItemNote\n1", pdf.PageText(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_wraps_at_spaces_by_shaped_width_and_keeps_explicit_line_breaks()
    {
        var words = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}"));
        var document = Of(new Row([new RowItem(Width.Fixed(150), Paragraph.Of(words + "\nlast line"))]));

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        var page = pdf.Page(1);
        var lines = pdf.PageText(1).Split('\n');
        Assert.True(lines.Length > 10, $"{lines.Length} lines");
        Assert.Equal("last line", lines[^1]);
        // No word is cut, and no line runs past the 150 pt column.
        Assert.Equal(words.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines[..^1]).Replace(" ", "", StringComparison.Ordinal));
        var left = Units.Mm(10);
        Assert.All(page.Letters, letter => Assert.True(letter.BoundingBox.Right <= left + 150.5, $"'{letter.Value}' ends at {letter.BoundingBox.Right:0.0}"));
        Assert.All(lines[..^1], line => Assert.Matches(@"^(word\d+ ?)+$", line));
    }

    [Fact]
    public void A_word_wider_than_its_column_is_broken_between_characters()
    {
        var word = new string('W', 80);
        var document = Of(new Row([new RowItem(Width.Fixed(100), Paragraph.Of(word))]));

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        var lines = pdf.PageText(1).Split('\n');
        Assert.True(lines.Length > 4, $"{lines.Length} lines");
        Assert.Equal(word, string.Concat(lines));
        Assert.All(pdf.Page(1).Letters, letter => Assert.True(letter.BoundingBox.Right <= Units.Mm(10) + 100.5));
    }

    [Fact]
    public void Alignment_places_a_line_left_centred_or_right()
    {
        var document = Of(new Column(
        [
            Paragraph.Of("L", align: TextAlign.Left),
            Paragraph.Of("C", align: TextAlign.Centre),
            Paragraph.Of("R", align: TextAlign.Right),
        ]));

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        var letters = pdf.Page(1).Letters.ToDictionary(l => l.Value, l => l.BoundingBox);
        var left = Units.Mm(10);
        var right = PageSize.A5.Width - Units.Mm(10);
        Assert.InRange(letters["L"].Left, left - 0.5, left + 2);
        Assert.InRange((letters["C"].Left + letters["C"].Right) / 2, (PageSize.A5.Width / 2) - 1, (PageSize.A5.Width / 2) + 1);
        Assert.InRange(letters["R"].Right, right - 2, right + 0.5);
    }

    [Fact]
    public void Runs_of_one_paragraph_keep_their_own_size_weight_and_colour()
    {
        var document = Of(new Paragraph([new TextRun("small "), new TextRun("BIG") { Size = 20, Bold = true, Colour = Colour.Hex("#B42318") }]));

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        var letters = pdf.Page(1).Letters;
        var small = letters.First(l => l.Value == "s");
        var big = letters.First(l => l.Value == "B");
        Assert.Equal(10, small.PointSize, 1);
        Assert.Equal(20, big.PointSize, 1);
        Assert.Contains("Bold", big.FontName, StringComparison.Ordinal);
        Assert.DoesNotContain("Bold", small.FontName, StringComparison.Ordinal);
        Assert.Equal(small.StartBaseLine.Y, big.StartBaseLine.Y, 2);   // one line, one baseline
    }

    [Fact]
    public void The_metadata_is_fixed_by_the_document_so_the_bytes_are_too()
    {
        var document = Of(Paragraph.Of("Same every time"));

        var first = Renderer.RenderPdf(document);
        var second = Renderer.RenderPdf(document);

        Assert.Equal(first, second);
        using var pdf = new PdfReadBack(first);
        var information = pdf.Information;
        Assert.Equal("Engine test", information.Title);
        Assert.Equal("Tester", information.Author);
        Assert.Equal("MedicalApp", information.Creator);
        Assert.StartsWith("D:20261126043000", information.CreationDate, StringComparison.Ordinal);
        Assert.NotEqual(first, Renderer.RenderPdf(document with { Info = document.Info with { Created = Written.AddDays(1) } }));
    }

    [Fact]
    public void Boxes_rules_and_images_are_drawn()
    {
        var document = Of(new Column(
        [
            new Box(Paragraph.Of("in a box")) { Background = Colour.Hex("#F2F4F7"), Border = Colour.Black, Padding = Spacing.All(6), CornerRadius = 3 },
            new Rule { Thickness = 2 },
            new Image(PrintSamples.Png(120, 60)) { MaxWidth = 60, MaxHeight = 60, Align = TextAlign.Right },
        ]) { Spacing = 6 });

        using var pdf = new PdfReadBack(Renderer.RenderPdf(document));

        var page = pdf.Page(1);
        Assert.Contains("in a box", pdf.PageText(1), StringComparison.Ordinal);
        var image = Assert.Single(page.GetImages()).BoundingBox;
        Assert.Equal(60, image.Width, 1);
        Assert.Equal(30, image.Height, 1);   // proportions kept
        Assert.Equal(PageSize.A5.Width - Units.Mm(10), image.Right, 1);
        Assert.True(page.Paths.Count >= 3, $"{page.Paths.Count} paths: the box's fill and border, and the rule");
    }

    [Fact]
    public void Margins_or_a_header_that_leave_no_room_for_content_are_refused()
    {
        var tall = new Spacer(PageSize.A5.Height);

        Assert.Throws<ArgumentException>(() => Renderer.RenderPdf(Of(Paragraph.Of("x"), header: tall)));
        Assert.Throws<ArgumentException>(() => Renderer.RenderPdf(Of(Paragraph.Of("x")) with { Margins = Spacing.Symmetric(10, 300) }));
    }

    [Fact]
    public void A_page_outside_the_document_cannot_be_previewed()
    {
        var document = Of(Paragraph.Of("one page"));

        Assert.Throws<ArgumentOutOfRangeException>(() => Renderer.RenderPng(document, pageNumber: 2));
        Assert.NotEmpty(Renderer.RenderPng(document, pageNumber: 1, dpi: 30));
    }
}
