using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Who must sign in with an authenticator app (PRODUCT.md §10): platform admins, at the root; and at a practice whose
/// owner switched it on, members holding the Owner or Admin role (as the database says now). One without an
/// authenticator reaches nothing but its set-up page (<see cref="SignInGateMiddleware"/>), and an open page of theirs
/// loses its sign-in within a minute.
/// </summary>
public static class MultiFactorRequirement
{
    public const PracticeRoles RequiredRoles = PracticeRoles.Owner | PracticeRoles.Admin;

    /// <summary>
    /// Whether this principal, signed in at this address, must use an authenticator. The member's roles are read from
    /// the database, and only when the practice requires it at all.
    /// </summary>
    public static async Task<bool> AppliesToAsync(
        ClaimsPrincipal user, TenantSnapshot? practice, PracticeMembershipReader memberships, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(memberships);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (practice is null)
        {
            return user.PracticeId() is null && user.IsInRole(PlatformRoles.PlatformAdmin);
        }

        return practice.RequireMfaForAdministrators
            && user.PracticeId() == practice.Id
            && user.UserId() is { } userId
            && await memberships.GetActiveRolesAsync(userId, cancellationToken) is { } roles
            && AppliesTo(practice, roles);
    }

    /// <summary>Whether a member with these roles at this practice must use an authenticator.</summary>
    public static bool AppliesTo(TenantSnapshot practice, PracticeRoles roles)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return practice.RequireMfaForAdministrators && (roles & RequiredRoles) != PracticeRoles.None;
    }

    /// <summary>Must use an authenticator here and has none yet: enrolment comes before anything else.</summary>
    public static async Task<bool> MustEnrolAsync(
        ClaimsPrincipal user, TenantSnapshot? practice, PracticeMembershipReader memberships, CancellationToken cancellationToken = default) =>
        !user.HasAuthenticator() && await AppliesToAsync(user, practice, memberships, cancellationToken);
}
