using System.Text.RegularExpressions;

namespace MedicalApp.Web.Validation;

/// <summary>Indian mobile numbers: 10 digits starting 6–9, optionally written with +91; stored as the 10 digits.</summary>
public static partial class IndianMobileNumber
{
    public const string ErrorMessage = "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9 (optionally with +91).";

    /// <summary>The 10 digits, or null when the input is empty or not a valid Indian mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = Separators().Replace(input.Trim(), "");
        if (compact.StartsWith("+91", StringComparison.Ordinal))
        {
            compact = compact[3..];
        }
        else if (compact.Length == 12 && compact.StartsWith("91", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }

        return TenDigits().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex("^[6-9][0-9]{9}$")]
    private static partial Regex TenDigits();
}
