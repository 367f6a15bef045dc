using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MedicalApp.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>The endpoints the static Identity pages need besides themselves: sign-out, which must be a POST carrying the page's antiforgery token.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accountGroup = endpoints.MapGroup("/Account");

        accountGroup.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] AuditTrail auditTrail,
            [FromServices] IAntiforgery antiforgery) =>
        {
            // The endpoint binds no form, so the framework would not check the token: without this, a page of any
            // other site (a sibling subdomain included) could sign members out with a bare POST.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Content(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-out refused</title></head><body>" +
                    "<h1>Sign-out refused</h1><p>The request did not come from a page of this practice, so you are still signed in. " +
                    "To sign out, use the Sign out button on the page.</p></body></html>",
                    "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (context.User.Identity?.IsAuthenticated == true)
            {
                await auditTrail.RecordAsync(new AuditEntry(AuditActions.SignOut, context.User.UserId(), context.User.Identity.Name, IpAddress: context.Connection.RemoteIpAddress?.ToString()));
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login?signedOut=true");
        });

        return accountGroup;
    }
}
