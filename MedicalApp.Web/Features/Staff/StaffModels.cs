using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Doctors;

namespace MedicalApp.Web.Features.Staff;

/// <param name="RegistrationNumber">The number of the member's active doctor profile.</param>
/// <param name="HasDoctorProfile">A profile, active or kept from an earlier Doctor role: giving the role again reuses it.</param>
public sealed record StaffMember(
    Guid MembershipId,
    Guid UserId,
    string FullName,
    string Email,
    string? Phone,
    PracticeRoles Roles,
    bool IsActive,
    string? RegistrationNumber,
    bool HasDoctorProfile,
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

/// <summary>Details of a person joining the practice; <see cref="Doctor"/> applies when the Doctor role is chosen.</summary>
public sealed class NewMemberForm
{
    public string FullName { get; set; } = "";

    public string Email { get; set; } = "";

    public string? Phone { get; set; }

    public PracticeRoles Roles { get; set; }

    public DoctorDetailsInput Doctor { get; set; } = new();
}

/// <summary>A change of roles; <see cref="Doctor"/> is needed when the Doctor role is given to someone without a profile.</summary>
public sealed class MemberRolesForm
{
    public PracticeRoles Roles { get; set; }

    public DoctorDetailsInput Doctor { get; set; } = new();
}

/// <summary>A member's name and mobile, as an owner or administrator corrects them.</summary>
public sealed class MemberDetailsForm
{
    public string FullName { get; set; } = "";

    public string? Phone { get; set; }
}

/// <summary>A new one-time password, shown once to the owner who issued it (and emailed when asked).</summary>
public sealed record IssuedPassword(string Password, bool Emailed);
