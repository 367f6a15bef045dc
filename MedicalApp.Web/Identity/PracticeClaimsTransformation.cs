using System.Security.Claims;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authentication;

namespace MedicalApp.Web.Identity;

/// <summary>
/// On every authenticated request inside a practice, adds the user's current roles in that practice, but only when
/// the cookie was issued for this practice and the membership is active. A cookie from practice A presented to
/// practice B therefore carries no roles and no membership there, whatever else it says.
/// </summary>
public sealed class PracticeClaimsTransformation(CurrentTenant currentTenant, PracticeMembershipReader memberships) : IClaimsTransformation
{
    private const string AuthenticationType = "PracticeMembership";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || principal.Identities.Any(i => i.AuthenticationType == AuthenticationType)
            || currentTenant.Id is not { } practiceId
            || principal.PracticeId() != practiceId
            || principal.UserId() is not { } userId)
        {
            return principal;
        }

        var roles = await memberships.GetActiveRolesAsync(userId);
        if (roles is null)
        {
            return principal;
        }

        var membership = new ClaimsIdentity(AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        membership.AddClaim(new Claim(MedicalClaimTypes.ActiveMember, practiceId.ToString()));
        foreach (var role in PracticeRoleNames.Of(roles.Value))
        {
            membership.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        var transformed = principal.Clone();
        transformed.AddIdentity(membership);
        return transformed;
    }
}
