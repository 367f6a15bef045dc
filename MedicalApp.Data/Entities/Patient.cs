using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum Gender
{
    Female,
    Male,
    Other,
}

/// <summary>How a family member relates to the family's primary member (who is "Self").</summary>
public enum FamilyRelationship
{
    Self,
    Spouse,
    Child,
    Parent,
    Sibling,
    Grandparent,
    Grandchild,
    Other,
}

/// <summary>
/// A patient of one practice. Identity inside the practice is (mobile, first name) among active patients; everyone
/// sharing a mobile is a family with exactly one primary member (relationship Self) and at most 10 members.
/// Another practice may hold the same mobile and name: that is never refused and never revealed.
/// </summary>
public class Patient : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>Lower-cased, trimmed first name: the key of the (mobile, first name) identity.</summary>
    public string FirstNameKey { get; set; } = "";

    /// <summary>Lower-cased "first last", kept for fast partial-name search.</summary>
    public string SearchName { get; set; } = "";

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>When the date of birth is unknown: the age given at registration, with <see cref="AgeRecordedOn"/>.</summary>
    public int? AgeYears { get; set; }

    public DateOnly? AgeRecordedOn { get; set; }

    public Gender Gender { get; set; }

    /// <summary>The family's mobile: 10 digits, normalised (no +91, no spaces).</summary>
    public string Mobile { get; set; } = "";

    public bool IsPrimary { get; set; }

    public FamilyRelationship Relationship { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? EmergencyContactName { get; set; }

    public string? EmergencyContactPhone { get; set; }

    /// <summary>A+, A-, B+, B-, AB+, AB-, O+, O- or null when unknown.</summary>
    public string? BloodGroup { get; set; }

    public string? Allergies { get; set; }

    public string? ChronicConditions { get; set; }

    public string? Notes { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The language of reminders and confirmations ("en", "ta"); null means the practice's default.</summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>When the patient asked not to receive reminders (email or SMS); null means they receive them.</summary>
    public DateTime? RemindersOptedOutAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    /// <summary>When the record last changed (its version says whether a form was filled from it).</summary>
    public DateTime? UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public const int MaxFamilyMembers = 10;

    /// <summary>Age in whole years on <paramref name="today"/>, from the birth date or the recorded age.</summary>
    public int? AgeOn(DateOnly today) => AgeOn(today, DateOfBirth, AgeYears, AgeRecordedOn);

    /// <summary>The same, from the columns alone (for projections that do not load the patient).</summary>
    public static int? AgeOn(DateOnly today, DateOnly? dateOfBirth, int? ageYears, DateOnly? ageRecordedOn)
    {
        if (dateOfBirth is { } born)
        {
            var age = today.Year - born.Year;
            return born.AddYears(age) > today ? age - 1 : age;
        }

        return ageYears is { } years && ageRecordedOn is { } recorded
            ? years + Math.Max(0, (today.DayNumber - recorded.DayNumber) / 365)
            : ageYears;
    }
}
