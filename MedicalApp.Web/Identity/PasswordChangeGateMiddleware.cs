using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace MedicalApp.Web.Identity;

/// <summary>
/// A user signed in with a temporary password reaches nothing but the change-password page (and sign-out) until the
/// password is changed: pages redirect there, other protected endpoints answer 403.
/// </summary>
public static class PasswordChangeGateExtensions
{
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.UseMiddleware<PasswordChangeGateMiddleware>();
}

public sealed class PasswordChangeGateMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.User.MustChangePassword() || context.GetEndpoint() is not { } endpoint)
        {
            return next(context);
        }

        var path = context.Request.Path;
        if (path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect($"{context.Request.PathBase}{ChangePasswordPath}");
            return Task.CompletedTask;
        }

        if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null || path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
