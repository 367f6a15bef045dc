using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Seeding;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace MedicalApp.Web.Hosting;

/// <summary>
/// The development seed's one file: an X-ray (a drawn periapical radiograph of 46, clearly marked as a demo image) on
/// the sunrise patient's finding on 46, with its thumbnail, stored as an upload is. The records it belongs to come from
/// <see cref="DevelopmentDataSeeder"/>; the file store lives in the web app, so the picture is added here. Once.
/// </summary>
internal static class DemoDentalImages
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var practices = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>();
        TenantSnapshot sunrise;
        await using (var root = await practices.CreateDbContextAsync(cancellationToken))
        {
            var practice = await root.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == "sunrise", cancellationToken);
            if (practice is null)
            {
                return;
            }

            sunrise = TenantSnapshot.From(practice);
        }

        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(sunrise);
        await using var db = await practices.CreateDbContextAsync(cancellationToken);
        var finding = await db.DentalObservations
            .Where(o => o.Tooth == 46 && o.Condition == DentalCondition.PeriapicalLesion)
            .Join(db.Patients.Where(p => p.Mobile == DemoDentalRecords.PatientMobile), o => o.PatientId, p => p.Id, (o, _) => o)
            .FirstOrDefaultAsync(cancellationToken);
        if (finding is null || await db.DentalAttachments.AnyAsync(a => a.PatientId == finding.PatientId, cancellationToken))
        {
            return;
        }

        var fileStore = scope.ServiceProvider.GetRequiredService<FileStore>();
        var xray = new UploadedImage(DrawRadiograph(), ImageFormats.Png, "iopa-46.png");
        var thumbnail = AttachmentFile.Thumbnail(xray)!;
        var stored = new List<StoredFile>();
        foreach (var image in new[] { xray, thumbnail })
        {
            var storageKey = $"{StoredFilePurpose.Attachment.ToString().ToLowerInvariant()}/{Guid.NewGuid()}.{image.Format.Extension}";
            await using (var content = new MemoryStream(image.Content, writable: false))
            {
                await fileStore.SaveAsync(sunrise.Id, storageKey, content, cancellationToken);
            }

            var file = new StoredFile
            {
                Purpose = StoredFilePurpose.Attachment, FileName = image.FileName, ContentType = image.Format.ContentType, SizeBytes = image.Content.Length,
                StorageKey = storageKey, CreatedByUserId = finding.RecordedByUserId, CreatedAtUtc = finding.RecordedAtUtc,
            };
            db.StoredFiles.Add(file);
            stored.Add(file);
        }

        db.DentalAttachments.Add(new DentalAttachment
        {
            PatientId = finding.PatientId, ObservationId = finding.Id, Kind = DentalAttachmentKind.XRay, Format = AttachmentFormat.Png,
            StoredFileId = stored[0].Id, ThumbnailFileId = stored[1].Id, FileName = xray.FileName, SizeBytes = xray.Content.Length,
            Caption = "IOPA 46: periapical radiolucency at the mesial root (demo image)", TakenOn = DateOnly.FromDateTime(finding.RecordedAtUtc),
            UploadedAtUtc = finding.RecordedAtUtc, UploadedByUserId = finding.RecordedByUserId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A grey-scale sketch of a lower molar with two roots and a dark halo at one apex.</summary>
    private static byte[] DrawRadiograph()
    {
        using var surface = SKSurface.Create(new SKImageInfo(640, 480, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var background = new SKPaint())
        {
            background.Shader = SKShader.CreateRadialGradient(new SKPoint(320, 240), 420, [new SKColor(70, 70, 70), new SKColor(12, 12, 12)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, 640, 480, background);
        }

        using var bone = new SKPaint { Color = new SKColor(150, 150, 150), IsAntialias = true };
        using var enamel = new SKPaint { Color = new SKColor(235, 235, 235), IsAntialias = true };
        using var dark = new SKPaint { Color = new SKColor(25, 25, 25), IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 8) };
        canvas.DrawRoundRect(new SKRect(200, 60, 440, 190), 40, 40, enamel); // crown
        // Two roots, each a long oval tilted towards the other at the apex.
        foreach (var (centreX, tilt) in new[] { (262f, 6f), (378f, -6f) })
        {
            canvas.Save();
            canvas.RotateDegrees(tilt, centreX, 170);
            canvas.DrawRoundRect(new SKRect(centreX - 34, 150, centreX + 34, 400), 34, 60, bone);
            canvas.Restore();
        }

        canvas.DrawOval(new SKRect(225, 380, 300, 440), dark); // the lesion at the mesial apex
        using var png = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
