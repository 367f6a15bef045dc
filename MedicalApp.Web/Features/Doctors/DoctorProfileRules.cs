using System.Globalization;
using System.Text.RegularExpressions;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>
/// The rules of a doctor's professional details, in one place: the page runs each field's rule as the user types and
/// the service runs them all again before saving, so both always say the same thing.
/// </summary>
public static partial class DoctorProfileRules
{
    public const int RegistrationNumberMinLength = 3;
    public const int RegistrationNumberMaxLength = 50;
    public const int MaxSpecializations = 10;
    public const int SpecializationMaxLength = 100;
    public const int QualificationMaxLength = 200;
    public const int MaxExperienceYears = 70;
    public const decimal MaxConsultationFee = 100_000m;
    public const int MinConsultationMinutes = 5;
    public const int MaxConsultationMinutes = 240;

    /// <summary>Trimmed, upper-cased, inner runs of spaces collapsed: "tn 12345" and "TN  12345" are one number.</summary>
    public static string NormalizeRegistrationNumber(string? value) =>
        Spaces().Replace((value ?? "").Trim(), " ").ToUpperInvariant();

    public static string? RegistrationNumberError(string? value)
    {
        var number = NormalizeRegistrationNumber(value);
        if (number.Length == 0)
        {
            return "Enter the medical council registration number.";
        }

        if (number.Length is < RegistrationNumberMinLength or > RegistrationNumberMaxLength)
        {
            return $"The registration number must be {RegistrationNumberMinLength}–{RegistrationNumberMaxLength} characters long.";
        }

        return RegistrationCharacters().IsMatch(number)
            ? null
            : "The registration number may contain letters, digits, spaces and the characters - / .";
    }

    /// <summary>Splits what a user typed ("Cardiology, General Medicine") into the names the service expects.</summary>
    public static List<string> SplitSpecializations(string? text) =>
        (text ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>Trimmed, blanks dropped, duplicates (ignoring case) removed keeping the first spelling.</summary>
    public static List<string> NormalizeSpecializations(IEnumerable<string?>? values) =>
        (values ?? []).Select(v => Spaces().Replace((v ?? "").Trim(), " "))
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static string? SpecializationsError(IEnumerable<string?>? values)
    {
        var names = NormalizeSpecializations(values);
        if (names.Count == 0)
        {
            return "Enter at least one specialization, e.g. General Medicine.";
        }

        if (names.Count > MaxSpecializations)
        {
            return $"Enter at most {MaxSpecializations} specializations.";
        }

        var tooLong = names.FirstOrDefault(n => n.Length > SpecializationMaxLength);
        return tooLong is null
            ? null
            : $"Each specialization can be at most {SpecializationMaxLength} characters (\"{tooLong[..20]}…\" is longer).";
    }

    public static string? QualificationError(string? value) =>
        (value ?? "").Trim().Length > QualificationMaxLength
            ? $"The qualification can be at most {QualificationMaxLength} characters."
            : null;

    public static string? ExperienceError(int years) =>
        years is < 0 or > MaxExperienceYears ? $"Experience must be between 0 and {MaxExperienceYears} years." : null;

    public static string? FeeError(decimal fee)
    {
        if (fee is < 0 or > MaxConsultationFee)
        {
            return $"The consultation fee must be between ₹0 and ₹{MaxConsultationFee.ToString("N0", CultureInfo.GetCultureInfo("en-IN"))}.";
        }

        return decimal.Round(fee, 2) != fee ? "The consultation fee can have at most 2 decimal places (paise)." : null;
    }

    public static string? DurationError(int minutes) =>
        minutes is < MinConsultationMinutes or > MaxConsultationMinutes
            ? $"The consultation duration must be between {MinConsultationMinutes} and {MaxConsultationMinutes} minutes."
            : null;

    /// <summary>Every field's rule, keyed by the input's property names (null where the value is acceptable).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Errors(DoctorDetailsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return
        [
            new(DoctorFields.RegistrationNumber, RegistrationNumberError(input.RegistrationNumber)),
            new(DoctorFields.Specializations, SpecializationsError(SplitSpecializations(input.Specializations))),
            new(DoctorFields.Qualification, QualificationError(input.Qualification)),
            new(DoctorFields.ExperienceYears, ExperienceError(input.ExperienceYears)),
            new(DoctorFields.ConsultationFee, FeeError(input.ConsultationFee)),
            new(DoctorFields.ConsultationMinutes, DurationError(input.ConsultationMinutes)),
        ];
    }

    /// <summary>The same rules the form runs, on the server: the refusal, or null when the details are valid.</summary>
    public static ChangeResult? Check(DoctorDetailsInput input) => ChangeResult.InvalidIfAny(Errors(input));

    /// <summary>The details as they are stored; <paramref name="input"/> has passed <see cref="Check"/>.</summary>
    public static DoctorDetailsValues Clean(DoctorDetailsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new DoctorDetailsValues(
            NormalizeRegistrationNumber(input.RegistrationNumber),
            NormalizeSpecializations(SplitSpecializations(input.Specializations)),
            string.IsNullOrWhiteSpace(input.Qualification) ? null : input.Qualification.Trim(),
            input.ExperienceYears,
            input.ConsultationFee,
            input.ConsultationMinutes);
    }

    public static string DuplicateRegistrationNumber(string number) =>
        $"Another doctor in this practice already has registration number {number}.";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 ./\-]*$")]
    private static partial Regex RegistrationCharacters();
}
