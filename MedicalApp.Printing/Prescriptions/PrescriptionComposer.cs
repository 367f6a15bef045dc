using System.Globalization;
using MedicalApp.Printing.Documents;

namespace MedicalApp.Printing.Prescriptions;

/// <summary>
/// Composes a prescription into a <see cref="Document"/> for one template. The header (letterhead, doctor, date and
/// Rx number, and any status marking) and the footer (Rx number, patient, page number) repeat on every page, so a
/// loose second page still says whose and which prescription it is; the content flows: patient, diagnosis, the
/// medicines table (its header row repeats), advice, follow-up and the signature, kept together.
/// </summary>
internal sealed class PrescriptionComposer
{
    // Below this content width (A5 with ordinary margins) the table folds dose, frequency and timing into one column.
    private const float NarrowTableWidth = 400;

    private readonly PrescriptionPrint print;
    private readonly PrintLayout layout;
    private readonly PrescriptionTheme theme;
    private readonly float size;
    private readonly float contentWidth;

    public PrescriptionComposer(PrescriptionPrint print, PrintLayout layout)
    {
        this.print = print;
        this.layout = layout;
        theme = PrescriptionTheme.For(layout.Template);
        size = (float)layout.FontSizePt;
        contentWidth = Page.Width - Margins.Horizontal;
    }

    private PageSize Page => layout.PaperSize switch
    {
        PaperSize.A5 => PageSize.A5,
        PaperSize.Letter => PageSize.Letter,
        _ => PageSize.A4,
    };

    private Spacing Margins => new(
        Units.Mm((float)layout.MarginTopMm), Units.Mm((float)layout.MarginRightMm),
        Units.Mm((float)layout.MarginBottomMm), Units.Mm((float)layout.MarginLeftMm));

    private bool Compact => layout.Template == PrescriptionTemplate.Minimal;

    private Logo? PrintedLogo => print.Logo is { Length: > 0 } bytes && layout.LogoPosition != LogoPosition.None ? new Logo(bytes) : null;

    public Document Compose() => new()
    {
        PageSize = Page,
        Margins = Margins,
        Header = Header(),
        Footer = Footer(),
        HeaderSpacing = Compact ? size : size * 1.2f,
        FooterSpacing = size,
        Content = Content(),
        Info = new DocumentInfo($"Prescription {print.RxNumber}", print.WrittenAtUtc)
        {
            Author = print.DoctorName,
            Subject = $"Prescription for {print.PatientName}",
        },
    };

    // ---------------------------------------------------------------- text helpers

    private TextStyle Style(float scale = 1, bool bold = false, Colour? colour = null) =>
        new() { Size = size * scale, Bold = bold, Colour = colour ?? theme.Ink, LineHeight = 1.35f };

    /// <summary>Table text: set a little tighter than running text, so a long list of medicines takes fewer pages.</summary>
    private TextStyle CellStyle(float scale, Colour? colour = null) => Style(scale, colour: colour) with { LineHeight = 1.25f };

    private Paragraph Text(string text, float scale = 1, bool bold = false, Colour? colour = null, TextAlign align = TextAlign.Left) =>
        Paragraph.Of(text, Style(scale, bold, colour), align);

