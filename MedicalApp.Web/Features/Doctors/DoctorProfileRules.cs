using System.Globalization;
using System.Text.RegularExpressions;

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

    /// <summary>Every rule at once; <paramref name="clean"/> is the form as it will be stored.</summary>
    public static Dictionary<string, string> Validate(DoctorProfileForm form, out DoctorProfileForm clean)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        Add(errors, DoctorFields.RegistrationNumber, RegistrationNumberError(form.RegistrationNumber));
        Add(errors, DoctorFields.Specializations, SpecializationsError(form.Specializations));
        Add(errors, DoctorFields.Qualification, QualificationError(form.Qualification));
        Add(errors, DoctorFields.ExperienceYears, ExperienceError(form.ExperienceYears));
        Add(errors, DoctorFields.ConsultationFee, FeeError(form.ConsultationFee));
        Add(errors, DoctorFields.ConsultationMinutes, DurationError(form.ConsultationMinutes));
        clean = new DoctorProfileForm
        {
            RegistrationNumber = NormalizeRegistrationNumber(form.RegistrationNumber),
            Specializations = NormalizeSpecializations(form.Specializations),
            Qualification = string.IsNullOrWhiteSpace(form.Qualification) ? null : form.Qualification.Trim(),
            ExperienceYears = form.ExperienceYears,
            ConsultationFee = form.ConsultationFee,
            ConsultationMinutes = form.ConsultationMinutes,
        };
        return errors;
    }

    public static string DuplicateRegistrationNumber(string number) =>
        $"Another doctor in this practice already has registration number {number}.";

    private static void Add(Dictionary<string, string> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors[field] = message;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 ./\-]*$")]
    private static partial Regex RegistrationCharacters();
}
