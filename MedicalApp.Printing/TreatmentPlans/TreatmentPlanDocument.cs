using MedicalApp.Printing.Documents;
using MedicalApp.Printing.Documents.Rendering;

namespace MedicalApp.Printing.TreatmentPlans;

/// <summary>What a printed treatment plan shows, already in words (amounts as "₹12,000", dates in the practice's zone).</summary>
public sealed record TreatmentPlanPrint
{
    public required string LetterheadName { get; init; }

    public IReadOnlyList<string> LetterheadAddressLines { get; init; } = [];

    public string? LetterheadPhone { get; init; }

    public string? LetterheadEmail { get; init; }

    public string? RegistrationLine { get; init; }

    public required string DoctorName { get; init; }

    public string? DoctorQualification { get; init; }

    public required string PatientName { get; init; }

    public string? PatientAgeSex { get; init; }

    public string? PatientMobile { get; init; }

    public required string Title { get; init; }

    public required string Date { get; init; }

    public required string Status { get; init; }

    public string? Notes { get; init; }

    public required IReadOnlyList<TreatmentPlanPrintPhase> Phases { get; init; }

    public required string Total { get; init; }

    /// <summary>"Accepted on 3 Dec 2026 (signed the printed plan), recorded by …" once decided; acceptance lines to sign otherwise.</summary>
    public string? Decision { get; init; }

    public DateTime PrintedAtUtc { get; init; }
}

public sealed record TreatmentPlanPrintPhase(string Name, IReadOnlyList<TreatmentPlanPrintLine> Lines, string Subtotal);

public sealed record TreatmentPlanPrintLine(string Code, string Procedure, string Teeth, string Status, string Cost);

/// <summary>
/// Prints a treatment plan on A4: the practice's letterhead and the doctor, the patient, the plan's phases as one table
/// (procedure, teeth, status, estimate, with each phase's subtotal), the total, and lines for the patient's acceptance
/// (or the decision already recorded). Thread-safe; the app keeps one.
/// </summary>
public sealed class TreatmentPlanDocument(DocumentRenderer renderer)
{
    private const float Size = 10;
    private static readonly Colour Ink = Colour.Hex("#101828");
    private static readonly Colour Muted = Colour.Hex("#475467");
    private static readonly Colour Accent = Colour.Hex("#1F3A5F");
    private static readonly Colour Hairline = Colour.Hex("#D0D5DD");
    private static readonly Colour PhaseBackground = Colour.Hex("#EEF2F7");

    public byte[] Render(TreatmentPlanPrint print) => renderer.RenderPdf(Compose(print));

    public static Document Compose(TreatmentPlanPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        return new Document
        {
            PageSize = PageSize.A4,
            Margins = Spacing.All(Units.Mm(15)),
            Header = Header(print),
            Footer = new Column(
            [
                new Rule { Thickness = 0.5f, Colour = Hairline },
                new Row(
                [
                    new(Width.Relative(3), Text($"Treatment plan · {print.PatientName}", 0.8f, colour: Muted)),
                    new(Width.Relative(1), new PageNumber { Style = Style(0.8f, colour: Muted), Align = TextAlign.Right }),
                ]),
            ]) { Spacing = 3 },
            HeaderSpacing = 12,
            FooterSpacing = 10,
            Content = Content(print),
            Info = new DocumentInfo($"Treatment plan: {print.Title}", print.PrintedAtUtc)
            {
                Author = print.DoctorName,
                Subject = $"Treatment plan for {print.PatientName}",
            },
        };
    }

    private static TextStyle Style(float scale = 1, bool bold = false, Colour? colour = null) =>
        new() { Size = Size * scale, Bold = bold, Colour = colour ?? Ink, LineHeight = 1.3f };

