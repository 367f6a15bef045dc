using System.Globalization;
using System.Text;
using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>One data row of an import file: where it was, what it said, and what is wrong with it as read.</summary>
public sealed record MedicineCsvRow(int LineNumber, MedicineInput Input, IReadOnlyList<string> Errors);

/// <summary>An import file as read: its rows, or why none could be read.</summary>
public sealed record MedicineCsvFile(IReadOnlyList<MedicineCsvRow> Rows, string? Problem);

/// <summary>
/// The practice medicines import file: UTF-8 CSV (RFC 4180: quoted fields, doubled quotes, commas and line breaks
/// inside quotes), at most <see cref="MaxBytes"/>, with the header <see cref="Header"/>. Reading checks only what the
/// text itself says (field count, schedule, price); the medicine rules run on each row afterwards.
/// </summary>
public static class MedicineCsv
{
    public const int MaxBytes = 1024 * 1024;

    public static readonly IReadOnlyList<string> Columns =
        ["BrandName", "GenericName", "Strength", "DosageForm", "DrugClass", "Category", "Manufacturer", "Schedule", "TypicalPriceInr"];

    public static readonly string Header = string.Join(',', Columns);

    public static readonly string TooLargeMessage = $"The file is larger than {MaxBytes / 1024 / 1024} MB. Split it into smaller files.";

    public const string NotUtf8Message = "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.";

    public const string EmptyMessage = "The file has no medicines: after the header line, give one medicine per line.";

    /// <summary>A file to start from: the header and two example rows.</summary>
    public static string Template() =>
        Header + "\r\n" +
        "Paracip 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Cipla,OTC,1.95\r\n" +
        "\"Amoxyclav 625\",\"Amoxicillin + Clavulanic acid\",500 mg + 125 mg,Tablet,Penicillins,Antibiotic,\"Example Labs, Chennai\",H,18.50\r\n";

    public static MedicineCsvFile Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > MaxBytes)
        {
            return new([], TooLargeMessage);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new([], NotUtf8Message);
        }

        var records = Records(text.TrimStart('\uFEFF')).Where(r => !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (records.Count == 0)
        {
            return new([], $"The file is empty. Its first line must be the header: {Header}");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        if (!header.SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            return new([], $"The first line must be the header {Header} (found: {string.Join(',', header)}). Download the template to start from.");
        }

        var rows = records.Skip(1).Select(r => ReadRow(r.LineNumber, r.Fields)).ToList();
        return rows.Count == 0 ? new([], EmptyMessage) : new(rows, null);
    }

    private static MedicineCsvRow ReadRow(int lineNumber, IReadOnlyList<string> fields)
    {
        var errors = new List<string>();
        if (fields.Count != Columns.Count)
        {
            errors.Add($"Expected {Columns.Count} fields separated by commas, found {fields.Count}. Put a value with a comma in double quotes.");
            return new(lineNumber, new MedicineInput(), errors);
        }

        string? Field(int index) => string.IsNullOrWhiteSpace(fields[index]) ? null : fields[index].Trim();
        var input = new MedicineInput
        {
            BrandName = Field(0), GenericName = Field(1), Strength = Field(2), DosageForm = Field(3), DrugClass = Field(4),
            Category = Field(5), Manufacturer = Field(6),
        };
        if (Field(7) is { } schedule)
        {
            if (TryParseSchedule(schedule, out var parsed))
            {
                input.Schedule = parsed;
            }
            else
            {
                errors.Add($"Schedule “{schedule}” is not one of OTC, H, H1 or X.");
            }
        }

        if (Field(8) is { } price)
        {
            // Rupees as spreadsheets write them: "1,250.50" or "₹ 18.5".
            var digits = price.Replace("₹", "", StringComparison.Ordinal).Replace("Rs.", "", StringComparison.OrdinalIgnoreCase).Replace(",", "", StringComparison.Ordinal).Trim();
            if (decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rupees))
            {
                input.TypicalPriceInr = rupees;
            }
            else
            {
                errors.Add($"TypicalPriceInr “{price}” is not an amount in rupees (e.g. 12.50).");
            }
        }

        return new(lineNumber, input, errors);
    }

    private static bool TryParseSchedule(string text, out MedicineSchedule schedule)
    {
        var value = text.Trim().ToUpperInvariant().Replace("SCHEDULE", "", StringComparison.Ordinal).Trim();
        schedule = default;
        return value is "OTC" or "H" or "H1" or "X" && Enum.TryParse(value, ignoreCase: true, out schedule);
    }

    /// <summary>RFC 4180 records with the line each starts on (CRLF, LF or CR ends a record outside quotes).</summary>
    private static IEnumerable<(int LineNumber, List<string> Fields)> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0:
                    field.Clear();
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}
