using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum StaffInvitationStatus
{
    /// <summary>Mailed and waiting for the person (it may have expired: see <see cref="StaffInvitation.ExpiresAtUtc"/>).</summary>
    Pending,

    /// <summary>Used: the person joined the practice. A link works once.</summary>
    Accepted,

    /// <summary>Withdrawn by an administrator before it was used.</summary>
    Revoked,
}

/// <summary>
/// An administrator's invitation of an email address to join the practice with some roles (and, for a doctor, the
/// profile details). Adding staff always makes one, whether or not the address already has a MedicalApp account, so
/// the practice learns nothing about accounts elsewhere until the person accepts. Only a hash of the emailed token is
/// stored, like a password; the link works once, until <see cref="ExpiresAtUtc"/>. A pending, unexpired invitation with
/// the Doctor role holds a seat of the plan's doctor limit.
/// </summary>
public class StaffInvitation : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    /// <summary>The address as the administrator typed it (trimmed).</summary>
    public string Email { get; set; } = "";

    /// <summary>Upper-cased like Identity's normalised emails: one pending invitation per address and practice.</summary>
    public string NormalizedEmail { get; set; } = "";

    /// <summary>The name the administrator typed; the staff list shows only this until the person accepts.</summary>
    public string FullName { get; set; } = "";

    public string? Phone { get; set; }

    public PracticeRoles Roles { get; set; }

    // The doctor profile the membership gets on acceptance (when Roles include Doctor).
    public string? RegistrationNumber { get; set; }

    /// <summary>Comma-separated, as typed.</summary>
    public string? Specializations { get; set; }

    public string? Qualification { get; set; }

    public int ExperienceYears { get; set; }

    public decimal ConsultationFee { get; set; }

    public int ConsultationMinutes { get; set; } = DoctorProfile.DefaultConsultationMinutes;

    /// <summary>SHA-256 of the emailed token, hex; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime ExpiresAtUtc { get; set; }

    public StaffInvitationStatus Status { get; set; }

    public Guid InvitedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The outbox message carrying the latest link (a re-send makes a new one).</summary>
    public Guid? EmailId { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public Guid? AcceptedByUserId { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}
