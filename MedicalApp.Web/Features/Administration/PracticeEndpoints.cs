using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Files;

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
                StoredImageResults.Private(context, await settings.OpenLogoAsync(cancellationToken)))
            .RequireAuthorization(PracticePolicies.Member)
            .WithName("PracticeLogo");
    }
}
