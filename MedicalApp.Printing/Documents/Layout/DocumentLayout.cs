namespace MedicalApp.Printing.Documents.Layout;

/// <summary>A document laid out: its page size and, per page, what to draw.</summary>
internal sealed record LaidOutDocument(PageSize PageSize, IReadOnlyList<IReadOnlyList<DrawOp>> Pages);

/// <summary>
/// Lays a document out: the header and footer once at the content width, the content as a flow of blocks filled into
/// the space between them page by page, then each page drawn (header, its blocks, footer with its page number).
/// </summary>
internal static class DocumentLayout
{
    // Less than this between header and footer cannot hold a prescription's table row: the settings are wrong.
    private const float MinimumBodyHeight = 72;

    public static LaidOutDocument Lay(Document document, LayoutContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        var page = document.PageSize;
        var margins = document.Margins;
        var width = page.Width - margins.Horizontal;
        if (width <= 0)
        {
            throw new ArgumentException($"The margins ({margins.Left:0.#} + {margins.Right:0.#} pt) leave no width on a {page.Name} page.", nameof(document));
        }

        var layouter = new Layouter(context);
        var header = document.Header is null ? null : layouter.Block(document.Header, width);
        var footer = document.Footer is null ? null : layouter.Block(document.Footer, width);
        var bodyTop = margins.Top + (header is null ? 0 : header.Height + document.HeaderSpacing);
        var bodyBottom = page.Height - margins.Bottom - (footer is null ? 0 : footer.Height + document.FooterSpacing);
        if (bodyBottom - bodyTop < MinimumBodyHeight)
        {
            throw new ArgumentException($"The margins, header and footer leave {Math.Max(0, bodyBottom - bodyTop):0} pt of a {page.Name} page for the content.", nameof(document));
        }

        var items = new List<FlowItem>();
        layouter.Flow(document.Content, width, items);
        var pages = Paginate(items, bodyBottom - bodyTop);

        var drawn = new List<IReadOnlyList<DrawOp>>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = new PageCanvas(context, i + 1, pages.Count);
            header?.Draw(canvas, margins.Left, margins.Top);
            foreach (var (block, top) in pages[i])
            {
                block.Draw(canvas, margins.Left, bodyTop + top);
            }

            footer?.Draw(canvas, margins.Left, page.Height - margins.Bottom - footer.Height);
            drawn.Add(canvas.Ops);
        }

        return new LaidOutDocument(page, drawn);
    }

    /// <summary>
    /// Fills pages greedily. A block that does not fit goes to the next page (with the table header it repeats); a
    /// block taller than a whole page is placed alone on its page and runs over its bottom (nothing breaks it).
    /// </summary>
    internal static List<List<(Block Block, float Top)>> Paginate(IReadOnlyList<FlowItem> items, float bodyHeight)
    {
        var pages = new List<List<(Block, float)>> { new() };
        var y = 0f;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var page = pages[^1];
            var space = page.Count == 0 ? 0 : item.SpaceBefore;
            var needed = space + item.Block.Height;
            if (item.KeepWithNext && i + 1 < items.Count)
            {
                needed += items[i + 1].SpaceBefore + items[i + 1].Block.Height;
            }

            if (page.Count > 0 && y + needed > bodyHeight + 0.01f)
            {
                page = [];
                pages.Add(page);
                y = 0;
                space = 0;
            }

            if (page.Count == 0 && item.RepeatedHeader is { } repeated)
            {
                page.Add((repeated, y));
                y += repeated.Height;
            }

            page.Add((item.Block, y + space));
            y += space + item.Block.Height;
        }

        return pages;
    }
}
