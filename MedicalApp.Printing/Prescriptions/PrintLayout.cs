using System.Globalization;

namespace MedicalApp.Printing.Prescriptions;

/// <summary>The designs a practice chooses from for its prescriptions.</summary>
public enum PrescriptionTemplate
{
    /// <summary>A4, the letterhead centred over a double rule.</summary>
    Classic,

    /// <summary>A4, a coloured band across the top with the logo on the left.</summary>
    Modern,

    /// <summary>A5, compact, no boxes or fills.</summary>
    Minimal,

    /// <summary>US Letter, the letterhead on the left over a rule, in the classic manner.</summary>
    Letter,
}

public enum PaperSize
{
    A4,
    A5,
    Letter,
}

public enum LogoPosition
{
    Left,
    Right,
    Centre,
    None,
}

/// <summary>
/// How a practice's prescriptions are laid out: a template, the paper, margins, where the logo goes and the base text
/// size. Start from <see cref="Preset"/>; the settings form and the renderer check the same <see cref="PrintLayoutRules"/>.
/// </summary>
public sealed record PrintLayout
{
    public PrescriptionTemplate Template { get; init; }

    public PaperSize PaperSize { get; init; }

    public decimal MarginTopMm { get; init; }

    public decimal MarginRightMm { get; init; }

    public decimal MarginBottomMm { get; init; }

    public decimal MarginLeftMm { get; init; }

    public LogoPosition LogoPosition { get; init; }

    /// <summary>The size of body text; headings and small print scale with it.</summary>
    public decimal FontSizePt { get; init; }

    /// <summary>The template's own paper, margins, logo position and text size.</summary>
    public static PrintLayout Preset(PrescriptionTemplate template) => template switch
    {
        PrescriptionTemplate.Classic => new PrintLayout { Template = template, PaperSize = PaperSize.A4, LogoPosition = LogoPosition.Centre, FontSizePt = 10 }.WithMargins(18, 18, 16, 18),
        PrescriptionTemplate.Modern => new PrintLayout { Template = template, PaperSize = PaperSize.A4, LogoPosition = LogoPosition.Left, FontSizePt = 10 }.WithMargins(14, 15, 14, 15),
        PrescriptionTemplate.Minimal => new PrintLayout { Template = template, PaperSize = PaperSize.A5, LogoPosition = LogoPosition.Left, FontSizePt = 8.5m }.WithMargins(10, 10, 10, 10),
        PrescriptionTemplate.Letter => new PrintLayout { Template = template, PaperSize = PaperSize.Letter, LogoPosition = LogoPosition.Right, FontSizePt = 10 }.WithMargins(19, 19, 16, 19),
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Not a prescription template."),
    };

    public PrintLayout WithMargins(decimal top, decimal right, decimal bottom, decimal left) =>
        this with { MarginTopMm = top, MarginRightMm = right, MarginBottomMm = bottom, MarginLeftMm = left };
}

/// <summary>
/// The limits of a print layout, shared by the settings form (next to each field) and the renderer (which refuses a
/// layout outside them). Each rule returns null when the value is acceptable, otherwise the message to show.
/// </summary>
public static class PrintLayoutRules
{
    public const decimal MinMarginMm = 5;
    public const decimal MaxMarginMm = 40;
    public const decimal MinFontSizePt = 8;
    public const decimal MaxFontSizePt = 14;

    public static string? MarginError(decimal? millimetres) => millimetres switch
    {
        null => "Enter the margin in millimetres.",
        < MinMarginMm or > MaxMarginMm => $"The margin must be between {MinMarginMm} and {MaxMarginMm} mm.",
        _ => null,
    };

    public static string? FontSizeError(decimal? points) => points switch
    {
        null => "Enter the text size in points.",
        < MinFontSizePt or > MaxFontSizePt => $"The text size must be between {MinFontSizePt} and {MaxFontSizePt} pt.",
        _ => null,
    };

    public static string? TemplateError(PrescriptionTemplate template) =>
        Enum.IsDefined(template) ? null : "Choose one of the templates.";

    public static string? PaperSizeError(PaperSize paperSize) =>
        Enum.IsDefined(paperSize) ? null : "Choose A4, A5 or Letter.";

    public static string? LogoPositionError(LogoPosition position) =>
        Enum.IsDefined(position) ? null : "Choose where the logo goes.";

    /// <summary>Every field's message, keyed by the <see cref="PrintLayout"/> property it is about; empty when valid.</summary>
    public static IReadOnlyDictionary<string, string> Errors(PrintLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var errors = new Dictionary<string, string>();
        void Check(string field, string? error)
        {
            if (error is not null)
            {
                errors[field] = error;
            }
        }

        Check(nameof(PrintLayout.Template), TemplateError(layout.Template));
        Check(nameof(PrintLayout.PaperSize), PaperSizeError(layout.PaperSize));
        Check(nameof(PrintLayout.MarginTopMm), MarginError(layout.MarginTopMm));
        Check(nameof(PrintLayout.MarginRightMm), MarginError(layout.MarginRightMm));
        Check(nameof(PrintLayout.MarginBottomMm), MarginError(layout.MarginBottomMm));
        Check(nameof(PrintLayout.MarginLeftMm), MarginError(layout.MarginLeftMm));
        Check(nameof(PrintLayout.LogoPosition), LogoPositionError(layout.LogoPosition));
        Check(nameof(PrintLayout.FontSizePt), FontSizeError(layout.FontSizePt));
        return errors;
    }

    internal static void ThrowIfInvalid(PrintLayout layout)
    {
        var errors = Errors(layout);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The print layout is not valid: " +
                string.Join(" ", errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}: {e.Value}"))), nameof(layout));
        }
    }
}
