using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Identity;

public static class PracticePolicies
{
    /// <summary>The default policy: a signed-in, active member of the practice the request is for.</summary>
    public const string Member = "PracticeMember";

    /// <summary>The platform console: a platform admin, at the root only (never inside a practice).</summary>
    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>Account pages: a member of this practice, or at the root a platform admin.</summary>
    public const string SignedInHere = "SignedInHere";

    /// <summary>The prefix of the policies <see cref="RequirePermissionAttribute"/> names.</summary>
    public const string PermissionPrefix = "PracticePermission:";

    /// <summary>The policy of a practice page or endpoint: an active member whose roles allow any of <paramref name="anyOf"/>.</summary>
    public static string For(params PracticePermission[] anyOf)
    {
        ArgumentNullException.ThrowIfNull(anyOf);
        return anyOf.Length == 0
            ? throw new ArgumentException("Name at least one permission.", nameof(anyOf))
            : PermissionPrefix + string.Join(",", anyOf.Distinct().Order().Select(p => p.ToString()));
    }
}

/// <summary>
/// The one way a practice page or endpoint says who may use it: an active member of <em>this</em> practice (read from
/// the database for every request and every in-circuit navigation) whose current roles allow any of the named
/// permissions. Role names never appear on pages, so membership cannot be forgotten beside them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(PracticePermission permission, params PracticePermission[] orAnyOf)
    {
        ArgumentNullException.ThrowIfNull(orAnyOf);
        Permissions = [permission, .. orAnyOf];
        Policy = PracticePolicies.For([.. Permissions]);
    }

    public IReadOnlyList<PracticePermission> Permissions { get; }
}

/// <summary>
/// The user's cookie was issued for the resolved practice, the practice is active and the membership there is
/// active; with permissions, the member's current roles allow one of them.
/// </summary>
public sealed class PracticeMemberRequirement(IReadOnlyList<PracticePermission> anyOf) : IAuthorizationRequirement
{
    public PracticeMemberRequirement()
        : this([])
    {
    }

    public IReadOnlyList<PracticePermission> AnyOf { get; } = anyOf;
}

/// <summary>The request names no practice.</summary>
public sealed class OutsidePracticeRequirement : IAuthorizationRequirement;

/// <summary>Inside a practice: <see cref="PracticeMemberRequirement"/>; at the root: a platform admin.</summary>
public sealed class SignedInHereRequirement : IAuthorizationRequirement;

/// <summary>Builds the permission policies on demand; every other name goes to the registered policies.</summary>
public sealed class PracticePolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        if (!policyName.StartsWith(PracticePolicies.PermissionPrefix, StringComparison.Ordinal))
        {
            return await base.GetPolicyAsync(policyName);
        }

        var permissions = new List<PracticePermission>();
        foreach (var name in policyName[PracticePolicies.PermissionPrefix.Length..].Split(','))
        {
            if (!Enum.TryParse<PracticePermission>(name, out var permission) || !Enum.IsDefined(permission))
            {
                return null; // an unknown name is a programming error; the framework reports it
            }

            permissions.Add(permission);
        }

        return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PracticeMemberRequirement(permissions)).Build();
    }
}

/// <summary>
/// Checks membership, practice state and roles against the database each time, for HTTP requests and for page
/// navigations inside a circuit (where the practice is the circuit's own, bound from its connection).
/// </summary>
public sealed class PracticeMemberHandler(
    CurrentTenant currentTenant, IDbContextFactory<MedicalDbContext> contextFactory, PracticeStateNotifier practiceState) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        PracticeRoles? roles = null;
        var rolesRead = false;
        async Task<PracticeRoles?> RolesAsync()
        {
            if (!rolesRead)
            {
                roles = await ActiveRolesAsync(context.User);
                rolesRead = true;
            }

            return roles;
        }

        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var satisfied = requirement switch
            {
                PracticeMemberRequirement member => await RolesAsync() is { } held
                    && (member.AnyOf.Count == 0 || PracticePermissions.AllowsAny(held, member.AnyOf)),
                SignedInHereRequirement => currentTenant.IsSet
                    ? await RolesAsync() is not null
                    : context.User.IsInRole(PlatformRoles.PlatformAdmin) && context.User.PracticeId() is null,
                _ => false,
            };
            if (satisfied)
            {
                context.Succeed(requirement);
            }
        }
    }

    /// <summary>The roles of an active membership in the active current practice, for a cookie issued for it.</summary>
    private async Task<PracticeRoles?> ActiveRolesAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        if (currentTenant.Id is not { } practiceId || user.PracticeId() != practiceId || user.UserId() is not { } userId)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync();
        var status = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId).Select(t => (PracticeStatus?)t.Status).SingleOrDefaultAsync();
        if (status != PracticeStatus.Active)
        {
            if (status == PracticeStatus.Suspended)
            {
                practiceState.ReportSuspended(); // an open page of a practice suspended meanwhile leaves for the notice
            }

            return null;
        }

        var member = await db.PracticeMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .Select(m => new { m.Roles })
            .SingleOrDefaultAsync();
        return member?.Roles;
    }
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
