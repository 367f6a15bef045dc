using System.Globalization;
using System.Text;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Validation;

namespace MedicalApp.Web.Features.Patients;

/// <summary>A patient's values once checked and cleaned, as they will be stored.</summary>
public sealed record CleanPatient(
    string FirstName,
    string LastName,
    DateOnly? DateOfBirth,
    int? AgeYears,
    Gender Gender,
    string Mobile,
    FamilyRelationship Relationship,
    string? Email,
    string? Address,
    string? EmergencyContactName,
    string? EmergencyContactPhone,
    string? BloodGroup,
    string? Allergies,
    string? ChronicConditions,
    string? Notes,
    string? PreferredLanguage = null,
    bool NoReminders = false)
{
    public string FirstNameKey => PatientRules.NameKey(FirstName);

    public string SearchName => PatientRules.SearchNameOf(FirstName, LastName);

    public bool HasMedicalDetails => BloodGroup is not null || Allergies is not null || ChronicConditions is not null || Notes is not null;
}

/// <summary>
/// The rules for a patient's fields, shared by the forms (client-side validation) and the service (again on the
/// server). Each returns null when the value is acceptable, otherwise the message to show next to the field.
/// </summary>
public static class PatientRules
{
    public const int NameMaxLength = 100;
    public const int MaxAgeYears = 120;
    public const int EmailMaxLength = EmailAddressRule.MaxLength;
    public const int AddressMaxLength = 500;
    public const int EmergencyContactNameMaxLength = 200;
    public const int AllergiesMaxLength = 1000;
    public const int ChronicConditionsMaxLength = 1000;
    public const int NotesMaxLength = 2000;

    public const string NotFoundMessage = "This patient does not exist in this practice.";

    public const string RegistrarsOnly = "Only doctors, receptionists and administrators can register and edit patients.";

    public const string AdministratorsOnly = "Only the practice owner and administrators can deactivate or reactivate patients.";

    public const string MobileFixedMessage = "The mobile number identifies the family and cannot be changed here.";

    public const string MedicalDetailsRefusal = "Only doctors and administrators record medical details (blood group, allergies, chronic conditions and notes).";

    public static IReadOnlyList<string> BloodGroups { get; } = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"];

    /// <summary>The relationships a family member other than the primary can have.</summary>
    public static IReadOnlyList<FamilyRelationship> MemberRelationships { get; } =
        [.. Enum.GetValues<FamilyRelationship>().Where(r => r != FamilyRelationship.Self)];

    // ---------- Names ----------

    /// <summary>Trimmed, composed (NFC) and with inner runs of spaces made one: the name as it is stored.</summary>
    public static string CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var composed = name.Normalize(NormalizationForm.FormC).Trim();
        return string.Join(' ', composed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The identity key of a first name: "Ravi", " ravi " and "RAVI" are the same person's name.</summary>
    public static string NameKey(string? firstName) => StraightenApostrophes(CleanName(firstName)).ToLowerInvariant();

    /// <summary>What name searches compare with: "D’Souza" (as a phone keyboard types it) and "D'Souza" are one name.</summary>
    public static string SearchNameOf(string firstName, string lastName) =>
        StraightenApostrophes($"{CleanName(firstName)} {CleanName(lastName)}").ToLowerInvariant();

    /// <summary>
    /// Typographic apostrophes (’ ‘ ʼ) as the typewriter one. The name is stored as typed; its keys and the search
    /// terms are straightened, so either spelling finds the other.
    /// </summary>
    public static string StraightenApostrophes(string text) =>
        text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u02BC', '\'');

    public static string? FirstNameError(string? value) => NameError(value, "first name");

    public static string? LastNameError(string? value) => NameError(value, "last name");

    /// <summary>
    /// Letters of any script (Tamil, Devanagari… with their vowel signs), spaces, apostrophes, dots and hyphens: real
    /// names such as "D'Souza", "K. Ramesh" or "Mary-Ann", which the old system refused.
    /// </summary>
    private static string? NameError(string? value, string label)
    {
        var name = CleanName(value);
        if (name.Length == 0)
        {
            return $"Enter the {label}.";
        }

        if (name.Length > NameMaxLength)
        {
            return $"The {label} can be at most {NameMaxLength} characters.";
        }

        if (!name.All(IsNameCharacter) || !name.Any(char.IsLetter))
        {
            return $"The {label} can contain letters, spaces, apostrophes (’), dots and hyphens only.";
        }

        return null;
    }

    private static bool IsNameCharacter(char c) =>
        char.IsLetter(c)
        || c is ' ' or '\'' or '’' or '.' or '-'
        // Vowel signs and viramas of Indian scripts are marks, not letters; zero-width (non-)joiners shape conjuncts.
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        || c is '\u200C' or '\u200D';

    // ---------- Age ----------

