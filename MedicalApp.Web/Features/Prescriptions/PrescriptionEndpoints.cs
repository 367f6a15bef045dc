using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Prescriptions;

public static class PrescriptionEndpoints
{
    /// <summary>
    /// <c>GET /prescriptions/{id}/pdf</c>: the prescription's PDF for members who may view prescriptions. Another
    /// practice's id is simply not found (404). Never cached anywhere: it is medical data.
    /// </summary>
    public static IEndpointConventionBuilder MapPrescriptionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/prescriptions/{id:guid}/pdf", async (Guid id, HttpContext context, PrescriptionPrinting printing, CancellationToken cancellationToken) =>
            {
                var printed = await printing.RenderPdfAsync(id, cancellationToken);
                if (printed is null)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "private, no-store";
                return Results.File(printed.Pdf, "application/pdf", printed.FileName);
            })
            .RequireAuthorization(PracticePolicies.For(PracticePermission.ViewPrescriptions))
            .WithName("PrescriptionPdf");
    }
}
