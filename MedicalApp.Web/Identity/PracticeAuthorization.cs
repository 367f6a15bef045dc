using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace MedicalApp.Web.Identity;

public static class PracticePolicies
{
    /// <summary>The default policy: a signed-in, active member of the practice the request is for.</summary>
    public const string Member = "PracticeMember";

    /// <summary>The platform console: a platform admin, at the root only (never inside a practice).</summary>
    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>Account pages: a member of this practice, or at the root a platform admin.</summary>
    public const string SignedInHere = "SignedInHere";
}

/// <summary>The user's cookie was issued for the resolved practice and their membership there is active.</summary>
public sealed class PracticeMemberRequirement : IAuthorizationRequirement;

/// <summary>The request names no practice.</summary>
public sealed class OutsidePracticeRequirement : IAuthorizationRequirement;

/// <summary>Inside a practice: <see cref="PracticeMemberRequirement"/>; at the root: a platform admin.</summary>
public sealed class SignedInHereRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks membership against the database each time, for HTTP requests and for page navigations inside a circuit
/// (where the practice comes from the circuit's <see cref="CurrentTenant"/>, set by <c>Routes.razor</c>).
/// </summary>
public sealed class PracticeMemberHandler(CurrentTenant currentTenant, PracticeMembershipReader memberships) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var satisfied = requirement switch
            {
                PracticeMemberRequirement => await IsActiveMemberAsync(context.User),
                SignedInHereRequirement => currentTenant.IsSet
                    ? await IsActiveMemberAsync(context.User)
                    : context.User.IsInRole(PlatformRoles.PlatformAdmin),
                _ => (bool?)null,
            };
            if (satisfied == true)
            {
                context.Succeed(requirement);
            }
        }
    }

    private async Task<bool> IsActiveMemberAsync(System.Security.Claims.ClaimsPrincipal user) =>
        currentTenant.Id is { } practiceId
        && user.PracticeId() == practiceId
        && user.UserId() is { } userId
        && await memberships.GetActiveRolesAsync(userId) is not null;
}

public sealed class OutsidePracticeHandler(CurrentTenant currentTenant) : AuthorizationHandler<OutsidePracticeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OutsidePracticeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!currentTenant.IsSet)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