    private static Paragraph Text(string text, float scale = 1, bool bold = false, Colour? colour = null, TextAlign align = TextAlign.Left) =>
        Paragraph.Of(text, Style(scale, bold, colour), align);

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);

    private static Column Header(TreatmentPlanPrint print)
    {
        var letterhead = new List<Element> { Text(print.LetterheadName.Trim(), 1.8f, bold: true, Accent, TextAlign.Centre) };
        letterhead.AddRange(print.LetterheadAddressLines.Where(Has).Select(l => (Element)Text(l.Trim(), 0.9f, colour: Muted, align: TextAlign.Centre)));
        var contact = string.Join("  ·  ", new[] { Has(print.LetterheadPhone) ? "Phone " + print.LetterheadPhone!.Trim() : null, print.LetterheadEmail }.Where(Has));
        if (contact.Length > 0)
        {
            letterhead.Add(Text(contact, 0.9f, colour: Muted, align: TextAlign.Centre));
        }

        if (Has(print.RegistrationLine))
        {
            letterhead.Add(Text(print.RegistrationLine!.Trim(), 0.8f, colour: Muted, align: TextAlign.Centre));
        }

        var doctor = new Column(Has(print.DoctorQualification)
            ? [Text(print.DoctorName, 1.1f, bold: true), Text(print.DoctorQualification!.Trim(), 0.9f, colour: Muted)]
            : [Text(print.DoctorName, 1.1f, bold: true)]);
        var date = new Column([Text("Date  " + print.Date, align: TextAlign.Right), Text("Status  " + print.Status, align: TextAlign.Right)]);
        return new Column(
        [
            new Column(letterhead) { Spacing = 1 },
            new Rule { Thickness = 1.6f, Colour = Accent },
            new Row([new(Width.Relative(3), doctor), new(Width.Relative(2), date)]),
        ])
        { Spacing = 6 };
    }

    private static Column Content(TreatmentPlanPrint print)
    {
        var parts = new List<Element>
        {
            Text("Treatment plan: " + print.Title.Trim(), 1.4f, bold: true, Accent),
            new Box(new Row(
            [
                new(Width.Relative(2.4f), new Column([Text("Patient", 0.8f, colour: Muted), Text(print.PatientName, 1.1f, bold: true)])),
                new(Width.Relative(1.2f), new Column([Text("Age / Sex", 0.8f, colour: Muted), Text(print.PatientAgeSex ?? "—")])),
                new(Width.Relative(1.3f), new Column([Text("Mobile", 0.8f, colour: Muted), Text(print.PatientMobile ?? "—")])),
            ]) { Spacing = Size })
            {
                Border = Hairline,
                CornerRadius = 4,
                Padding = Spacing.Symmetric(Size * 0.6f, Size),
            },
        };
        if (Has(print.Notes))
        {
            parts.Add(new Column([Text("Notes", 0.85f, bold: true, Accent), Text(print.Notes!.Trim())]) { Spacing = 2 });
        }

        parts.Add(Phases(print));
        parts.Add(new Row([new(Width.Relative(), Text("Total estimate", 1.15f, bold: true)), new(Width.Fixed(140), Text(print.Total, 1.15f, bold: true, align: TextAlign.Right))]));
        parts.Add(Text("Estimates in Indian rupees. The final cost may change if the treatment needed changes; you will be told before.", 0.85f, colour: Muted));
        parts.Add(Acceptance(print));
        return new Column(parts) { Spacing = Size * 0.9f };
    }

    private static Table Phases(TreatmentPlanPrint print)
    {
        var header = Style(0.85f, bold: true, Accent);
        Paragraph Cell(string text, bool bold = false, TextAlign align = TextAlign.Left) => Paragraph.Of(text, Style(0.95f, bold) with { LineHeight = 1.2f }, align);
        var rows = new List<IReadOnlyList<Element>>();
        foreach (var phase in print.Phases)
        {
            rows.Add([Cell(phase.Name, bold: true), Cell(""), Cell(""), Cell(phase.Subtotal, bold: true, TextAlign.Right)]);
            if (phase.Lines.Count == 0)
            {
                rows.Add([Cell("No procedures in this phase."), Cell(""), Cell(""), Cell("")]);
            }

            foreach (var line in phase.Lines)
            {
                rows.Add([Cell($"{line.Procedure} ({line.Code})"), Cell(line.Teeth), Cell(line.Status), Cell(line.Cost, align: TextAlign.Right)]);
            }
        }

        return new Table(
            [Width.Relative(4f), Width.Relative(1.4f), Width.Relative(1.2f), Width.Relative(1.3f)],
            [Paragraph.Of("Procedure", header), Paragraph.Of("Teeth", header), Paragraph.Of("Status", header), Paragraph.Of("Estimate", header, TextAlign.Right)],
            rows)
        {
            Style = new TableStyle { HeaderBackground = PhaseBackground, HeaderRule = Accent, RowRule = Hairline, CellPadding = Spacing.Symmetric(Size * 0.35f, Size * 0.4f) },
        };
    }

    private static Column Acceptance(TreatmentPlanPrint print)
    {
        if (Has(print.Decision))
        {
            return new Column([Text("Decision", 0.85f, bold: true, Accent), Text(print.Decision!.Trim())]) { Spacing = 2, KeepTogether = true };
        }

        Column SignatureLine(string label) => new([new Spacer(Size * 2.2f), new Rule { Thickness = 0.5f, Colour = Muted }, Text(label, 0.85f, colour: Muted)]) { Spacing = 2 };
        return new Column(
        [
            Text("Acceptance", 0.85f, bold: true, Accent),
            Text("I have had this treatment plan, its phases and its estimated costs explained to me, and I agree to it."),
            new Row([new(Width.Relative(), SignatureLine("Patient (or guardian) signature")), new(Width.Relative(), SignatureLine("Date"))]) { Spacing = Size * 2 },
            new Row([new(Width.Relative(), SignatureLine("Doctor: " + print.DoctorName)), new(Width.Relative(), SignatureLine("Witness"))]) { Spacing = Size * 2 },
        ])
        { Spacing = Size * 0.5f, KeepTogether = true };
    }
}
