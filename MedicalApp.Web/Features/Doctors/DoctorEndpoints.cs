using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Files;

namespace MedicalApp.Web.Features.Doctors;

public static class DoctorEndpoints
{
    /// <summary>
    /// <c>GET /doctors/{id}/signature</c>: the doctor's signature image for its preview on the profile page, to members
    /// of this practice who may change that profile (the doctor, administrators); 404 for anyone else and for another
    /// practice's doctor. Privately cached; the page adds <c>?v={fileId}</c>, so a replaced signature is a new address.
    /// </summary>
    public static IEndpointConventionBuilder MapDoctorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/doctors/{id:guid}/signature", async (Guid id, HttpContext context, DoctorSignatureService signatures, CancellationToken cancellationToken) =>
                StoredImageResults.Private(context, await signatures.OpenAsync(id, cancellationToken)))
            .RequireAuthorization(PracticePolicies.Member)
            .WithName("DoctorSignature");
    }
}
