using System.Text;

namespace MedicalApp.Data.Medicines;

/// <summary>One record of a CSV file: its fields, and the line it starts on (for messages that point at it).</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);

/// <summary>
/// Reads CSV as RFC 4180 defines it: fields separated by commas, records by CRLF (a bare LF is accepted too, as
/// editors write it); a field in double quotes may hold commas, line breaks and quotes written twice (<c>""</c>).
/// Nothing is trimmed: spaces belong to the field. Malformed input is refused with its line rather than read into
/// something else, because the catalogue and the practices' imports are data people rely on.
/// </summary>
public static class CsvRecords
{
    public static IReadOnlyList<CsvRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var atFieldStart = true; // nothing read yet for the current field
        var quoted = false;      // the current field began with a quote
        var inQuotes = false;    // between that quote and its closing one

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            atFieldStart = true;
            quoted = false;
        }

        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (c == '\n')
            {
                line++;
            }

            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    EndField();
                    records.Add(new CsvRecord(recordLine, fields.ToArray()));
                    fields.Clear();
                    recordLine = line;
                    break;
                case '"' when atFieldStart:
                    quoted = inQuotes = true;
                    atFieldStart = false;
                    break;
                case '"':
                    throw new FormatException($"Line {line}: a quote inside a field that does not start with one (quote the whole field and write the quote twice).");
                case var _ when quoted:
                    throw new FormatException($"Line {line}: text after the closing quote of a field.");
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new FormatException($"Line {recordLine}: a quoted field is never closed.");
        }

        // A last record may end without a line break; a line break at the very end ends the file, not an empty record.
        if (fields.Count > 0 || !atFieldStart)
        {
            EndField();
            records.Add(new CsvRecord(recordLine, fields.ToArray()));
        }

        return records;
    }
}
