using MedicalApp.Printing.Shaping;
using SkiaSharp;

namespace MedicalApp.Printing.Documents.Layout;

/// <summary>What a laid-out page draws, in page points (y down); the PDF and the PNG renderer paint the same list.</summary>
internal abstract record DrawOp;

/// <summary>Shaped glyphs with their text, at (<see cref="X"/>, <see cref="Baseline"/>).</summary>
internal sealed record GlyphRunOp(ShapedRun Run, Colour Colour, float X, float Baseline) : DrawOp;

internal sealed record RectOp(SKRect Rect, Colour? Fill, Colour? Stroke, float StrokeWidth, float CornerRadius) : DrawOp;

internal sealed record LineOp(SKPoint From, SKPoint To, float Thickness, Colour Colour) : DrawOp;

/// <summary>An image decoded for this document (disposed with it).</summary>
internal sealed record ImageOp(SKImage Image, SKRect Rect) : DrawOp;

/// <summary>One page being drawn: where blocks put their operations, and the page's number for page numbers.</summary>
internal sealed class PageCanvas(LayoutContext context, int pageNumber, int pageCount)
{
    public List<DrawOp> Ops { get; } = [];

    public LayoutContext Context { get; } = context;

    public int PageNumber { get; } = pageNumber;

    public int PageCount { get; } = pageCount;
}
