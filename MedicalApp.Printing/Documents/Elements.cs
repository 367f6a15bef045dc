namespace MedicalApp.Printing.Documents;

/// <summary>
/// A piece of a document. Elements are plain immutable descriptions; the layout pass measures them with shaped text
/// and breaks them into pages. What may break across a page: a <see cref="Column"/> between its children, a
/// <see cref="Paragraph"/> between its lines, a <see cref="Table"/> between its rows (its header row is repeated on
/// the next page). Everything else is kept whole, and so is anything inside a <see cref="Row"/> or a <see cref="Box"/>.
/// </summary>
public abstract record Element;

/// <summary>Elements one under the other, <see cref="Spacing"/> points apart.</summary>
public sealed record Column(IReadOnlyList<Element> Children) : Element
{
    public float Spacing { get; init; }

    /// <summary>Moves the whole column to the next page rather than breaking it (a signature block, a patient card).</summary>
    public bool KeepTogether { get; init; }
}

/// <summary>Elements side by side; each takes the width its <see cref="RowItem.Width"/> says.</summary>
public sealed record Row(IReadOnlyList<RowItem> Items) : Element
{
    public float Spacing { get; init; }

    public VerticalAlign VerticalAlign { get; init; } = VerticalAlign.Top;
}

public sealed record RowItem(Width Width, Element Content);

/// <summary>
/// A width within a row or a table: a fixed number of points, or a share of what the fixed widths and spacing leave
/// (shares are relative to one another: 2 is twice 1).
/// </summary>
public readonly record struct Width(float Value, bool IsFixed)
{
    public static Width Fixed(float points) => new(points, true);

    public static Width Relative(float share = 1) => new(share, false);

    /// <summary>Widths of <paramref name="widths"/> sharing <paramref name="available"/> points with gaps of <paramref name="spacing"/>.</summary>
    public static float[] Distribute(IReadOnlyList<Width> widths, float available, float spacing)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var fixedTotal = widths.Where(w => w.IsFixed).Sum(w => w.Value);
        var shares = widths.Where(w => !w.IsFixed).Sum(w => w.Value);
        var left = Math.Max(0, available - fixedTotal - (spacing * Math.Max(0, widths.Count - 1)));
        return [.. widths.Select(w => w.IsFixed ? w.Value : shares > 0 ? left * w.Value / shares : 0)];
    }
}

/// <summary>How text looks: size in points, weight, colour, and line height as a multiple of the size.</summary>
public sealed record TextStyle
{
    public static TextStyle Default { get; } = new();

    public float Size { get; init; } = 10;

    public bool Bold { get; init; }

    public Colour Colour { get; init; } = Colour.Black;

    public float LineHeight { get; init; } = 1.35f;
}

/// <summary>A stretch of a paragraph's text; unset properties come from the paragraph's style.</summary>
public sealed record TextRun(string Text)
{
    public float? Size { get; init; }

    public bool? Bold { get; init; }

    public Colour? Colour { get; init; }
}

/// <summary>
/// Text in any mix of Latin, Devanagari and Tamil (the font is chosen per run of characters), wrapped at spaces and
/// after hyphens and slashes by its shaped width; a word wider than the line is broken between characters. "\n"
/// starts a new line.
/// </summary>
public sealed record Paragraph(IReadOnlyList<TextRun> Runs) : Element
{
    public TextStyle Style { get; init; } = TextStyle.Default;

    public TextAlign Align { get; init; } = TextAlign.Left;

    public static Paragraph Of(string text, TextStyle? style = null, TextAlign align = TextAlign.Left) =>
        new([new TextRun(text)]) { Style = style ?? TextStyle.Default, Align = align };
}

/// <summary>"Page 2 of 3": filled in on each page, so it belongs in a header or footer.</summary>
public sealed record PageNumber : Element
{
    /// <summary>The text, with {page} and {pages} for the page's number and the number of pages.</summary>
    public string Format { get; init; } = "Page {page} of {pages}";

    public TextStyle Style { get; init; } = TextStyle.Default;

    public TextAlign Align { get; init; } = TextAlign.Right;
}

/// <summary>A horizontal line across the available width.</summary>
public sealed record Rule : Element
{
    public float Thickness { get; init; } = 0.75f;

    public Colour Colour { get; init; } = Colour.Black;
}

/// <summary>Empty vertical space.</summary>
public sealed record Spacer(float Height) : Element;

/// <summary>A rectangle around its content (optional): fill, border, rounded corners, padding.</summary>
public sealed record Box(Element? Content = null) : Element
{
    public Colour? Background { get; init; }

    public Colour? Border { get; init; }

    public float BorderWidth { get; init; } = 0.75f;

    public float CornerRadius { get; init; }

    public Spacing Padding { get; init; } = Spacing.None;

    /// <summary>The box is at least this tall (a filled band with no content needs it).</summary>
    public float MinHeight { get; init; }

    /// <summary>The box's width when smaller than the space it is given (a badge); null takes the whole width.</summary>
    public float? Width { get; init; }

    public TextAlign Align { get; init; } = TextAlign.Left;
}

/// <summary>
/// A PNG, JPEG or WebP image, scaled to fit within <see cref="MaxWidth"/> × <see cref="MaxHeight"/> points (and the
/// width it is given) keeping its proportions, and aligned within that width. An image far larger than its printed
/// size is resampled to 300 dpi before it is embedded, so a 4000-pixel logo does not weigh down every prescription.
/// Bytes that are not such an image make the document fail with <see cref="InvalidDataException"/>.
/// </summary>
public sealed record Image(byte[] Content) : Element
{
    public float MaxWidth { get; init; } = float.MaxValue;

    public float MaxHeight { get; init; } = float.MaxValue;

    public TextAlign Align { get; init; } = TextAlign.Left;
}

/// <summary>
/// Rows of cells under a header row. A row is never split across pages; when rows continue on the next page, the
/// header row is drawn again above them.
/// </summary>
public sealed record Table(IReadOnlyList<Width> Columns, IReadOnlyList<Element> Header, IReadOnlyList<IReadOnlyList<Element>> Rows) : Element
{
    public TableStyle Style { get; init; } = TableStyle.Default;
}

public sealed record TableStyle
{
    public static TableStyle Default { get; } = new();

    public Colour? HeaderBackground { get; init; }

    /// <summary>The background of every second body row, for following a row across the page.</summary>
    public Colour? StripeBackground { get; init; }

    /// <summary>The line under each body row; none when null.</summary>
    public Colour? RowRule { get; init; } = Colour.Hex("#D0D5DD");

    public float RowRuleWidth { get; init; } = 0.5f;

    /// <summary>The line under the header row; none when null.</summary>
    public Colour? HeaderRule { get; init; } = Colour.Black;

    public float HeaderRuleWidth { get; init; } = 1f;

    public Spacing CellPadding { get; init; } = Spacing.Symmetric(4, 4);
}
