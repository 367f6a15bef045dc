using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Builds the principal stored in the sign-in cookie: Identity's claims plus the practice the cookie is issued for,
/// the must-change-password flag and whether the user has an authenticator. Practice roles are deliberately not stored
/// here: every decision reads them from the database (<see cref="PracticeActors"/>, <see cref="PracticeMemberHandler"/>)
/// so changes apply at once.
/// </summary>
public sealed class PracticeClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options,
    CurrentTenant currentTenant)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MedicalClaimTypes.FullName, user.FullName));
        if (currentTenant.Id is { } practiceId)
        {
            identity.AddClaim(new Claim(MedicalClaimTypes.Practice, practiceId.ToString()));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(MedicalClaimTypes.Authenticator, "true"));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MedicalClaimTypes.MustChangePassword, "true"));
        }

        return identity;
    }
}
