using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Patients;

/// <summary>
/// What the registration, add-member and edit forms hold; pages bind to it and the service validates it again.
/// A family member's mobile is the family's: for members it is ignored.
/// </summary>
public sealed class PatientForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>The date of birth; when it is unknown, <see cref="AgeYears"/> instead.</summary>
    public DateOnly? DateOfBirth { get; set; }

    public int? AgeYears { get; set; }

    public Gender? Gender { get; set; }

    public string? Mobile { get; set; }

    /// <summary>How a family member relates to the primary member; the primary is always Self.</summary>
    public FamilyRelationship? Relationship { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? EmergencyContactName { get; set; }

    public string? EmergencyContactPhone { get; set; }

    public string? BloodGroup { get; set; }

    public string? Allergies { get; set; }

    public string? ChronicConditions { get; set; }

    public string? Notes { get; set; }

    /// <summary>The language of the patient's reminders ("en", "ta"); empty uses the practice's default.</summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>The patient asked for no appointment confirmations or reminders.</summary>
    public bool NoReminders { get; set; }

    /// <summary>
    /// For edits: the version of the record the form was filled from (<see cref="PatientRecord.Version"/>). A save
    /// over someone else's newer change is refused instead of silently overwriting it.
    /// </summary>
    public int? Version { get; set; }

    public PatientForm Copy() => (PatientForm)MemberwiseClone();
}

/// <summary>The active family already registered on a mobile, so the page can offer to add a member or open it.</summary>
public sealed record ExistingFamily(string Mobile, Guid PrimaryId, string PrimaryName, int ActiveMembers)
{
    public bool HasRoom => ActiveMembers < Patient.MaxFamilyMembers;
}

/// <summary>The patients one registration saved: the first of them (a new family's primary) and everyone saved with them.</summary>
public sealed record RegisteredPatients(Guid PatientId, IReadOnlyList<Guid> MemberIds);

/// <summary>
/// What registering a new family produced: its patients when done; when the mobile already has an active family,
/// nothing (the outcome is Invalid, the mobile's error says so) but that family, so the page can offer to add the
/// person to it instead.
/// </summary>
public sealed record FamilyRegistration(RegisteredPatients? Registered, ExistingFamily? ExistingFamily)
{
    public static ChangeResult<FamilyRegistration> Done(RegisteredPatients registered, string message) =>
        ChangeResult<FamilyRegistration>.Done(new FamilyRegistration(registered, null), message);

    /// <summary>Field errors (keyed by <see cref="PatientFields"/>) on the mobile, and on the first name when that person is in the family already.</summary>
    public static ChangeResult<FamilyRegistration> FamilyExists(ExistingFamily family, IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(family);
        return new ChangeResult(ChangeOutcome.Invalid, errors, PatientRules.FamilyExistsMessage(family), [])
            .With(new FamilyRegistration(null, family));
    }
}

/// <summary>Names of the fields that can carry an error.</summary>
public static class PatientFields
{
    public const string FirstName = nameof(PatientForm.FirstName);
    public const string LastName = nameof(PatientForm.LastName);
    public const string DateOfBirth = nameof(PatientForm.DateOfBirth);
    public const string AgeYears = nameof(PatientForm.AgeYears);
    public const string Gender = nameof(PatientForm.Gender);
    public const string Mobile = nameof(PatientForm.Mobile);
    public const string Relationship = nameof(PatientForm.Relationship);
    public const string Email = nameof(PatientForm.Email);
    public const string Address = nameof(PatientForm.Address);
    public const string EmergencyContactName = nameof(PatientForm.EmergencyContactName);
    public const string EmergencyContactPhone = nameof(PatientForm.EmergencyContactPhone);
    public const string BloodGroup = nameof(PatientForm.BloodGroup);
    public const string Allergies = nameof(PatientForm.Allergies);
    public const string ChronicConditions = nameof(PatientForm.ChronicConditions);
    public const string Notes = nameof(PatientForm.Notes);
    public const string PreferredLanguage = nameof(PatientForm.PreferredLanguage);

    /// <summary>Every field of one person's form, for a page that asks whether any of them carries an error.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        FirstName, LastName, DateOfBirth, AgeYears, Gender, Mobile, Relationship, Email, Address, EmergencyContactName,
        EmergencyContactPhone, BloodGroup, Allergies, ChronicConditions, Notes, PreferredLanguage,
    ];

    /// <summary>An error about the family members as a whole (how many there are).</summary>
    public const string Members = "Members";

    /// <summary>The key of a family member's field in a registration: <c>Members[0].FirstName</c>.</summary>
    public static string Member(int index, string field) => $"{Members}[{index}].{field}";
}

public enum PatientStatusFilter
{
    Active,
    Inactive,
    All,
}

/// <summary>Filters of the patient search; ages are in whole years on the practice's today.</summary>
public sealed record PatientSearchFilters(Gender? Gender = null, int? MinAge = null, int? MaxAge = null, PatientStatusFilter Status = PatientStatusFilter.Active)
{
    public static PatientSearchFilters ActiveOnly { get; } = new();
}

