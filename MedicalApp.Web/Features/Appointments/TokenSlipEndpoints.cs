using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Printing;

namespace MedicalApp.Web.Features.Appointments;

public static class TokenSlipEndpoints
{
    /// <summary>
    /// <c>GET /appointments/{id}/token-slip</c>: the checked-in visit's token slip (80 mm receipt PDF) for members who
    /// manage appointments. Another practice's id, or a visit without a token, is simply not found (404).
    /// </summary>
    public static IEndpointConventionBuilder MapTokenSlipEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrivatePdf<TokenSlipPrinting>("/appointments/{id:guid}/token-slip", PracticePermission.BookAppointments, "TokenSlipPdf",
            (printing, id, cancellationToken) => printing.RenderPdfAsync(id, cancellationToken));
}
