using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;

namespace MedicalApp.Web.Features.Administration;

/// <summary>The General section's form: the practice's name and time zone.</summary>
public sealed class GeneralSettingsInput
{
    public string? Name { get; set; }

    public string? TimeZoneId { get; set; }

    /// <summary>The practice's version the form was filled from, so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>The Letterhead section's form: what prescriptions print under the clinic's name.</summary>
public sealed class LetterheadInput
{
    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? RegistrationLine { get; set; }

    /// <summary>The practice's version the form was filled from, so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>
/// The rules for practice settings, shared by the page (client-side validation) and the service (again on the
/// server). Each returns null when the value is acceptable, otherwise the message to show next to the field.
/// </summary>
public static class PracticeSettingsRules
{
    public const int NameMinLength = 2;
    public const int NameMaxLength = 200;
    public const int LetterheadAddressMaxLength = 500;
    public const int EmailMaxLength = EmailAddressRule.MaxLength;
    public const int RegistrationLineMaxLength = 200;

    public const string SlugFormatMessage =
        "Use 3–40 characters: lower-case letters a–z, digits and hyphens, not starting or ending with a hyphen.";

    public static string? NameError(string? name)
    {
        var value = name?.Trim() ?? "";
        return value.Length switch
        {
            0 => "Enter the practice's name.",
            < NameMinLength => $"The name must be at least {NameMinLength} characters.",
            > NameMaxLength => $"The name must be at most {NameMaxLength} characters.",
            _ => null,
        };
    }

    public static string? TimeZoneError(string? timeZoneId) =>
        string.IsNullOrWhiteSpace(timeZoneId) ? "Choose the practice's time zone."
        : PracticeTimeZones.IsValid(timeZoneId.Trim()) ? null
        : "Choose a time zone from the list (for example Asia/Kolkata).";

    public static string? LetterheadAddressError(string? address) =>
        (address?.Trim().Length ?? 0) > LetterheadAddressMaxLength ? $"The address must be at most {LetterheadAddressMaxLength} characters." : null;

    public static string? PhoneError(string? phone) => PracticePhoneNumber.Error(phone);

    public static string? EmailError(string? email) => EmailAddressRule.Error(email, "reception@clinic.in");

    public static string? RegistrationLineError(string? line) =>
        (line?.Trim().Length ?? 0) > RegistrationLineMaxLength ? $"The registration line must be at most {RegistrationLineMaxLength} characters." : null;

    /// <summary>The address as it will be stored: trimmed and lower-cased (addresses are lower case).</summary>
    public static string NormalizeSlug(string? slug) => (slug ?? "").Trim().ToLowerInvariant();

    public static string? SlugError(string? slug)
    {
        var value = NormalizeSlug(slug);
        if (value.Length == 0)
        {
            return "Enter the new address.";
        }

        if (!PracticeSlug.IsWellFormed(value))
        {
            return SlugFormatMessage;
        }

        return PracticeSlug.Reserved.Contains(value) ? $"“{value}” is reserved for the platform itself. Choose another address." : null;
    }

    /// <summary>The form's rules on the server: the refusal, or null when the input is valid.</summary>
    public static ChangeResult? Check(GeneralSettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeResult.InvalidIfAny(
        [
            new(nameof(GeneralSettingsInput.Name), NameError(input.Name)),
            new(nameof(GeneralSettingsInput.TimeZoneId), TimeZoneError(input.TimeZoneId)),
        ]);
    }

    public static ChangeResult? Check(LetterheadInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeResult.InvalidIfAny(
        [
            new(nameof(LetterheadInput.Address), LetterheadAddressError(input.Address)),
            new(nameof(LetterheadInput.Phone), PhoneError(input.Phone)),
            new(nameof(LetterheadInput.Email), EmailError(input.Email)),
            new(nameof(LetterheadInput.RegistrationLine), RegistrationLineError(input.RegistrationLine)),
        ]);
    }
}
