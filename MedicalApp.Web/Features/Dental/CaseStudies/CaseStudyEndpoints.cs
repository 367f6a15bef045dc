using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

public static class CaseStudyEndpoints
{
    /// <summary>
    /// <c>GET /case-studies/{id}/pdf</c>: the case study's PDF for members who may view dental records. Another
    /// practice's id is not found (404). Never cached anywhere, never sniffed.
    /// </summary>
    public static IEndpointConventionBuilder MapCaseStudyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/case-studies/{id:guid}/pdf", async (Guid id, HttpContext context, CaseStudyPrinting printing, CancellationToken cancellationToken) =>
            {
                var printed = await printing.RenderPdfAsync(id, cancellationToken);
                if (printed is null)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "private, no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.ContentDisposition = $"inline; filename=\"{printed.FileName}\"";
                return Results.Bytes(printed.Pdf, "application/pdf");
            })
            .RequireAuthorization(PracticePolicies.For(PracticePermission.ViewDentalRecords))
            .WithName("CaseStudyPdf");
    }
}
