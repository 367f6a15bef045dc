using System.ComponentModel.DataAnnotations;
using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Staff;

public sealed record StaffMember(
    Guid MembershipId,
    Guid UserId,
    string FullName,
    string Email,
    string? Phone,
    PracticeRoles Roles,
    bool IsActive,
    string? RegistrationNumber,
    bool MustChangePassword);

/// <summary>
/// A pending invitation as the staff list shows it: only what the administrator typed (email, name, roles) and the
/// invitation's own state, never anything of an account the address may have elsewhere.
/// </summary>
public sealed record PendingInvitation(
    Guid InvitationId,
    string Email,
    string FullName,
    PracticeRoles Roles,
    DateTime ExpiresAtUtc,
    bool IsExpired,
    OutboxEmailStatus? EmailStatus,
    string? EmailError);

/// <summary>The roles an administrator can give. Owner is not among them: the practice has its owner from registration.</summary>
public static class AssignableRoles
{
    public static IReadOnlyList<PracticeRoles> All { get; } = [PracticeRoles.Doctor, PracticeRoles.Receptionist, PracticeRoles.Nurse, PracticeRoles.Admin];
}

/// <summary>The doctor fields shared by adding a member and changing roles: one set of inputs, one validation.</summary>
public abstract class DoctorDetailsForm
{
    public PracticeRoles Roles { get; set; }

    [StringLength(50)]
    public string? RegistrationNumber { get; set; }

    [StringLength(100)]
    public string? Specialization { get; set; }

    [StringLength(200)]
    public string? Qualification { get; set; }

    [Range(0, 70, ErrorMessage = "Experience must be between 0 and 70 years.")]
    public int ExperienceYears { get; set; }

    [Range(0, 100000, ErrorMessage = "The fee must be between ₹0 and ₹1,00,000.")]
    public decimal ConsultationFee { get; set; }

    [Range(5, 240, ErrorMessage = "A consultation lasts 5 to 240 minutes.")]
    public int ConsultationMinutes { get; set; } = DoctorProfile.DefaultConsultationMinutes;
}

/// <summary>Details of a person joining the practice; doctor fields apply when the Doctor role is chosen.</summary>
public sealed class NewMemberForm : DoctorDetailsForm
{
    [Required(ErrorMessage = "Enter the person's full name.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "The name must have 2 to 200 characters.")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Enter their email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [StringLength(16)]
    public string? Phone { get; set; }
}

/// <summary>A change of roles; doctor fields are needed when the Doctor role is given to someone without a profile.</summary>
public sealed class MemberRolesForm : DoctorDetailsForm;

/// <summary>
/// The outcome of a staff change: field messages, a general message, or success. An invitation's answer is the same
/// whoever the address belongs to (see <see cref="StaffInvitationService"/>): no name, no account, no temporary password.
/// </summary>
public sealed record StaffResult(bool Succeeded, IReadOnlyDictionary<string, string> Errors, string? Message)
{
    public static StaffResult Ok(string message) => new(true, new Dictionary<string, string>(), message);

    public static StaffResult Refused(string message) => new(false, new Dictionary<string, string>(), message);

    public static StaffResult Invalid(string field, string message) => new(false, new Dictionary<string, string> { [field] = message }, null);

    public static StaffResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors, null);
}
