using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Identity's security-stamp check of the sign-in cookie (every minute, see <c>SecurityStampValidatorOptions</c>), run
/// in a scope of its own instead of the request's. Why: the Blazor hub's WebSocket request lives as long as its
/// circuit, and so does everything resolved in its scope. Identity's validator resolves the sign-in manager, the user
/// manager, the user store and a <c>MedicalDbContext</c> with EF Core's ~100 internal services; in the request's scope
/// they stayed in memory for every open circuit (issue 9: what a signed-in circuit costs). The check and its outcome
/// are Identity's own, unchanged: the cookie is rejected or renewed exactly as before.
/// </summary>
public sealed class FreshScopeSecurityStampValidator(IServiceScopeFactory scopeFactory, CurrentTenant requestPractice) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        // The request's practice, as the tenant middleware resolved it: the claims factory and sign-in manager of a
        // refreshed cookie work for it (a scope belongs to one practice, never another).
        if (requestPractice.Practice is { } practice)
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
        }

        var validator = ActivatorUtilities.CreateInstance<SecurityStampValidator<ApplicationUser>>(scope.ServiceProvider);
        await validator.ValidateAsync(context);
    }
}
