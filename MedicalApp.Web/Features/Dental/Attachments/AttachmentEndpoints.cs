using MedicalApp.Web.Identity;
using Microsoft.Net.Http.Headers;

namespace MedicalApp.Web.Features.Dental.Attachments;

public static class AttachmentEndpoints
{
    /// <summary>
    /// <c>GET /attachments/{id}</c> and <c>GET /attachments/{id}/thumbnail</c>: an attachment's file for members who may
    /// view dental records. Another practice's id is not found (404). Never cached anywhere (medical data), never
    /// sniffed into another type, and a DICOM file is only ever saved, not rendered.
    /// </summary>
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var policy = PracticePolicies.For(PracticePermission.ViewDentalRecords);
        endpoints.MapGet("/attachments/{id:guid}", (Guid id, HttpContext context, AttachmentService attachments, CancellationToken cancellationToken) =>
                SendAsync(context, attachments.OpenAsync(id, thumbnail: false, cancellationToken)))
            .RequireAuthorization(policy)
            .WithName("DentalAttachment");
        endpoints.MapGet("/attachments/{id:guid}/thumbnail", (Guid id, HttpContext context, AttachmentService attachments, CancellationToken cancellationToken) =>
                SendAsync(context, attachments.OpenAsync(id, thumbnail: true, cancellationToken)))
            .RequireAuthorization(policy)
            .WithName("DentalAttachmentThumbnail");
        return endpoints;
    }

    private static async Task<IResult> SendAsync(HttpContext context, Task<AttachmentContent?> opening)
    {
        if (await opening is not { } file)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue(file.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return Results.Stream(file.Content, file.ContentType);
    }
}
