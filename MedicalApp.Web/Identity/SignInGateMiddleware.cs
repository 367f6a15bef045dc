using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace MedicalApp.Web.Identity;

/// <summary>
/// A signed-in user with a step still owed reaches nothing but that step's page (and sign-out): a temporary password
/// is changed first, then an authenticator is set up where one is required (<see cref="MultiFactorRequirement"/>).
/// Pages redirect there, other protected endpoints (the Blazor hub included) answer 403.
/// </summary>
public static class SignInGateExtensions
{
    public static IApplicationBuilder UseSignInGate(this IApplicationBuilder app) => app.UseMiddleware<SignInGateMiddleware>();
}

public sealed class SignInGateMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    public const string EnableAuthenticatorPath = "/Account/Manage/EnableAuthenticator";

    public async Task InvokeAsync(HttpContext context, CurrentTenant currentTenant, PracticeMembershipReader memberships)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentTenant);
        if (await OwedStepAsync(context, currentTenant, memberships) is not { } stepPath)
        {
            await next(context);
            return;
        }

        await GateAsync(context, stepPath);
    }

    private Task GateAsync(HttpContext context, string stepPath)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(stepPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        // No interactive page either: the hub is refused whichever of its endpoints (or none) the request matched.
        if (path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
        {
            return RefuseAsync(context, stepPath);
        }

        if (context.GetEndpoint() is not { } endpoint)
        {
            return next(context);
        }

        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect($"{context.Request.PathBase}{stepPath}");
            return Task.CompletedTask;
        }

        if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            return RefuseAsync(context, stepPath);
        }

        return next(context);
    }

    // With a body of its own, so the status-code pages do not replace the refusal with a re-executed page.
    private static Task RefuseAsync(HttpContext context, string stepPath)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"Finish signing in first: {context.Request.PathBase}{stepPath}");
    }

    /// <summary>The page of the step this user still owes here, or null.</summary>
    public static async Task<string?> OwedStepAsync(HttpContext context, CurrentTenant currentTenant, PracticeMembershipReader memberships)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentTenant);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (user.MustChangePassword())
        {
            return ChangePasswordPath;
        }

        return await MultiFactorRequirement.MustEnrolAsync(user, currentTenant.Practice, memberships, context.RequestAborted) ? EnableAuthenticatorPath : null;
    }
}
