using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Components.Account;

/// <summary>
/// Revalidates the signed-in user of an open circuit every minute, against the circuit's own practice (bound from
/// its connection, see <see cref="PracticeCircuitBinding"/>), not the practice the cookie names: the sign-in must
/// belong to that practice, the practice must still be active, the membership too, a required authenticator must be
/// set up, and the security stamp unchanged (password changed, roles changed, signed out elsewhere). A failure signs
/// the circuit out. Actions do not wait for this: every service reads the member's roles and the practice's state
/// from the database when it acts.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        CurrentTenant circuitPractice,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (principal.UserId() is not { } userId || principal.PracticeId() != circuitPractice.Id)
        {
            return false;
        }

        // A fresh scope fetches fresh data (the circuit's own scope serves its components); it works for the
        // circuit's practice.
        await using var scope = scopeFactory.CreateAsyncScope();
        TenantSnapshot? practice = null;
        var mustUseAuthenticator = principal.IsInRole(PlatformRoles.PlatformAdmin);
        if (circuitPractice.Id is { } practiceId)
        {
            practice = await scope.ServiceProvider.GetRequiredService<PracticeDirectory>().FindByIdAsync(practiceId, cancellationToken);
            if (practice is null || practice.Status != PracticeStatus.Active)
            {
                return false;
            }

            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
            if (await scope.ServiceProvider.GetRequiredService<PracticeMembershipReader>().GetActiveRolesAsync(userId, cancellationToken) is not { } roles)
            {
                return false;
            }

            mustUseAuthenticator = MultiFactorRequirement.AppliesTo(practice, roles);
        }

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(principal);
        // An owner who has just required two-factor sign-in: the open pages of administrators without an authenticator
        // lose their sign-in too, and their next page load leads to the set-up.
        if (user is null || (mustUseAuthenticator && !user.TwoFactorEnabled))
        {
            return false;
        }

        return await ValidateSecurityStampAsync(userManager, user, principal);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ApplicationUser user, ClaimsPrincipal principal)
    {
        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return principalStamp == userStamp;
    }
}
