using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MedicalApp.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>The endpoints the static Identity pages need besides themselves: sign-out, which must be a POST.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accountGroup = endpoints.MapGroup("/Account");

        accountGroup.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] AuditTrail auditTrail) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                await auditTrail.RecordAsync(new AuditEntry(AuditActions.SignOut, context.User.UserId(), context.User.Identity.Name, IpAddress: context.Connection.RemoteIpAddress?.ToString()));
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login?signedOut=true");
        });

        return accountGroup;
    }
}
