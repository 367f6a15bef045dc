namespace MedicalApp.Printing.Documents;

/// <summary>
/// A document to print: the page, its margins, a header and a footer drawn on every page, and the content that flows
/// from page to page between them.
/// </summary>
public sealed record Document
{
    public required PageSize PageSize { get; init; }

    public Spacing Margins { get; init; } = Spacing.All(Units.Mm(15));

    /// <summary>Drawn at the top of every page, laid out once.</summary>
    public Element? Header { get; init; }

    /// <summary>Drawn at the bottom of every page, laid out once; a <see cref="PageNumber"/> in it is filled in per page.</summary>
    public Element? Footer { get; init; }

    public required Element Content { get; init; }

    /// <summary>Space between the header and the content.</summary>
    public float HeaderSpacing { get; init; } = 12;

    /// <summary>Space between the content and the footer.</summary>
    public float FooterSpacing { get; init; } = 8;

    public required DocumentInfo Info { get; init; }
}

/// <summary>
/// The PDF's metadata. <see cref="Created"/> is written as its creation and modification date: taken from what the
/// document shows (a prescription's time), never the clock, so the same document always gives the same bytes.
/// </summary>
public sealed record DocumentInfo(string Title, DateTime Created)
{
    public string? Author { get; init; }

    public string? Subject { get; init; }
}
