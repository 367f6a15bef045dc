using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Printing;

namespace MedicalApp.Web.Features.Dental.TreatmentPlans;

public static class TreatmentPlanEndpoints
{
    /// <summary>
    /// <c>GET /treatment-plans/{id}/pdf</c>: the plan's PDF for members who may view dental records. Another practice's
    /// id is simply not found (404). Never cached anywhere: it is medical data.
    /// </summary>
    public static IEndpointConventionBuilder MapTreatmentPlanEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrivatePdf<TreatmentPlanPrinting>("/treatment-plans/{id:guid}/pdf", PracticePermission.ViewDentalRecords, "TreatmentPlanPdf",
            (printing, id, cancellationToken) => printing.RenderPdfAsync(id, cancellationToken));
}
