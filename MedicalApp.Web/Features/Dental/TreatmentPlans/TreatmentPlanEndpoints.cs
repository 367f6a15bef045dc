using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Dental.TreatmentPlans;

public static class TreatmentPlanEndpoints
{
    /// <summary>
    /// <c>GET /treatment-plans/{id}/pdf</c>: the plan's PDF for members who may view dental records. Another practice's
    /// id is simply not found (404). Never cached anywhere: it is medical data.
    /// </summary>
    public static IEndpointConventionBuilder MapTreatmentPlanEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/treatment-plans/{id:guid}/pdf", async (Guid id, HttpContext context, TreatmentPlanPrinting printing, CancellationToken cancellationToken) =>
            {
                var printed = await printing.RenderPdfAsync(id, cancellationToken);
                if (printed is null)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "private, no-store";
                return Results.File(printed.Pdf, "application/pdf", printed.FileName);
            })
            .RequireAuthorization(PracticePolicies.For(PracticePermission.ViewDentalRecords))
            .WithName("TreatmentPlanPdf");
    }
}
