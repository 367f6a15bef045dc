using System.Text.RegularExpressions;
using MedicalApp.Web.Validation;

namespace MedicalApp.Web.Features.Administration;

/// <summary>
/// Phone numbers of clinics and letterheads: a 10-digit Indian mobile or a landline written the way clinics print it,
/// e.g. "+91 44 2626 1001" (digits, spaces, +, -, parentheses; 8–15 digits). Kept as written (spaces tidied), because
/// they are printed, and because a landline cannot always be told from a mobile: Bengaluru's "+91 80 4123 4567" has
/// the shape of a mobile number and must not be rewritten as "8041234567".
/// </summary>
public static partial class PracticePhoneNumber
{
    /// <summary>The database column's length.</summary>
    public const int MaxLength = 20;

    public const string ErrorMessage =
        "Enter a 10-digit Indian mobile number, or a landline with its area code such as +91 44 2626 1001.";

    /// <summary>Null when the number is acceptable (or empty: the phone is optional), otherwise what is wrong.</summary>
    public static string? Error(string? input) => TryNormalize(input, out _) ? null : ErrorMessage;

    /// <summary>The number as it will be stored (null for empty input, otherwise as written with spaces tidied).</summary>
    public static bool TryNormalize(string? input, out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        var tidied = Whitespace().Replace(input.Trim(), " ");
        if (tidied.Length > MaxLength)
        {
            return false;
        }

        var isMobile = IndianMobileNumber.Normalize(tidied) is not null;
        var digits = tidied.Count(char.IsAsciiDigit);
        var isLandline = LandlineCharacters().IsMatch(tidied) && digits is >= 8 and <= 15;
        if (!isMobile && !isLandline)
        {
            return false;
        }

        normalized = tidied;
        return true;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // A leading + for the country code, then digits and the usual separators.
    [GeneratedRegex(@"^\+?[0-9() \-]+$")]
    private static partial Regex LandlineCharacters();
}