    /// <summary>The date of birth must be a real one: not in the future and not more than 120 years ago.</summary>
    public static string? DateOfBirthError(DateOnly? dateOfBirth, int? ageYears, DateOnly today)
    {
        if (dateOfBirth is { } born)
        {
            if (born > today)
            {
                return "The date of birth cannot be in the future.";
            }

            if (born < today.AddYears(-MaxAgeYears))
            {
                return $"The date of birth cannot be more than {MaxAgeYears} years ago.";
            }

            return null;
        }

        return ageYears is null ? "Enter the date of birth, or the age in years if the date is not known." : null;
    }

    /// <summary>Only checked when there is no date of birth.</summary>
    public static string? AgeError(DateOnly? dateOfBirth, int? ageYears) =>
        dateOfBirth is null && ageYears is { } age && age is < 0 or > MaxAgeYears
            ? $"The age must be between 0 and {MaxAgeYears} years."
            : null;

    // ---------- Other fields ----------

    public static string? GenderError(Gender? gender) => gender is null ? "Choose the gender." : null;

    public static string? MobileError(string? mobile) =>
        string.IsNullOrWhiteSpace(mobile) ? "Enter the family's mobile number."
        : IndianMobileNumber.Normalize(mobile) is null ? IndianMobileNumber.ErrorMessage
        : null;

    public static string? RelationshipError(FamilyRelationship? relationship, bool isPrimary) =>
        isPrimary ? null
        : relationship is null ? "Choose how this person is related to the family's primary member."
        : relationship == FamilyRelationship.Self ? "Only the primary member is “Self”: choose how this person is related to them."
        : null;

    public static string? EmailError(string? email) => EmailAddressRule.Error(email, "ravi.kumar@example.com");

    public static string? AddressError(string? address) => LengthError(address, AddressMaxLength, "The address");

    public static string? EmergencyContactNameError(string? name, string? phone)
    {
        if (LengthError(name, EmergencyContactNameMaxLength, "The emergency contact's name") is { } tooLong)
        {
            return tooLong;
        }

        return string.IsNullOrWhiteSpace(name) && !string.IsNullOrWhiteSpace(phone) ? "Enter the emergency contact's name too." : null;
    }

