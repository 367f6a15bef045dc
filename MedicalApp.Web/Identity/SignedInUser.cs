using System.Security.Claims;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Web.Identity;

/// <summary>
/// The account behind the current scope, when its sign-in belongs here: inside a practice, a cookie issued for that
/// practice; at the root, a global sign-in (platform admins). Set once per HTTP request by
/// <see cref="SignedInUserMiddleware"/> and for an interactive circuit by <see cref="PracticeCircuitBinding"/>, from
/// what the server itself authenticated — never from a value a page carries. Services build their
/// <see cref="PracticeActor"/> from this id and the database.
/// </summary>
public sealed class SignedInUser
{
    public Guid? Id { get; private set; }

    /// <summary>Takes the principal's account when it belongs to <paramref name="practice"/> (or to the root).</summary>
    public void BindFrom(ClaimsPrincipal principal, CurrentTenant practice)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(practice);
        Id = principal.Identity?.IsAuthenticated == true && principal.PracticeId() == practice.Id ? principal.UserId() : null;
    }

    /// <summary>The sign-in ended (signed out elsewhere, password changed, membership ended).</summary>
    public void Clear() => Id = null;
}

public static class SignedInUserExtensions
{
    /// <summary>After authentication: the request's <see cref="SignedInUser"/>.</summary>
    public static IApplicationBuilder UseSignedInUser(this IApplicationBuilder app) => app.UseMiddleware<SignedInUserMiddleware>();
}

/// <summary>Binds <see cref="SignedInUser"/> for an HTTP request, after authentication.</summary>
public sealed class SignedInUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, SignedInUser signedIn, CurrentTenant currentTenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signedIn);
        signedIn.BindFrom(context.User, currentTenant);
        return next(context);
    }
}
