using SkiaSharp;

namespace MedicalApp.Printing.Documents.Layout;

/// <summary>
/// An element measured at a width: its height is known, and it can draw itself at any place on any page (a header is
/// laid out once and drawn on every page).
/// </summary>
internal abstract class Block
{
    public abstract float Height { get; }

    public abstract void Draw(PageCanvas canvas, float x, float y);

    protected static float AlignOffset(TextAlign align, float available, float used) => align switch
    {
        TextAlign.Centre => (available - used) / 2,
        TextAlign.Right => available - used,
        _ => 0,
    };
}

internal sealed class EmptyBlock(float height) : Block
{
    public override float Height { get; } = height;

    public override void Draw(PageCanvas canvas, float x, float y)
    {
    }
}

/// <summary>Blocks one under the other, each at its offset from the top.</summary>
internal sealed class StackBlock(IReadOnlyList<(Block Block, float Top)> children, float height) : Block
{
    public override float Height { get; } = height;

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        foreach (var (block, top) in children)
        {
            block.Draw(canvas, x, y + top);
        }
    }
}

/// <summary>Blocks side by side, each at its offset from the left, aligned vertically within the tallest.</summary>
internal sealed class RowBlock(IReadOnlyList<(Block Block, float Left)> cells, VerticalAlign align) : Block
{
    public override float Height { get; } = cells.Count == 0 ? 0 : cells.Max(c => c.Block.Height);

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        foreach (var (block, left) in cells)
        {
            var top = align switch
            {
                VerticalAlign.Middle => (Height - block.Height) / 2,
                VerticalAlign.Bottom => Height - block.Height,
                _ => 0,
            };
            block.Draw(canvas, x + left, y + top);
        }
    }
}

/// <summary>One line of a paragraph, aligned within the paragraph's width.</summary>
internal sealed class LineBlock(TextLine line, float width, TextAlign align) : Block
{
    public override float Height => line.Height;

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        var left = x + AlignOffset(align, width, line.Width);
        foreach (var placed in line.Runs)
        {
            canvas.Ops.Add(new GlyphRunOp(placed.Run, placed.Colour, left + placed.X, y + line.Baseline));
        }
    }
}

/// <summary>"Page n of N", shaped on each page it is drawn on.</summary>
internal sealed class PageNumberBlock(PageNumber element, float width, float height) : Block
{
    public override float Height { get; } = height;

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        var text = element.Format
            .Replace("{page}", canvas.PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{pages}", canvas.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var top = y;
        foreach (var line in TextLayout.Lay(Paragraph.Of(text, element.Style, element.Align), width, canvas.Context.Shaper))
        {
            new LineBlock(line, width, element.Align).Draw(canvas, x, top);
            top += line.Height;
        }
    }
}

internal sealed class RuleBlock(Rule rule, float width) : Block
{
    public override float Height => rule.Thickness;

    public override void Draw(PageCanvas canvas, float x, float y) =>
        canvas.Ops.Add(new LineOp(new SKPoint(x, y + (rule.Thickness / 2)), new SKPoint(x + width, y + (rule.Thickness / 2)), rule.Thickness, rule.Colour));
}

/// <summary>A box: fill and border around its padded content, at its own width aligned within the available one.</summary>
internal sealed class BoxBlock(Box box, Block? content, float available, float width) : Block
{
    public override float Height { get; } = Math.Max(box.MinHeight, box.Padding.Vertical + (content?.Height ?? 0));

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        var left = x + AlignOffset(box.Align, available, width);
        var rect = new SKRect(left, y, left + width, y + Height);
        if (box.Background is not null || box.Border is not null)
        {
            canvas.Ops.Add(new RectOp(rect, box.Background, box.Border, box.BorderWidth, box.CornerRadius));
        }

        content?.Draw(canvas, left + box.Padding.Left, y + box.Padding.Top);
    }
}

internal sealed class ImageBlock(SKImage image, float available, float width, float height, TextAlign align) : Block
{
    public override float Height { get; } = height;

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        var left = x + AlignOffset(align, available, width);
        canvas.Ops.Add(new ImageOp(image, new SKRect(left, y, left + width, y + Height)));
    }
}

/// <summary>A table row: optional background, the cells with their padding, and the rule under it.</summary>
internal sealed class TableRowBlock(IReadOnlyList<Block> cells, float[] widths, Spacing padding, Colour? background, Colour? rule, float ruleWidth) : Block
{
    public override float Height { get; } = (cells.Count == 0 ? 0 : cells.Max(c => c.Height)) + padding.Vertical + (rule is null ? 0 : ruleWidth);

    public override void Draw(PageCanvas canvas, float x, float y)
    {
        var total = widths.Sum();
        if (background is { } fill)
        {
            canvas.Ops.Add(new RectOp(new SKRect(x, y, x + total, y + Height), fill, null, 0, 0));
        }

        var left = x;
        for (var i = 0; i < cells.Count; i++)
        {
            cells[i].Draw(canvas, left + padding.Left, y + padding.Top);
            left += widths[i];
        }

        if (rule is { } colour)
        {
            var ruleY = y + Height - (ruleWidth / 2);
            canvas.Ops.Add(new LineOp(new SKPoint(x, ruleY), new SKPoint(x + total, ruleY), ruleWidth, colour));
        }
    }
}
