namespace MedicalApp.Printing.Documents.Layout;

/// <summary>
/// A block of the flowing content, in order: <see cref="SpaceBefore"/> is dropped at the top of a page;
/// <see cref="RepeatedHeader"/> (a table's header row) is drawn above the block when it opens a page;
/// <see cref="KeepWithNext"/> moves the block to the next page with the one after it (a table header with its first row).
/// </summary>
internal sealed record FlowItem(Block Block, float SpaceBefore = 0, Block? RepeatedHeader = null, bool KeepWithNext = false);

/// <summary>Turns elements into blocks at a given width: whole (<see cref="Block(Element, float)"/>) or as a flow of pieces that may go to different pages.</summary>
internal sealed class Layouter(LayoutContext context)
{
    // Resampling is worth it only well above print resolution.
    private const float EmbeddedDpi = 300;

    public Block Block(Element element, float width) => element switch
    {
        Paragraph paragraph => Stack([.. Lines(paragraph, width)], 0),
        Column column => Stack([.. column.Children.Select(child => Block(child, width))], column.Spacing),
        Row row => RowOf(row, width),
        Table table => Stack([.. TableRows(table, width).Select(item => item.Block)], 0),
        Box box => BoxOf(box, width),
        Image image => ImageOf(image, width),
        Rule rule => new RuleBlock(rule, width),
        Spacer spacer => new EmptyBlock(spacer.Height),
        PageNumber pageNumber => new PageNumberBlock(pageNumber, width, TextLayout.LineMetrics(pageNumber.Style, context.Fonts).Height),
        _ => throw new NotSupportedException($"The document engine cannot lay out {element.GetType().Name}."),
    };

    public void Flow(Element element, float width, List<FlowItem> items)
    {
        switch (element)
        {
            case Column { KeepTogether: false } column:
                for (var i = 0; i < column.Children.Count; i++)
                {
                    var first = items.Count;
                    Flow(column.Children[i], width, items);
                    if (i > 0 && items.Count > first)
                    {
                        items[first] = items[first] with { SpaceBefore = items[first].SpaceBefore + column.Spacing };
                    }
                }

                break;
            case Paragraph paragraph:
                items.AddRange(Lines(paragraph, width).Select(line => new FlowItem(line)));
                break;
            case Table table:
                items.AddRange(TableRows(table, width));
                break;
            default:
                items.Add(new FlowItem(Block(element, width)));
                break;
        }
    }

    private IEnumerable<Block> Lines(Paragraph paragraph, float width) =>
        TextLayout.Lay(paragraph, width, context.Shaper).Select(line => new LineBlock(line, width, paragraph.Align));

    private static StackBlock Stack(IReadOnlyList<Block> blocks, float spacing)
    {
        var children = new List<(Block, float)>(blocks.Count);
        var top = 0f;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
            {
                top += spacing;
            }

            children.Add((blocks[i], top));
            top += blocks[i].Height;
        }

        return new StackBlock(children, top);
    }

    private RowBlock RowOf(Row row, float width)
    {
        var widths = Width.Distribute([.. row.Items.Select(i => i.Width)], width, row.Spacing);
        var cells = new List<(Block, float)>(row.Items.Count);
        var left = 0f;
        for (var i = 0; i < row.Items.Count; i++)
        {
            cells.Add((Block(row.Items[i].Content, widths[i]), left));
            left += widths[i] + row.Spacing;
        }

        return new RowBlock(cells, row.VerticalAlign);
    }

    private BoxBlock BoxOf(Box box, float available)
    {
        var width = Math.Min(box.Width ?? available, available);
        var content = box.Content is null ? null : Block(box.Content, Math.Max(0, width - box.Padding.Horizontal));
        return new BoxBlock(box, content, available, width);
    }

    private ImageBlock ImageOf(Image image, float available)
    {
        var decoded = context.Decode(image.Content);
        var scale = Math.Min(Math.Min(image.MaxWidth, available) / decoded.Width, image.MaxHeight / decoded.Height);
        var width = decoded.Width * scale;
        var height = decoded.Height * scale;
        var pixelsWanted = (int)Math.Ceiling(width / Units.PointsPerInch * EmbeddedDpi);
        if (decoded.Width > pixelsWanted * 1.5 && pixelsWanted > 0)
        {
            var pixelsHigh = Math.Max(1, (int)Math.Round(decoded.Height * (double)pixelsWanted / decoded.Width));
            decoded = context.Resample(decoded, pixelsWanted, pixelsHigh);
        }

        return new ImageBlock(decoded, available, width, height, image.Align);
    }

    /// <summary>The header row (kept with the first row, repeated above rows that open a page) and the body rows.</summary>
    private IEnumerable<FlowItem> TableRows(Table table, float width)
    {
        var widths = Width.Distribute(table.Columns, width, 0);
        var style = table.Style;
        TableRowBlock RowBlock(IReadOnlyList<Element> cells, Colour? background, Colour? rule, float ruleWidth)
        {
            if (cells.Count != widths.Length)
            {
                throw new ArgumentException($"A table row has {cells.Count} cells; the table has {widths.Length} columns.");
            }

            var blocks = cells.Select((cell, i) => Block(cell, Math.Max(0, widths[i] - style.CellPadding.Horizontal))).ToList();
            return new TableRowBlock(blocks, widths, style.CellPadding, background, rule, ruleWidth);
        }

        var header = table.Header.Count == 0 ? null : RowBlock(table.Header, style.HeaderBackground, style.HeaderRule, style.HeaderRuleWidth);
        if (header is not null)
        {
            yield return new FlowItem(header, KeepWithNext: table.Rows.Count > 0);
        }

        for (var i = 0; i < table.Rows.Count; i++)
        {
            var background = i % 2 == 1 ? style.StripeBackground : null;
            yield return new FlowItem(RowBlock(table.Rows[i], background, style.RowRule, style.RowRuleWidth), RepeatedHeader: header);
        }
    }
}
