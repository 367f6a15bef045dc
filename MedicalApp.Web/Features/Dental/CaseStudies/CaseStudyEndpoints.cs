using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Printing;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

public static class CaseStudyEndpoints
{
    /// <summary>
    /// <c>GET /case-studies/{id}/pdf</c>: the case study's PDF for members who may view dental records. Another
    /// practice's id is not found (404). Never cached anywhere, never sniffed.
    /// </summary>
    public static IEndpointConventionBuilder MapCaseStudyEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrivatePdf<CaseStudyPrinting>("/case-studies/{id:guid}/pdf", PracticePermission.ViewDentalRecords, "CaseStudyPdf",
            (printing, id, cancellationToken) => printing.RenderPdfAsync(id, cancellationToken));
}
