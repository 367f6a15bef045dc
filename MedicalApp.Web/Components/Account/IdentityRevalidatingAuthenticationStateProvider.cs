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
/// Revalidates the signed-in user of an open circuit every minute: the security stamp (password changed, signed out
/// elsewhere), and for a practice cookie that the practice is still active and the membership too, and that a required authenticator is set up. A circuit of a
/// deactivated member or a suspended practice loses its sign-in within a minute, and on its next page at once
/// (the membership check runs on every navigation).
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A fresh scope fetches fresh data; it has no practice until we give it the one the cookie names.
        await using var scope = scopeFactory.CreateAsyncScope();
        var principal = authenticationState.User;
        TenantSnapshot? practice = null;
        if (principal.PracticeId() is { } practiceId)
        {
            practice = await scope.ServiceProvider.GetRequiredService<PracticeDirectory>().FindByIdAsync(practiceId, cancellationToken);
            if (practice is null || practice.Status != PracticeStatus.Active || principal.UserId() is not { } userId)
            {
                return false;
            }

            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
            if (await scope.ServiceProvider.GetRequiredService<PracticeMembershipReader>().GetActiveRolesAsync(userId, cancellationToken) is null)
            {
                return false;
            }
        }

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(principal);
        // An owner who has just required two-factor sign-in: the open pages of administrators without an authenticator
        // lose their sign-in too, and their next page load leads to the set-up.
        if (user is null || (!user.TwoFactorEnabled && MultiFactorRequirement.AppliesTo(principal, practice)))
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
