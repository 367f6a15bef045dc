using Microsoft.AspNetCore.Identity;

namespace MedicalApp.Data.Entities;

/// <summary>
/// A person who can sign in. Users are global: one email, one login, possibly a member of several practices
/// (a visiting consultant). What they may do in a practice comes from their <see cref="TenantMembership"/>.
/// </summary>
public class ApplicationUser : IdentityUser<Guid>
{
    [PersonalData]
    public string FullName { get; set; } = "";

    /// <summary>Set for temporary passwords: the user must choose a new password before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public ICollection<TenantMembership> Memberships { get; } = [];
}
