using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>Names of the fields that can carry an error.</summary>
public static class DoctorFields
{
    public const string RegistrationNumber = nameof(DoctorDetailsInput.RegistrationNumber);
    public const string Specializations = nameof(DoctorDetailsInput.Specializations);
    public const string Qualification = nameof(DoctorDetailsInput.Qualification);
    public const string ExperienceYears = nameof(DoctorDetailsInput.ExperienceYears);
    public const string ConsultationFee = nameof(DoctorDetailsInput.ConsultationFee);
    public const string ConsultationMinutes = nameof(DoctorDetailsInput.ConsultationMinutes);
    public const string Locations = "Locations";
    public const string Availability = "Availability";
    public const string LeaveDate = "LeaveDate";
    public const string LeaveThrough = "LeaveThrough";
    public const string LeaveReason = "LeaveReason";
}

/// <summary>
/// A doctor's professional details as a form holds them: the one model of the profile page and of adding a doctor to
/// the staff (an invitation, a new Doctor role), and what registration makes a practising owner's profile from.
/// Checked by <see cref="DoctorProfileRules.Check"/>, stored through <see cref="DoctorProfileRules.Clean"/>.
/// </summary>
public sealed class DoctorDetailsInput
{
    public string? RegistrationNumber { get; set; }

    /// <summary>As typed: several separated by commas ("General Medicine, Diabetology").</summary>
    public string? Specializations { get; set; }

    public string? Qualification { get; set; }

    public int ExperienceYears { get; set; }

    /// <summary>In rupees, at most two decimals.</summary>
    public decimal ConsultationFee { get; set; }

    public int ConsultationMinutes { get; set; } = DoctorProfile.DefaultConsultationMinutes;

    /// <summary>The profile's version the form was filled from (editing), so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>The details as they are stored: trimmed, the number normalized, the specializations split and de-duplicated.</summary>
public sealed record DoctorDetailsValues(
    string RegistrationNumber, List<string> Specializations, string? Qualification, int ExperienceYears, decimal ConsultationFee, int ConsultationMinutes);

/// <summary>One weekly time range at one location, in the practice's local time.</summary>
public sealed record AvailabilityRange(Guid LocationId, DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public string Times => DoctorScheduleRules.Format(Start, End);
}

/// <summary>One range of hours as the week editor holds it while it is typed ("9" becomes "09:00" when the field is left).</summary>
public sealed class HoursInput(string start, string end)
{
    public string Start { get; set; } = start;

    public string End { get; set; } = end;
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
    int Version,
    DoctorSignature? Signature)
{
    public DoctorDetailsInput ToForm() => new()
    {
        RegistrationNumber = RegistrationNumber,
        Specializations = string.Join(", ", Specializations),
        Qualification = Qualification,
        ExperienceYears = ExperienceYears,
        ConsultationFee = ConsultationFee,
        ConsultationMinutes = ConsultationMinutes,
        Version = Version,
    };
}