/// <summary>One patient in search results.</summary>
public sealed record PatientSearchRow(
    Guid Id, string FirstName, string LastName, int? Age, Gender Gender, string Mobile, bool IsPrimary,
    FamilyRelationship Relationship, bool IsActive)
{
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>"••••3210": enough to tell families apart in a picker without showing the whole number.</summary>
    public string MobileEnding => "••••" + Mobile[^Math.Min(4, Mobile.Length)..];

    /// <summary>"38 y · Female · ••••3210 · Spouse": what tells two Lakshmi Kumars apart at the desk.</summary>
    public string Summary => $"{PatientRules.DescribeAge(Age)} · {Gender} · {MobileEnding}{(IsPrimary ? "" : $" · {Relationship}")}";
}

/// <summary>
/// A page of search results. <see cref="Message"/> explains why nothing was searched (too short, bad filter);
/// <see cref="TotalIsLowerBound"/> says the total was only counted up to <see cref="PatientQueries.CountLimit"/>.
/// </summary>
public sealed record PatientSearchPage(
    IReadOnlyList<PatientSearchRow> Rows, int Page, int PageSize, int TotalCount, bool TotalIsLowerBound, string? Message)
{
    public bool Searched => Message is null;

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public static PatientSearchPage NotSearched(string message, int pageSize) => new([], 1, pageSize, 0, false, message);
}

/// <summary>A member of a family, as the family page and the patient page list them.</summary>
public sealed record FamilyMemberRow(
    Guid Id, string FirstName, string LastName, FamilyRelationship Relationship, bool IsPrimary, int? Age, Gender Gender, bool IsActive)
{
    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>Everyone registered on one mobile: active members first (the primary leading), then former members.</summary>
public sealed record FamilyView(string Mobile, IReadOnlyList<FamilyMemberRow> Members)
{
    public FamilyMemberRow? Primary => Members.FirstOrDefault(m => m.IsActive && m.IsPrimary);

    public int ActiveCount => Members.Count(m => m.IsActive);

    public bool HasRoom => ActiveCount < Patient.MaxFamilyMembers;
}

/// <summary>One appointment on the patient's visit timeline, in the practice's local time.</summary>
public sealed record PatientVisit(
    Guid AppointmentId, string Number, DateTime StartsAtLocal, DateTime EndsAtLocal, string DoctorName, string LocationName,
    AppointmentStatus Status, bool IsWalkIn, string? Reason);

/// <summary>Everything the patient page shows.</summary>
public sealed record PatientRecord(
    Guid Id,
    string FirstName,
    string LastName,
    DateOnly? DateOfBirth,
    int? AgeYears,
    DateOnly? AgeRecordedOn,
    int? Age,
    Gender Gender,
    string Mobile,
    bool IsPrimary,
    FamilyRelationship Relationship,
    string? Email,
    string? Address,
    string? EmergencyContactName,
    string? EmergencyContactPhone,
    string? BloodGroup,
    string? Allergies,
    string? ChronicConditions,
    string? Notes,
    bool IsActive,
    DateTime CreatedAtUtc,
    int Version,
    IReadOnlyList<FamilyMemberRow> Family,
    IReadOnlyList<PatientVisit> Visits)
{
    /// <summary>The language of the patient's reminders; null uses the practice's default.</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>When the patient asked for no reminders; null when they get them.</summary>
    public DateTime? RemindersOptedOutAtUtc { get; init; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>The edit form, filled with the current values and this version.</summary>
    public PatientForm ToForm() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        DateOfBirth = DateOfBirth,
        AgeYears = DateOfBirth is null ? Age : null,
        Gender = Gender,
        Mobile = Mobile,
        Relationship = Relationship,
        Email = Email,
        Address = Address,
        EmergencyContactName = EmergencyContactName,
        EmergencyContactPhone = EmergencyContactPhone,
        BloodGroup = BloodGroup,
        Allergies = Allergies,
        ChronicConditions = ChronicConditions,
        Notes = Notes,
        PreferredLanguage = PreferredLanguage,
        NoReminders = RemindersOptedOutAtUtc is not null,
        Version = Version,
    };
}

/// <summary>What a patient picker hands to its page: enough to show and to book.</summary>
public sealed record PatientPick(Guid Id, string DisplayName, string? Summary = null)
{
    public static PatientPick From(PatientSearchRow row) => new(row.Id, row.FullName, row.Summary);
}

/// <summary>What the access report needs of a patient: the name, and the appointments whose events it includes.</summary>
public sealed record PatientAccessSubject(string Name, IReadOnlyList<Guid> AppointmentIds);

/// <summary>The "who accessed this record" report of one patient, as its page shows it.</summary>
public sealed record PatientAccessView(Guid PatientId, string PatientName, RecordAccessReport Report);
