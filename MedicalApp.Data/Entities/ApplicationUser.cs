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

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted for this user. A code is accepted once only
    /// (OWASP ASVS 2.8.4): one of this step or an earlier one is refused, even while it is still within its window.
    /// </summary>
    public long? LastAuthenticatorTimeStep { get; set; }

    public ICollection<PracticeMembership> Memberships { get; } = [];
}
