using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Validation;

namespace MedicalApp.Web.Features.Doctors;

public enum DoctorResultStatus
{
    Saved,
    Invalid,
    NotFound,
    Forbidden,
    ReadOnly,

    /// <summary>Someone else saved a change to the profile after the form was filled: nothing was saved.</summary>
    Stale,
}

/// <summary>
/// The outcome of a change: saved, or why not. Field errors are keyed by the names in <see cref="DoctorFields"/> (or
/// <see cref="DoctorScheduleRules.DayKey"/> for one day of one location) so the page shows them next to the field.
/// </summary>
public sealed record DoctorResult(DoctorResultStatus Status, IReadOnlyDictionary<string, string> FieldErrors, string? Message = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Status == DoctorResultStatus.Saved;

    /// <summary>Every message, for an alert that sums up what to fix.</summary>
    public IEnumerable<string> AllMessages => (Message is null ? [] : new[] { Message }).Concat(FieldErrors.Values).Distinct();

    public static DoctorResult Saved(string? message = null) => new(DoctorResultStatus.Saved, NoErrors, message);

    public static DoctorResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(DoctorResultStatus.Invalid, errors, "Please correct the highlighted fields.");

    public static DoctorResult NotFound() =>
        new(DoctorResultStatus.NotFound, NoErrors, "This doctor profile does not exist in this practice.");

    public static DoctorResult Forbidden() =>
        new(DoctorResultStatus.Forbidden, NoErrors, "Only the practice's administrators and the doctor themselves can change this profile.");

    public static DoctorResult ReadOnly(string message) => new(DoctorResultStatus.ReadOnly, NoErrors, message);

    public static DoctorResult Stale() => new(DoctorResultStatus.Stale, NoErrors, StaleEdit.Message("profile"));
}

/// <summary>Names of the fields that can carry an error.</summary>
public static class DoctorFields
{
    public const string RegistrationNumber = nameof(DoctorProfileForm.RegistrationNumber);
    public const string Specializations = nameof(DoctorProfileForm.Specializations);
    public const string Qualification = nameof(DoctorProfileForm.Qualification);
    public const string ExperienceYears = nameof(DoctorProfileForm.ExperienceYears);
    public const string ConsultationFee = nameof(DoctorProfileForm.ConsultationFee);
    public const string ConsultationMinutes = nameof(DoctorProfileForm.ConsultationMinutes);
    public const string Locations = "Locations";
    public const string Availability = "Availability";
    public const string LeaveDate = "LeaveDate";
    public const string LeaveThrough = "LeaveThrough";
    public const string LeaveReason = "LeaveReason";
    public const string Leave = "Leave";
}

/// <summary>The professional details a doctor or an admin edits.</summary>
public sealed class DoctorProfileForm
{
    public string? RegistrationNumber { get; set; }

    public List<string> Specializations { get; set; } = [];

    public string? Qualification { get; set; }

    public int ExperienceYears { get; set; }

    /// <summary>In rupees, at most two decimals.</summary>
    public decimal ConsultationFee { get; set; }

    public int ConsultationMinutes { get; set; } = DoctorProfile.DefaultConsultationMinutes;

    /// <summary>The profile's version the form was filled from, so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>One weekly time range at one location, in the practice's local time.</summary>
public sealed record AvailabilityRange(Guid LocationId, DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public string Times => DoctorScheduleRules.Format(Start, End);
}

public sealed record LocationOption(Guid Id, string Name, bool IsActive);

public sealed record LeaveDay(Guid Id, DateOnly Date, string? Reason);

/// <summary>A doctor as the practice's doctor list shows them.</summary>
public sealed record DoctorListRow(
    Guid Id,
    Guid UserId,
    string FullName,
    string Email,
    string? Phone,
    string RegistrationNumber,
    IReadOnlyList<string> Specializations,
    string? Qualification,
    int ExperienceYears,
    decimal ConsultationFee,
    int ConsultationMinutes,
    IReadOnlyList<string> Locations,
    IReadOnlyList<LocationSchedule> Schedule,
    IReadOnlyList<DateOnly> UpcomingLeave,
    bool IsActive,
    bool IsMemberActive);

/// <summary>A location's weekly hours in words, e.g. "Mon–Fri 09:00–13:00, 17:00–21:00; Sat 09:00–13:00".</summary>
public sealed record LocationSchedule(string LocationName, string Summary);

/// <summary>Everything the edit page needs about one doctor.</summary>
public sealed record DoctorProfileDetails(
    Guid Id,
    Guid UserId,
    string FullName,
    string Email,
    string? Phone,
    bool IsActive,
    bool IsMemberActive,
    string RegistrationNumber,
    IReadOnlyList<string> Specializations,
    string? Qualification,
    int ExperienceYears,
    decimal ConsultationFee,
    int ConsultationMinutes,
    IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<AvailabilityRange> Availability,
    IReadOnlyList<LeaveDay> Leave,
    IReadOnlyList<LocationOption> PracticeLocations,
    DateOnly Today,
    int Version)
{
    public DoctorProfileForm ToForm() => new()
    {
        RegistrationNumber = RegistrationNumber,
        Specializations = [.. Specializations],
        Qualification = Qualification,
        ExperienceYears = ExperienceYears,
        ConsultationFee = ConsultationFee,
        ConsultationMinutes = ConsultationMinutes,
        Version = Version,
    };
}
