using MedicalApp.Printing.Documents;

namespace MedicalApp.Printing.Prescriptions;

/// <summary>The colours of one template. Text colours keep at least 4.5:1 against white (and the band's text against the band).</summary>
internal sealed record PrescriptionTheme
{
    public required Colour Accent { get; init; }

    /// <summary>Text set on the accent colour (the Modern band, a filled table header).</summary>
    public Colour OnAccent { get; init; } = Colour.White;

    /// <summary>Secondary text set on the accent colour.</summary>
    public Colour OnAccentMuted { get; init; } = Colour.White;

    public Colour Ink { get; init; } = Colour.Hex("#101828");

    public Colour Muted { get; init; } = Colour.Hex("#475467");

    public Colour Hairline { get; init; } = Colour.Hex("#D0D5DD");

    public Colour Alert { get; init; } = Colour.Hex("#B42318");

    public Colour AlertBackground { get; init; } = Colour.Hex("#FEF3F2");

    public Colour? TableHeaderBackground { get; init; }

    public Colour TableHeaderText { get; init; } = Colour.Hex("#101828");

    public Colour? TableStripe { get; init; }

    public Colour? PatientBackground { get; init; }

    public static PrescriptionTheme For(PrescriptionTemplate template) => template switch
    {
        PrescriptionTemplate.Classic => new()
        {
            Accent = Colour.Hex("#1F3A5F"),
            TableHeaderBackground = Colour.Hex("#EEF2F7"),
            TableHeaderText = Colour.Hex("#1F3A5F"),
        },
        PrescriptionTemplate.Modern => new()
        {
            Accent = Colour.Hex("#0E6170"),
            OnAccentMuted = Colour.Hex("#D5F0F3"),
            TableHeaderBackground = Colour.Hex("#0E6170"),
            TableHeaderText = Colour.White,
            TableStripe = Colour.Hex("#F0F7F8"),
            PatientBackground = Colour.Hex("#F2F4F7"),
        },
        PrescriptionTemplate.Minimal => new()
        {
            Accent = Colour.Hex("#101828"),
        },
        PrescriptionTemplate.Letter => new()
        {
            Accent = Colour.Hex("#7A2331"),
            TableHeaderText = Colour.Hex("#7A2331"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Not a prescription template."),
    };
}