    /// <summary>"Label value" in one paragraph: the label small and muted, the value in body text.</summary>
    private Paragraph Labelled(string label, string value, bool boldValue = false, Colour? valueColour = null, TextAlign align = TextAlign.Left) =>
        new([new TextRun(label + "  ") { Size = size * 0.85f, Colour = theme.Muted }, new TextRun(value) { Bold = boldValue, Colour = valueColour }])
        {
            Style = Style(),
            Align = align,
        };

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);

    private static string Joined(string separator, params string?[] parts) => string.Join(separator, parts.Where(Has).Select(p => p!.Trim()));

    private string RegistrationNumber => "Reg. No. " + print.DoctorRegistrationNumber.Trim();

    // ---------------------------------------------------------------- header

    private Element Header()
    {
        var parts = layout.Template switch
        {
            PrescriptionTemplate.Modern => ModernHeader(),
            PrescriptionTemplate.Minimal => MinimalHeader(),
            PrescriptionTemplate.Letter => LetterHeader(),
            _ => ClassicHeader(),
        };
        if (Has(print.StatusMarking))
        {
            parts.Add(new Box(Text(print.StatusMarking!.Trim(), 1.15f, bold: true, theme.Alert, TextAlign.Centre))
            {
                Background = theme.AlertBackground,
                Border = theme.Alert,
                BorderWidth = 1.25f,
                CornerRadius = 3,
                Padding = Spacing.Symmetric(size * 0.4f, size),
            });
        }

        return new Column(parts) { Spacing = Compact ? size * 0.5f : size * 0.7f };
    }

    /// <summary>Address, phone and e-mail, and the registration line, as separate lines.</summary>
    private List<Element> LetterheadDetails(TextAlign align, Colour muted)
    {
        var lines = new List<Element>();
        foreach (var line in print.LetterheadAddressLines.Where(Has))
        {
            lines.Add(Text(line.Trim(), 0.9f, colour: muted, align: align));
        }

        var contact = Joined("  ·  ", Has(print.LetterheadPhone) ? "Phone " + print.LetterheadPhone!.Trim() : null, print.LetterheadEmail);
        if (contact.Length > 0)
        {
            lines.Add(Text(contact, 0.9f, colour: muted, align: align));
        }

        if (Has(print.RegistrationLine))
        {
            lines.Add(Text(print.RegistrationLine!.Trim(), 0.8f, colour: muted, align: align));
        }

        return lines;
    }

    /// <summary>
    /// Doctor's name, qualification and specialisation, registration number. Left-aligned (under a letterhead) the
    /// qualification and specialisation share a line; right-aligned (beside one) each has its own, which wraps cleanly.
    /// </summary>
    private Column DoctorDetails(TextAlign align, Colour ink, Colour muted, float nameScale = 1.2f)
    {
        var lines = new List<Element> { Text(print.DoctorName.Trim(), nameScale, bold: true, ink, align) };
        var credentials = align == TextAlign.Left
            ? [Joined("  ·  ", print.DoctorQualification, print.DoctorSpecialization)]
            : new[] { print.DoctorQualification, print.DoctorSpecialization };
        lines.AddRange(credentials.Where(Has).Select(line => Text(line!.Trim(), 0.9f, colour: muted, align: align)));
        lines.Add(Text(RegistrationNumber, 0.9f, colour: muted, align: align));
        return new Column(lines);
    }

    /// <summary>Date and Rx number, right-aligned.</summary>
    private Column DateAndNumber(Colour ink) => new(
    [
        Labelled("Date", print.Date.Trim(), boldValue: true, ink, TextAlign.Right),
        Labelled("Rx No.", print.RxNumber.Trim(), boldValue: true, ink, TextAlign.Right),
    ]);

    private List<Element> ClassicHeader()
    {
        var name = Text(print.LetterheadName.Trim(), 1.9f, bold: true, theme.Accent, TextAlign.Centre);
        var letterhead = new Column([name, .. LetterheadDetails(TextAlign.Centre, theme.Muted)]) { Spacing = size * 0.1f };
        var logo = PrintedLogo;
        Element top = logo is null ? letterhead : layout.LogoPosition switch
        {
            // The text stays centred on the page: an empty column as wide as the logo balances it.
            LogoPosition.Left => new Row([new(Width.Fixed(logo.Width(size)), logo.Element(size, TextAlign.Left)), new(Width.Relative(), letterhead), new(Width.Fixed(logo.Width(size)), new Spacer(0))])
            { VerticalAlign = VerticalAlign.Middle, Spacing = size },
            LogoPosition.Right => new Row([new(Width.Fixed(logo.Width(size)), new Spacer(0)), new(Width.Relative(), letterhead), new(Width.Fixed(logo.Width(size)), logo.Element(size, TextAlign.Right))])
            { VerticalAlign = VerticalAlign.Middle, Spacing = size },
            _ => new Column([logo.Element(size, TextAlign.Centre, heightScale: 4f), letterhead]) { Spacing = size * 0.4f },
        };

        return
        [
            top,
            new Column([new Rule { Thickness = 1.6f, Colour = theme.Accent }, new Rule { Thickness = 0.5f, Colour = theme.Accent }]) { Spacing = 1.5f },
            new Row([new(Width.Relative(3), DoctorDetails(TextAlign.Left, theme.Ink, theme.Muted)), new(Width.Relative(2), DateAndNumber(theme.Ink))])
            { VerticalAlign = VerticalAlign.Top },
        ];
    }

    private List<Element> ModernHeader()
    {
        var clinic = new Column([Text(print.LetterheadName.Trim(), 1.7f, bold: true, theme.OnAccent), .. LetterheadDetails(TextAlign.Left, theme.OnAccentMuted)])
        {
            Spacing = size * 0.1f,
        };
        var doctor = DoctorDetails(TextAlign.Right, theme.OnAccent, theme.OnAccentMuted, 1.15f);
        var logo = PrintedLogo;
        var items = new List<RowItem>();
        if (logo is not null && layout.LogoPosition == LogoPosition.Left)
        {
            items.Add(new(Width.Fixed(logo.TileWidth(size)), logo.Tile(size)));
        }

        items.Add(new(Width.Relative(3), clinic));
        items.Add(new(Width.Relative(2), doctor));
        if (logo is not null && layout.LogoPosition == LogoPosition.Right)
        {
            items.Add(new(Width.Fixed(logo.TileWidth(size)), logo.Tile(size)));
        }

        Element bandContent = new Row(items) { Spacing = size * 1.2f, VerticalAlign = VerticalAlign.Middle };
        if (logo is not null && layout.LogoPosition == LogoPosition.Centre)
        {
            bandContent = new Column([new Box(logo.Tile(size)) { Width = logo.TileWidth(size), Align = TextAlign.Centre }, bandContent]) { Spacing = size * 0.6f };
        }

        var band = new Box(bandContent)
        {
            Background = theme.Accent,
            CornerRadius = 6,
            Padding = Spacing.Symmetric(size * 1.2f, size * 1.4f),
        };
        var strip = new Row(
        [
            new(Width.Relative(), Labelled("Rx No.", print.RxNumber.Trim(), boldValue: true, theme.Accent)),
            new(Width.Relative(), Labelled("Date", print.Date.Trim(), boldValue: true, theme.Ink, TextAlign.Right)),
        ]);
        return [band, new Box(strip) { Padding = Spacing.Symmetric(0, size * 0.4f) }];
    }

    private List<Element> MinimalHeader()
    {
        var clinic = new Column(
        [
            Text(print.LetterheadName.Trim(), 1.35f, bold: true),
            .. print.LetterheadAddressLines.Any(Has) ? [Text(Joined(", ", [.. print.LetterheadAddressLines]), 0.85f, colour: theme.Muted)] : Array.Empty<Element>(),
            .. Joined("  ·  ", Has(print.LetterheadPhone) ? "Ph. " + print.LetterheadPhone!.Trim() : null, print.LetterheadEmail) is { Length: > 0 } contact
                ? [Text(contact, 0.85f, colour: theme.Muted)] : Array.Empty<Element>(),
            .. Has(print.RegistrationLine) ? [Text(print.RegistrationLine!.Trim(), 0.75f, colour: theme.Muted)] : Array.Empty<Element>(),
        ]);
        var doctor = DoctorDetails(TextAlign.Right, theme.Ink, theme.Muted, 1.1f);
        var logo = PrintedLogo;
        var items = new List<RowItem>();
        if (logo is not null && layout.LogoPosition == LogoPosition.Left)
        {
            items.Add(new(Width.Fixed(logo.Width(size * 0.7f)), logo.Element(size * 0.7f, TextAlign.Left)));
        }

        items.Add(new(Width.Relative(1.5f), clinic));
        items.Add(new(Width.Relative(), doctor));
        if (logo is not null && layout.LogoPosition == LogoPosition.Right)
        {
            items.Add(new(Width.Fixed(logo.Width(size * 0.7f)), logo.Element(size * 0.7f, TextAlign.Right)));
        }

        var parts = new List<Element>();
        if (logo is not null && layout.LogoPosition == LogoPosition.Centre)
        {
            parts.Add(logo.Element(size * 0.7f, TextAlign.Centre));
        }

        parts.Add(new Row(items) { Spacing = size * 0.8f, VerticalAlign = VerticalAlign.Middle });
        parts.Add(new Rule { Thickness = 0.75f, Colour = theme.Ink });
        return parts;
    }

    private List<Element> LetterHeader()
    {
        var letterhead = new Column([Text(print.LetterheadName.Trim(), 1.8f, bold: true, theme.Accent), .. LetterheadDetails(TextAlign.Left, theme.Muted)])
        {
            Spacing = size * 0.1f,
        };
        var logo = PrintedLogo;
        Element top = logo is null ? letterhead : layout.LogoPosition switch
        {
            LogoPosition.Left => new Row([new(Width.Fixed(logo.Width(size)), logo.Element(size, TextAlign.Left)), new(Width.Relative(), letterhead)])
            { VerticalAlign = VerticalAlign.Middle, Spacing = size * 1.2f },
            LogoPosition.Right => new Row([new(Width.Relative(), letterhead), new(Width.Fixed(logo.Width(size)), logo.Element(size, TextAlign.Right))])
            { VerticalAlign = VerticalAlign.Middle, Spacing = size * 1.2f },
            _ => new Column([logo.Element(size, TextAlign.Centre, heightScale: 4.4f), letterhead]) { Spacing = size * 0.4f },
        };

        return
        [
            top,
            new Rule { Thickness = 2.5f, Colour = theme.Accent },
            new Row([new(Width.Relative(3), DoctorDetails(TextAlign.Left, theme.Ink, theme.Muted)), new(Width.Relative(2), DateAndNumber(theme.Ink))]),
            new Rule { Thickness = 0.5f, Colour = theme.Hairline },
        ];
    }

    // ---------------------------------------------------------------- footer

    private Column Footer() => new(
    [
        new Rule { Thickness = 0.5f, Colour = theme.Hairline },
        new Row(
        [
            new(Width.Relative(3), Text(Joined("  ·  ", print.RxNumber, print.PatientName), 0.8f, colour: theme.Muted)),
            new(Width.Relative(1), new PageNumber { Style = Style(0.8f, colour: theme.Muted), Align = TextAlign.Right }),
        ]),
    ])
    { Spacing = size * 0.3f };

    // ---------------------------------------------------------------- content

    private Column Content()
    {
        var parts = new List<Element> { Patient() };
        if (Has(print.Diagnosis))
        {
            parts.Add(Labelled("Diagnosis", print.Diagnosis!.Trim(), boldValue: true));
        }

        parts.Add(Paragraph.Of("℞", Style(1.5f, bold: true, theme.Accent) with { LineHeight = 1.1f }));
        parts.Add(print.Lines.Count > 0 ? Medicines() : Text("No medicines prescribed.", colour: theme.Muted));
        if (Has(print.Advice))
        {
            parts.Add(new Column([Text("Advice", 0.85f, bold: true, theme.Accent), Text(print.Advice!.Trim())]) { Spacing = size * 0.2f });
        }

        if (Has(print.FollowUp))
        {
            parts.Add(Labelled("Follow-up", print.FollowUp!.Trim(), boldValue: true));
        }

        parts.Add(SignatureBlock());
        return new Column(parts) { Spacing = Compact ? size * 0.7f : size * 0.8f };
    }

    private Element Patient()
    {
        var ageSex = Joined(" / ", print.PatientAge, print.PatientSex);
        var allergies = Has(print.PatientAllergies)
            ? Labelled("Allergies", print.PatientAllergies!.Trim(), boldValue: true, theme.Alert)
            : null;
        if (Compact)
        {
            var line = new Paragraph(
            [
                new TextRun(print.PatientName.Trim()) { Bold = true, Size = size * 1.1f },
                .. ageSex.Length > 0 ? [new TextRun("   " + ageSex)] : Array.Empty<TextRun>(),
                .. Has(print.PatientMobile) ? [new TextRun("   Mob. " + print.PatientMobile!.Trim()) { Colour = theme.Muted }] : Array.Empty<TextRun>(),
            ])
            { Style = Style() };
            return new Column(allergies is null ? [line] : [line, allergies]) { Spacing = size * 0.2f, KeepTogether = true };
        }

        Column Field(string label, string value, float scale = 1, bool bold = false) =>
            new([Text(label, 0.8f, colour: theme.Muted), Text(value, scale, bold)]) { Spacing = 0 };

        var fields = new List<RowItem> { new(Width.Relative(2.4f), Field("Patient", print.PatientName.Trim(), 1.15f, bold: true)) };
        if (ageSex.Length > 0)
        {
            fields.Add(new(Width.Relative(1.1f), Field("Age / Sex", ageSex)));
        }

        if (Has(print.PatientMobile))
        {
            fields.Add(new(Width.Relative(1.3f), Field("Mobile", print.PatientMobile!.Trim())));
        }

        var content = new Column(allergies is null ? [new Row(fields) { Spacing = size }] : [new Row(fields) { Spacing = size }, allergies])
        {
            Spacing = size * 0.5f,
        };
        return layout.Template switch
        {
            PrescriptionTemplate.Letter => new Column([content, new Rule { Thickness = 0.5f, Colour = theme.Hairline }]) { Spacing = size * 0.6f, KeepTogether = true },
            _ => new Box(content)
            {
                Background = theme.PatientBackground,
                Border = theme.PatientBackground is null ? theme.Hairline : null,
                CornerRadius = 4,
                Padding = Spacing.Symmetric(size * 0.7f, size),
            },
        };
    }

    private Table Medicines()
    {
        var narrow = contentWidth < NarrowTableWidth;
        var headerStyle = Style(0.85f, bold: true, theme.TableHeaderText);
        Paragraph Head(string text, TextAlign align = TextAlign.Left) => Paragraph.Of(text, headerStyle, align);
        Paragraph Cell(string? text) => Paragraph.Of(Has(text) ? text!.Trim() : "—", CellStyle(0.95f, colour: Has(text) ? theme.Ink : theme.Muted));

        var style = new TableStyle
        {
            HeaderBackground = theme.TableHeaderBackground,
            StripeBackground = theme.TableStripe,
            HeaderRule = theme.TableHeaderBackground == theme.Accent ? null : theme.Accent,
            HeaderRuleWidth = Compact ? 0.75f : 1f,
            RowRule = theme.TableStripe is null ? theme.Hairline : null,
            CellPadding = Spacing.Symmetric(size * 0.35f, size * 0.4f),
        };

        var rows = new List<IReadOnlyList<Element>>();
        for (var i = 0; i < print.Lines.Count; i++)
        {
            var line = print.Lines[i];
            var number = Paragraph.Of((i + 1).ToString(CultureInfo.InvariantCulture) + ".", CellStyle(0.95f, colour: theme.Muted));
            if (narrow)
            {
                rows.Add([number, Medicine(line), Cell(Joined(" · ", line.Dose, line.Frequency, line.Timing)), Cell(line.Duration), Cell(line.Quantity)]);
            }
            else
            {
                rows.Add([number, Medicine(line), Cell(line.Dose), Cell(line.Frequency), Cell(line.Timing), Cell(line.Duration), Cell(line.Quantity)]);
            }
        }

        return narrow
            ? new Table(
                [Width.Fixed(size * 1.9f), Width.Relative(2.6f), Width.Relative(2f), Width.Relative(1.1f), Width.Relative(0.9f)],
                [Head("#"), Head("Medicine"), Head("Dosage"), Head("Duration"), Head("Qty")],
                rows)
            { Style = style }
            : new Table(
                [Width.Fixed(size * 2.2f), Width.Relative(3.2f), Width.Relative(1.2f), Width.Relative(1.3f), Width.Relative(1.3f), Width.Relative(1.1f), Width.Relative(1.1f)],
                [Head("#"), Head("Medicine"), Head("Dose"), Head("Frequency"), Head("Timing"), Head("Duration"), Head("Qty")],
                rows)
            { Style = style };
    }

    /// <summary>The generic name in capitals with the strength, then the brand, then the instructions.</summary>
    private Column Medicine(PrescriptionPrintLine line)
    {
        var name = new Paragraph(
        [
            new TextRun(line.GenericName.Trim().ToUpper(CultureInfo.InvariantCulture)) { Bold = true },
            // "650 mg" never breaks between the number and its unit.
            .. Has(line.Strength) ? [new TextRun("  " + line.Strength!.Trim().Replace(' ', '\u00A0'))] : Array.Empty<TextRun>(),
        ])
        { Style = CellStyle(0.95f) };
        var parts = new List<Element> { name };
        if (Has(line.BrandName))
        {
            parts.Add(Paragraph.Of(line.BrandName!.Trim(), CellStyle(0.85f, colour: theme.Muted)));
        }

        if (Has(line.Instructions))
        {
            parts.Add(Paragraph.Of(line.Instructions!.Trim(), CellStyle(0.85f, colour: theme.Accent)));
        }

        return new Column(parts);
    }

    /// <summary>
    /// On the right: the signature image (or space to sign by hand), a line, the doctor's name, qualification and
    /// registration number; kept together on one page.
    /// </summary>
    private Row SignatureBlock()
    {
        var width = Math.Min(size * 20, contentWidth * 0.45f);
        Element signature = print.Signature is { Length: > 0 } image
            ? new Image(image) { MaxWidth = width * 0.8f, MaxHeight = size * 4.5f, Align = TextAlign.Centre }
            : new Spacer(size * 2.4f);
        var block = new Column(
        [
            signature,
            new Rule { Thickness = 0.5f, Colour = theme.Muted },
            Text(print.DoctorName.Trim(), 1.05f, bold: true, align: TextAlign.Centre),
            .. Has(print.DoctorQualification) ? [Text(print.DoctorQualification!.Trim(), 0.85f, colour: theme.Muted, align: TextAlign.Centre)] : Array.Empty<Element>(),
            Text(RegistrationNumber, 0.85f, colour: theme.Muted, align: TextAlign.Centre),
        ])
        {
            Spacing = size * 0.2f,
        };
        return new Row([new(Width.Relative(), new Spacer(0)), new(Width.Fixed(width), block)]) { VerticalAlign = VerticalAlign.Bottom };
    }

    /// <summary>The practice's logo, sized from the base text size so it scales with the rest of the letterhead.</summary>
    private sealed class Logo(byte[] content)
    {
        public float Width(float textSize) => textSize * 7;

        public Image Element(float textSize, TextAlign align, float heightScale = 6) =>
            new(content) { MaxWidth = Width(textSize), MaxHeight = textSize * heightScale, Align = align };

        public float TileWidth(float textSize) => (textSize * 5.2f) + 8;

        /// <summary>On the Modern band: the logo on a white rounded tile, so any logo reads on the colour.</summary>
        public Box Tile(float textSize) => new(new Image(content) { MaxWidth = textSize * 5.2f, MaxHeight = textSize * 5.2f, Align = TextAlign.Centre })
        {
            Background = Colour.White,
            CornerRadius = 4,
            Padding = Spacing.All(4),
        };
    }
}
