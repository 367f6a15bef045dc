using MedicalApp.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace MedicalApp.Web.Features.Administration;

public static class PracticeEndpoints
{
    /// <summary>
    /// <c>GET /practice/logo</c>: the current practice's logo, to signed-in active members of that practice only (the
    /// member policy), never as a static file. Pages add <c>?v={fileId}</c>, so a replaced logo is a new address.
    /// </summary>
    public static IEndpointConventionBuilder MapPracticeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/practice/logo", async (HttpContext context, PracticeSettingsService settings, CancellationToken cancellationToken) =>
            {
                var logo = await settings.OpenLogoAsync(cancellationToken);
                if (logo is null)
                {
                    return Results.NotFound();
                }

                // Private: a shared cache must never hand one practice's logo to anyone else.
                context.Response.Headers.CacheControl = "private, max-age=300";
                return Results.Stream(logo.Content, logo.ContentType, entityTag: new EntityTagHeaderValue($"\"{logo.FileId:N}\""));
            })
            .RequireAuthorization(PracticePolicies.Member)
            .WithName("PracticeLogo");
    }
}
