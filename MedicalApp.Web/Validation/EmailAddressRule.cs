using System.Net.Mail;

namespace MedicalApp.Web.Validation;

/// <summary>An optional email address on a form: a bare address with a dotted domain, at most 256 characters.</summary>
public static class EmailAddressRule
{
    public const int MaxLength = 256;

    /// <summary>Null when empty or acceptable; otherwise the message, with <paramref name="example"/> as the sample.</summary>
    public static string? Error(string? email, string example)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var value = email.Trim();
        // MailAddress also accepts display-name forms ("Ravi <r@x.in>"); only a bare address with a dotted domain will do.
        return value.Length <= MaxLength
               && MailAddress.TryCreate(value, out var parsed)
               && parsed.Address == value
               && parsed.Host.Contains('.', StringComparison.Ordinal)
               && !parsed.Host.EndsWith('.')
            ? null
            : $"Enter a valid email address, such as {example}.";
    }
}
