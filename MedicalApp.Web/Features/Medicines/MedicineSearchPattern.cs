using MedicalApp.Data.Medicines;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// What a medicine search box's text asks for: a LIKE pattern (escape character <c>\</c>) that finds the fragment
/// anywhere in a medicine's lower-case "brand generic" search text, as the <c>search_medicines</c> function expects it.
/// Typed <c>%</c>, <c>_</c> and <c>\</c> match literally; runs of spaces count as one.
/// </summary>
public static class MedicineSearchPattern
{
    /// <summary>Fewer characters than this find nothing: one letter matches most of the catalogue.</summary>
    public const int MinLength = 2;

    /// <summary>The pattern, or null when the text is too short to search.</summary>
    public static string? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var fragment = string.Join(' ', MedicineSearchText.Normalize(text.Normalize(System.Text.NormalizationForm.FormC))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return fragment.Length < MinLength ? null : "%" + Escape(fragment) + "%";
    }

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
    }
}