    public static string? EmergencyContactPhoneError(string? phone, string? name)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return string.IsNullOrWhiteSpace(name) ? null : "Enter the emergency contact's phone number too.";
        }

        return PracticePhoneNumber.TryNormalize(phone, out _)
            ? null
            : "Enter a 10-digit Indian mobile number, or a landline with its area code (8 to 15 digits), such as 044 2626 1001.";
    }

    public static string? BloodGroupError(string? bloodGroup) =>
        string.IsNullOrWhiteSpace(bloodGroup) || BloodGroups.Contains(bloodGroup.Trim().ToUpperInvariant())
            ? null
            : $"Choose one of {string.Join(", ", BloodGroups)}, or leave it empty if not known.";

    public static string? AllergiesError(string? allergies) => LengthError(allergies, AllergiesMaxLength, "Allergies");

    public static string? ChronicConditionsError(string? conditions) => LengthError(conditions, ChronicConditionsMaxLength, "Chronic conditions");

    public static string? NotesError(string? notes) => LengthError(notes, NotesMaxLength, "The notes");

    private static string? LengthError(string? value, int max, string what) =>
        (value?.Trim().Length ?? 0) > max ? $"{what} can be at most {max:N0} characters." : null;

    // ---------- Whole forms ----------

    /// <summary>
    /// Checks every field of <paramref name="form"/>; errors go into <paramref name="errors"/> under
    /// <paramref name="keyOf"/>(field). The mobile is checked only for a family's primary form (members share it).
    /// </summary>
    public static CleanPatient? Validate(
        PatientForm form, DateOnly today, bool isPrimary, string? familyMobile, IDictionary<string, string> errors, Func<string, string>? keyOf = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        keyOf ??= field => field;
        var before = errors.Count;
        void Check(string field, string? message)
        {
            if (message is not null)
            {
                errors[keyOf(field)] = message;
            }
        }

        Check(PatientFields.FirstName, FirstNameError(form.FirstName));
        Check(PatientFields.LastName, LastNameError(form.LastName));
        Check(PatientFields.DateOfBirth, DateOfBirthError(form.DateOfBirth, form.AgeYears, today));
        Check(PatientFields.AgeYears, AgeError(form.DateOfBirth, form.AgeYears));
        Check(PatientFields.Gender, GenderError(form.Gender));
        if (familyMobile is null)
        {
            Check(PatientFields.Mobile, MobileError(form.Mobile));
        }

        Check(PatientFields.Relationship, RelationshipError(form.Relationship, isPrimary));
        Check(PatientFields.Email, EmailError(form.Email));
        Check(PatientFields.Address, AddressError(form.Address));
        Check(PatientFields.EmergencyContactName, EmergencyContactNameError(form.EmergencyContactName, form.EmergencyContactPhone));
        Check(PatientFields.EmergencyContactPhone, EmergencyContactPhoneError(form.EmergencyContactPhone, form.EmergencyContactName));
        Check(PatientFields.BloodGroup, BloodGroupError(form.BloodGroup));
        Check(PatientFields.Allergies, AllergiesError(form.Allergies));
        Check(PatientFields.ChronicConditions, ChronicConditionsError(form.ChronicConditions));
        Check(PatientFields.Notes, NotesError(form.Notes));
        Check(PatientFields.PreferredLanguage, PreferredLanguageError(form.PreferredLanguage));
        if (errors.Count > before)
        {
            return null;
        }

        PracticePhoneNumber.TryNormalize(form.EmergencyContactPhone, out var emergencyPhone);
        return new CleanPatient(
            CleanName(form.FirstName),
            CleanName(form.LastName),
            form.DateOfBirth,
            form.DateOfBirth is null ? form.AgeYears : null,
            form.Gender!.Value,
            familyMobile ?? IndianMobileNumber.Normalize(form.Mobile)!,
            isPrimary ? FamilyRelationship.Self : form.Relationship!.Value,
            string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim().ToLowerInvariant(),
            Optional(form.Address),
            Optional(form.EmergencyContactName),
            emergencyPhone,
            string.IsNullOrWhiteSpace(form.BloodGroup) ? null : form.BloodGroup.Trim().ToUpperInvariant(),
            Optional(form.Allergies),
            Optional(form.ChronicConditions),
            Optional(form.Notes),
            Optional(form.PreferredLanguage),
            form.NoReminders);
    }

    /// <summary>Empty (the practice's default) or one of the reminder languages.</summary>
    public static string? PreferredLanguageError(string? language) =>
        string.IsNullOrWhiteSpace(language) || Reminders.ReminderLanguages.IsKnown(language.Trim()) ? null : "Choose English, Tamil or the practice's default.";

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // ---------- Medical details ----------

    /// <summary>
    /// For a member who may not record medical details (receptionists): each medical field filled in on a new
    /// patient's form is refused next to it.
    /// </summary>
    public static void RefuseMedicalDetails(PatientForm form, IDictionary<string, string> errors, Func<string, string> keyOf)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(keyOf);
        foreach (var (field, value) in MedicalDetails(form.BloodGroup, form.Allergies, form.ChronicConditions, form.Notes))
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                errors.TryAdd(keyOf(field), MedicalDetailsRefusal);
            }
        }
    }

    /// <summary>The same for an edit: each medical field whose value would change is refused (an unchanged one is not theirs to judge).</summary>
    public static void RefuseChangedMedicalDetails(Patient patient, CleanPatient values, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var current = MedicalDetails(patient.BloodGroup, patient.Allergies, patient.ChronicConditions, patient.Notes).ToDictionary();
        foreach (var (field, value) in MedicalDetails(values.BloodGroup, values.Allergies, values.ChronicConditions, values.Notes))
        {
            if (!string.Equals(current[field], value, StringComparison.Ordinal))
            {
                errors.TryAdd(field, MedicalDetailsRefusal);
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> MedicalDetails(string? bloodGroup, string? allergies, string? conditions, string? notes) =>
    [
        new(PatientFields.BloodGroup, bloodGroup),
        new(PatientFields.Allergies, allergies),
        new(PatientFields.ChronicConditions, conditions),
        new(PatientFields.Notes, notes),
    ];

    // ---------- Family messages ----------

    public static string IdentityTakenMessage(string firstName) =>
        $"“{CleanName(firstName)}” is already registered with this mobile number. Each member of a family needs a different first name.";

    public static string DuplicateInFamilyMessage(string firstName) =>
        $"Another member of this family is also called “{CleanName(firstName)}”. Each member of a family needs a different first name.";

    public static string FamilyFullMessage =>
        $"A family can have at most {Patient.MaxFamilyMembers} active members (the primary member and {Patient.MaxFamilyMembers - 1} others).";

    public const string NoPrimaryMessage =
        "This mobile number has no registered family yet. Register the family's primary member first.";

    public static string FamilyExistsMessage(ExistingFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var others = family.ActiveMembers - 1;
        return $"This mobile number already has a family: {family.PrimaryName} (primary)" +
               (others switch { 0 => "", 1 => " and 1 other member", _ => $" and {others} other members" }) + ".";
    }

    public static string Describe(FamilyRelationship relationship) => relationship switch
    {
        FamilyRelationship.Self => "Primary (self)",
        _ => relationship.ToString(),
    };

    public static string Describe(Gender gender) => gender.ToString();

    /// <summary>"42 y", "8 y (approx.)" when only an age was recorded, or "—".</summary>
    public static string DescribeAge(int? age, bool estimated = false) =>
        age is { } years ? $"{years} y{(estimated ? " (approx.)" : "")}" : "—";

    public static string FormatDate(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"98765 43210": the way Indian mobiles are read out.</summary>
    public static string FormatMobile(string mobile) =>
        mobile is { Length: 10 } ? $"{mobile[..5]} {mobile[5..]}" : mobile;
}
