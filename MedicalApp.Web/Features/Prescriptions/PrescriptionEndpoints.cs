using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Printing;

namespace MedicalApp.Web.Features.Prescriptions;

public static class PrescriptionEndpoints
{
    /// <summary>
    /// <c>GET /prescriptions/{id}/pdf</c>: the prescription's PDF for members who may view prescriptions. Another
    /// practice's id is simply not found (404). Never cached anywhere: it is medical data.
    /// </summary>
    public static IEndpointConventionBuilder MapPrescriptionEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrivatePdf<PrescriptionPrinting>("/prescriptions/{id:guid}/pdf", PracticePermission.ViewPrescriptions, "PrescriptionPdf",
            (printing, id, cancellationToken) => printing.RenderPdfAsync(id, cancellationToken));
}
