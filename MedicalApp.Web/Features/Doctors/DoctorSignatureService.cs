using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>A doctor's signature as their profile page shows it.</summary>
public sealed record DoctorSignature(Guid FileId, string FileName, long SizeBytes, DateTime UploadedAtUtc);

/// <summary>A scanned signature: a PNG or JPEG image (by content) of at most 1 MB, printed above the doctor's name.</summary>
public static class SignatureImage
{
    public const long MaxBytes = 1024 * 1024;

    public static UploadedImageKind Kind { get; } = new("signature", MaxBytes, ImageFormats.Png, ImageFormats.Jpeg);
}

/// <summary>
/// The signature printed on a doctor's prescriptions (without one, the name is typed under a line to sign by hand).
/// The doctor themself or an administrator uploads, replaces or removes it, checked here from the actor the database
/// has now; the image is a stored file of the practice, counted against the plan's storage.
/// </summary>
public sealed class DoctorSignatureService(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, PracticeImages images)
{
    /// <summary>The field a refusal of the file is keyed by.</summary>
    public const string Field = "Signature";

    // Whether the actor may depends on whose profile it is, so the frame checks only membership; the change the rest.
    private static readonly ChangeRule EditDoctor = new(Permission: null, DoctorProfileService.ForbiddenMessage);

    public async Task<ChangeResult<DoctorSignature>> UploadAsync(
        Guid doctorProfileId, Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        var (image, error) = await PracticeImages.ReadAsync(content, fileName, SignatureImage.Kind, cancellationToken);
        if (image is null)
        {
            return ChangeResult.Invalid(Field, error!);
        }

        return await changes.RunAsync<DoctorSignature>(EditDoctor, async change =>
        {
            var (doctor, refusal) = await EditableDoctorAsync(change, doctorProfileId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var (signature, previous) = await images.ReplaceAsync(change, image, StoredFilePurpose.Signature, doctor!.SignatureFileId, cancellationToken);
            doctor.SignatureFileId = signature.Id;
            change.Audit(AuditActions.DoctorSignatureChanged, nameof(DoctorProfile), doctor.Id,
                $"Uploaded the signature “{signature.FileName}” ({signature.ContentType}, {PlanLimitService.FormatBytes(signature.SizeBytes)})" +
                (previous is null ? "." : $", replacing “{previous.FileName}”."));
            return ChangeResult<DoctorSignature>.Done(
                new DoctorSignature(signature.Id, signature.FileName, signature.SizeBytes, signature.CreatedAtUtc),
                "Signature uploaded: it prints on this doctor's prescriptions.");
        }, cancellationToken);
    }

    public Task<ChangeResult> RemoveAsync(Guid doctorProfileId, CancellationToken cancellationToken = default) =>
        changes.RunAsync(EditDoctor, async change =>
        {
            var (doctor, refusal) = await EditableDoctorAsync(change, doctorProfileId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (doctor!.SignatureFileId is null)
            {
                return ChangeResult.Unchanged("There is no signature to remove.");
            }

            var removed = await images.RemoveAsync(change, doctor.SignatureFileId, cancellationToken);
            doctor.SignatureFileId = null;
            change.Audit(AuditActions.DoctorSignatureRemoved, nameof(DoctorProfile), doctor.Id, $"Removed the signature “{removed?.FileName}”.");
            return ChangeResult.Done("Signature removed: prescriptions print the typed name to sign by hand.");
        }, cancellationToken);

    /// <summary>
    /// The signature's image for its preview, to those who may change it (the doctor and administrators) only: it is
    /// not needed elsewhere, prescriptions embed it themselves. Null when there is none or the viewer may not see it.
    /// </summary>
    public async Task<StoredImageContent?> OpenAsync(Guid doctorProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor)
        {
            return null;
        }

        var doctor = await db.DoctorProfiles.AsNoTracking().Where(d => d.Id == doctorProfileId)
            .Select(d => new { d.Membership!.UserId, d.SignatureFileId }).FirstOrDefaultAsync(cancellationToken);
        return doctor is not null && actor.MayEditDoctor(doctor.UserId)
            ? await images.OpenAsync(db, doctor.SignatureFileId, StoredFilePurpose.Signature, cancellationToken)
            : null;
    }

    /// <summary>The profile, tracked, when the actor may change it; else why not.</summary>
    private static async Task<(DoctorProfile? Doctor, ChangeResult? Refusal)> EditableDoctorAsync(
        PracticeChange change, Guid doctorProfileId, CancellationToken cancellationToken)
    {
        var doctor = await change.Db.DoctorProfiles.Include(d => d.Membership).FirstOrDefaultAsync(d => d.Id == doctorProfileId, cancellationToken);
        if (doctor is null)
        {
            return (null, ChangeResult.NotFound(DoctorProfileService.NotFoundMessage));
        }

        return change.Actor.MayEditDoctor(doctor.Membership!.UserId) ? (doctor, null) : (null, ChangeResult.Forbidden(DoctorProfileService.ForbiddenMessage));
    }
}
