using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>Who belongs to a practice, with which roles. Deactivating it stops sign-in to that practice at once.</summary>
public class PracticeMembership : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public PracticeRoles Roles { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DeactivatedAtUtc { get; set; }

    public DoctorProfile? DoctorProfile { get; set; }
}
