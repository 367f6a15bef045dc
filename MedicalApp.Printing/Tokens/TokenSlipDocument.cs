using MedicalApp.Printing.Documents;
using MedicalApp.Printing.Documents.Rendering;

namespace MedicalApp.Printing.Tokens;

/// <summary>What a token slip shows, already in words (times in the practice's zone).</summary>
public sealed record TokenSlipPrint
{
    public required string PracticeName { get; init; }

    /// <summary>"T-07".</summary>
    public required string Token { get; init; }

    public required string DoctorName { get; init; }

    public required string LocationName { get; init; }

    public required string PatientName { get; init; }

    /// <summary>"Sat 5 Dec 2026, 10:42".</summary>
    public required string ArrivedAt { get; init; }

    public required string AppointmentNumber { get; init; }

    /// <summary>The instant of the check-in: the PDF's date, so the same slip always gives the same bytes.</summary>
    public DateTime ArrivedAtUtc { get; init; }
}

/// <summary>
/// A token slip for an 80 mm receipt printer (72 mm printable): the practice, the token in large type, the doctor and
/// location, the patient and the arrival time. One short page; thermal printers cut after it. Thread-safe.
/// </summary>
public sealed class TokenSlipDocument(DocumentRenderer renderer)
{
    /// <summary>80 mm wide; tall enough for a long practice or doctor name on two lines.</summary>
    public static PageSize Receipt { get; } = new("Receipt 80 mm", Units.Mm(80), Units.Mm(120));

    public byte[] Render(TokenSlipPrint print) => renderer.RenderPdf(Compose(print));

    public static Document Compose(TokenSlipPrint print)
    {
        ArgumentNullException.ThrowIfNull(print);
        static Paragraph Text(string text, float size, bool bold = false) =>
            Paragraph.Of(text, new TextStyle { Size = size, Bold = bold, LineHeight = 1.25f }, TextAlign.Centre);

        return new Document
        {
            PageSize = Receipt,
            Margins = Spacing.Symmetric(Units.Mm(5), Units.Mm(4)),
            Content = new Column(
            [
                Text(print.PracticeName.Trim(), 12, bold: true),
                new Rule { Thickness = 0.75f },
                Text("Your token", 10),
                Text(print.Token, 40, bold: true),
                Text(print.DoctorName, 12, bold: true),
                Text(print.LocationName, 10),
                new Rule { Thickness = 0.5f },
                Text(print.PatientName, 11),
                Text("Arrived " + print.ArrivedAt, 9),
                Text(print.AppointmentNumber, 8),
                new Spacer(Units.Mm(2)),
                Text("Please wait to be called. Watch the screen for your token.", 8),
            ])
            { Spacing = 4 },
            Info = new DocumentInfo($"Token {print.Token}", print.ArrivedAtUtc)
            {
                Author = print.PracticeName,
                Subject = $"Token {print.Token} with {print.DoctorName}",
            },
        };
    }
}
