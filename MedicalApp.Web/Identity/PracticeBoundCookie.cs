using System.Security.Claims;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Binds the two-factor cookies (the pending sign-in between password and code, and "remember this device") to the
/// practice that issued them, like the sign-in cookie. Their path is the request's PathBase, as for the sign-in cookie
/// (<c>/t/{slug}</c> with the route strategy; the practice's own host with the host strategy), but a cookie issued at
/// the root has the path <c>/</c> and reaches every practice's path too: the scope written into the cookie is checked
/// on every read, so a cookie of the root or of practice A is worth nothing at practice B.
/// </summary>
public static class PracticeBoundCookie
{
    private const string ScopeClaim = "medicalapp/cookie_scope";

    private const string RootScope = "root";

    public static void Bind(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signingIn = options.Events.OnSigningIn;
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnSigningIn = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(ScopeClaim, ScopeOf(context.HttpContext)));
            }

            return signingIn(context);
        };
        options.Events.OnValidatePrincipal = context =>
        {
            if (context.Principal?.FindFirst(ScopeClaim)?.Value != ScopeOf(context.HttpContext))
            {
                context.RejectPrincipal();
                return Task.CompletedTask;
            }

            return validate(context);
        };
    }

    private static string ScopeOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<CurrentTenant>().Id?.ToString() ?? RootScope;
}
