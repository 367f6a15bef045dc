using System.Text;

namespace MedicalApp.Web.Features.Patients;

/// <summary>
/// What a search box's text asks for, as LIKE patterns over the stored lower-case "first last" name and the 10-digit
/// mobile. Words made of digits are mobile digits ("98765 43210", "+91 98765…"); the other words are the name.
/// User input is escaped (<c>%</c>, <c>_</c>, <c>\</c>) so it matches literally; the escape character is <c>\</c>.
/// </summary>
public sealed record PatientSearchTerms(string? NamePattern, string? NamePatternAlt, string? MobilePattern, string? Problem)
{
    public const int MinNameLetters = 2;

    public const int MinMobileDigits = 3;

    public const char EscapeCharacter = '\\';

    public static readonly string TooShortMessage =
        $"Type at least {MinNameLetters} letters of a name or {MinMobileDigits} digits of a mobile number.";

    /// <summary>Empty text: no condition on name or mobile (the list is then alphabetical).</summary>
    public bool IsBrowse => NamePattern is null && MobilePattern is null && Problem is null;

    public static PatientSearchTerms Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null, null, null);
        }

        var words = PatientRules.StraightenApostrophes(text.Normalize(NormalizationForm.FormC)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var digitWords = words.Where(IsNumberWord).ToList();
        var nameWords = words.Where(w => !IsNumberWord(w)).ToList();

        var name = string.Join(' ', nameWords).ToLowerInvariant();
        var digits = new string(string.Concat(digitWords).Where(char.IsAsciiDigit).ToArray());
        // "+91 98765 43210" or "919876543210": the country code is not part of the stored number.
        if (digits.Length > 10 && digits.StartsWith("91", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        if ((name.Length > 0 && name.Count(char.IsLetter) < MinNameLetters) || (digitWords.Count > 0 && digits.Length < MinMobileDigits))
        {
            return new(null, null, null, TooShortMessage);
        }

        string? namePattern = null, namePatternAlt = null;
        if (name.Length > 0)
        {
            var escaped = Escape(name);
            if (name.Length < 3)
            {
                // Two letters match the start of a word ("ra" finds Ravi and Lakshmi Raman, not Karthik): an infix of
                // two letters matches half the practice and no trigram index can narrow it.
                namePattern = escaped + "%";
                namePatternAlt = "% " + escaped + "%";
            }
            else
            {
                namePattern = "%" + escaped + "%";
            }
        }

        return new(namePattern, namePatternAlt, digits.Length > 0 ? "%" + digits + "%" : null, null);
    }

    /// <summary>Makes user text match literally inside a LIKE pattern whose escape character is <c>\</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
    }

    // A word of digits, possibly with the separators people type in phone numbers: "98765", "+91", "98765-43210".
    private static bool IsNumberWord(string word) =>
        word.Any(char.IsAsciiDigit) && word.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')');
}
