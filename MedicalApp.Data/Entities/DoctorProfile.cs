using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// The professional side of a member who practises: registration with the medical council, specializations, fee and
/// consultation length, where they practise and when. An active profile counts against the plan's doctor limit.
/// </summary>
public class DoctorProfile : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid MembershipId { get; set; }

    public PracticeMembership? Membership { get; set; }

    /// <summary>Medical council registration number, trimmed and upper-cased; unique within the practice.</summary>
    public string RegistrationNumber { get; set; } = "";

    public List<string> Specializations { get; set; } = [];

    public string? Qualification { get; set; }

    /// <summary>A scanned signature (a stored file, PNG or JPEG) printed on prescriptions; without it the name is typed.</summary>
    public Guid? SignatureFileId { get; set; }

    public int ExperienceYears { get; set; }

    /// <summary>Consultation fee in rupees.</summary>
    public decimal ConsultationFee { get; set; }

    public int ConsultationMinutes { get; set; } = DefaultConsultationMinutes;

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public ICollection<DoctorLocation> Locations { get; } = [];

    public ICollection<DoctorAvailability> Availability { get; } = [];

    public ICollection<DoctorLeave> Leave { get; } = [];

    public const int DefaultConsultationMinutes = 30;

    /// <summary>A doctor is "dental" when a specialization says so; the dental module follows this.</summary>
    public bool IsDental => Specializations.Any(s =>
        s.Contains("dent", StringComparison.OrdinalIgnoreCase) || s.Contains("orthodont", StringComparison.OrdinalIgnoreCase));
}
