using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Services.Printing;

/// <summary>A rendered document and the name it downloads under.</summary>
public sealed record PrintedPdf(byte[] Pdf, string FileName);

public static class PrivatePdf
{
    /// <summary>
    /// <c>GET {pattern}</c> (with an <c>{id:guid}</c>): a document's PDF for members holding <paramref name="permission"/>,
    /// rendered by <typeparamref name="TPrinting"/> (which checks the practice and records the printing). Another
    /// practice's id renders nothing and is simply not found (404). Medical data: never cached, never sniffed.
    /// </summary>
    public static RouteHandlerBuilder MapPrivatePdf<TPrinting>(
        this IEndpointRouteBuilder endpoints, string pattern, PracticePermission permission, string name,
        Func<TPrinting, Guid, CancellationToken, Task<PrintedPdf?>> render)
        where TPrinting : notnull
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(render);
        return endpoints.MapGet(pattern, async (Guid id, HttpContext context, TPrinting printing, CancellationToken cancellationToken) =>
            {
                var printed = await render(printing, id, cancellationToken);
                if (printed is null)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "private, no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(printed.Pdf, "application/pdf", printed.FileName);
            })
            .RequireAuthorization(PracticePolicies.For(permission))
            .WithName(name);
    }
}
