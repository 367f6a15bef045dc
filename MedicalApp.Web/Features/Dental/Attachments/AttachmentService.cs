using MedicalApp.Web.Features.Dental.Observations;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Files;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Attachments;

/// <summary>
/// X-rays, photos, test results and documents on an observation, a procedure or a visit of one patient (PRODUCT.md §9).
/// Each is a stored file of the practice, with a JPEG thumbnail for pictures, and both count against the plan's
/// storage, checked under the practice lock the change frame holds, so parallel uploads cannot pass the limit together.
/// Uploading needs UploadAttachments; the caption is changed and the attachment deleted by its uploader or by someone
/// who manages dental records. Uploads, openings and deletions are recorded against the patient, so the patient's
/// "who accessed" report lists them.
/// </summary>
public sealed class AttachmentService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    PracticeImages images,
    FileStore fileStore,
    AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>The field a refusal of the file is keyed by.</summary>
    public const string FileField = "File";

    public const string OwnerField = "AttachedTo";

    public const string NotFoundMessage = "This attachment does not exist (it may have been deleted).";

    public const string NotYoursMessage = "Only the person who uploaded this attachment, or an administrator, can change or delete it.";

    public const string OwnerMessage = "Choose the observation, procedure or visit of this patient the file belongs to.";

    public const int MaxCaptionLength = 1000;

    private static readonly ChangeRule Upload = new(
        PracticePermission.UploadAttachments, "Only doctors, nurses and administrators can upload attachments.");

    // Whether the actor may depends on who uploaded it, so the frame checks only membership; the change the rest.
    private static readonly ChangeRule ChangeAttachment = new(Permission: null, NotYoursMessage);

    public async Task<ChangeResult<Guid>> UploadAsync(
        AttachmentOwner owner, AttachmentUploadInput input, Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(input);
        if (CheckCaption(input.Caption) is { } invalidCaption)
        {
            return invalidCaption;
        }

        var (file, error) = await PracticeImages.ReadAsync(content, fileName, AttachmentFile.Kind, cancellationToken);
        if (file is null)
        {
            return ChangeResult.Invalid(FileField, error!);
        }

        // Decoding and scaling is the slow part: done before the change, outside the practice lock.
        var thumbnail = AttachmentFile.Thumbnail(file);
        return await changes.RunAsync<Guid>(Upload, async change =>
        {
            if (await CheckOwnerAsync(change.Db, owner, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            var stored = await images.AddAsync(change, StoredFilePurpose.Attachment, thumbnail is null ? [file] : [file, thumbnail], cancellationToken);
            var attachment = new DentalAttachment
            {
                PatientId = owner.PatientId,
                ObservationId = owner.ObservationId,
                ProcedureId = owner.ProcedureId,
                ConsultationId = owner.ConsultationId,
                Kind = input.Kind,
                Format = AttachmentFile.FormatOf(file.Format),
                StoredFileId = stored[0].Id,
                ThumbnailFileId = stored.Count > 1 ? stored[1].Id : null,
                FileName = file.FileName,
                SizeBytes = file.Content.Length,
                Caption = Tidy(input.Caption),
                TakenOn = input.TakenOn,
                UploadedAtUtc = change.NowUtc,
                UploadedByUserId = change.Actor.UserId,
            };
            change.Db.DentalAttachments.Add(attachment);
            change.Audit(AuditActions.DentalAttachmentUploaded, nameof(Patient), owner.PatientId,
                $"Uploaded {AttachmentFile.KindLabel(input.Kind)} “{attachment.FileName}” ({file.Format.Name}, {PlanLimitService.FormatBytes(attachment.SizeBytes)}) "
                + $"to {await DescribeOwnerAsync(change.Db, attachment, cancellationToken)}.");
            return ChangeResult<Guid>.Done(attachment.Id, $"“{attachment.FileName}” uploaded.");
        }, cancellationToken);
    }

    public Task<ChangeResult> ChangeCaptionAsync(Guid id, string? caption, int version, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ChangeAttachment, async change =>
        {
            var (attachment, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (attachment is null)
            {
                return refusal!;
            }

            if (StaleEdit.IsStale(version, attachment))
            {
                return ChangeResult.Stale("attachment");
            }

            if (CheckCaption(caption) is { } invalid)
            {
                return invalid;
            }

            if (attachment.Caption == Tidy(caption))
            {
                return ChangeResult.Unchanged();
            }

            attachment.Caption = Tidy(caption);
            change.Audit(AuditActions.DentalAttachmentCaptionChanged, nameof(Patient), attachment.PatientId,
                $"Changed the caption of “{attachment.FileName}” to “{attachment.Caption ?? ""}”.");
            return ChangeResult.Done("Caption saved.");
        }, cancellationToken);

    /// <summary>Removes the attachment's row and both of its stored files (their bytes after the commit), so the storage used goes down.</summary>
    public Task<ChangeResult> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ChangeAttachment, async change =>
        {
            var (attachment, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (attachment is null)
            {
                return refusal!;
            }

            // The case studies composed from it keep their text; only the link to the file goes.
            change.Db.CaseStudySources.RemoveRange(await change.Db.CaseStudySources
                .Where(s => s.Kind == CaseStudySourceKind.Attachment && s.SourceId == id).ToListAsync(cancellationToken));
            change.Db.DentalAttachments.Remove(attachment);
            await images.RemoveAsync(change, attachment.StoredFileId, cancellationToken);
            await images.RemoveAsync(change, attachment.ThumbnailFileId, cancellationToken);
            change.Audit(AuditActions.DentalAttachmentDeleted, nameof(Patient), attachment.PatientId,
                $"Deleted {AttachmentFile.KindLabel(attachment.Kind)} “{attachment.FileName}” ({PlanLimitService.FormatBytes(attachment.SizeBytes)}) "
                + $"from {await DescribeOwnerAsync(change.Db, attachment, cancellationToken)}.");
            return ChangeResult.Done($"“{attachment.FileName}” deleted.");
        }, cancellationToken);

    /// <summary>
    /// The patient's attachments, newest first, narrowed to one observation, procedure or visit when the owner names
    /// one, and to one kind when given. Empty for a member who may not view dental records or a patient not here.
    /// </summary>
    public async Task<IReadOnlyList<AttachmentRow>> ListAsync(
        AttachmentOwner owner, DentalAttachmentKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return [];
        }

        var query = db.DentalAttachments.AsNoTracking().Where(a => a.PatientId == owner.PatientId);
        query = owner.ObservationId is { } observationId ? query.Where(a => a.ObservationId == observationId) : query;
        query = owner.ProcedureId is { } procedureId ? query.Where(a => a.ProcedureId == procedureId) : query;
        query = owner.ConsultationId is { } consultationId ? query.Where(a => a.ConsultationId == consultationId) : query;
        query = kind is { } k ? query.Where(a => a.Kind == k) : query;
        var attachments = await query.OrderByDescending(a => a.UploadedAtUtc).ThenBy(a => a.FileName).ToListAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var uploaders = await AuditNames.MemberNamesAsync(db, attachments.Select(a => a.UploadedByUserId), cancellationToken);
        var labels = await OwnerLabelsAsync(db, practiceClock, attachments, cancellationToken);
        return [.. attachments.Select(a => new AttachmentRow(
            a.Id, a.PatientId, a.Kind, a.Format, a.FileName, a.SizeBytes, a.Caption, a.TakenOn, practiceClock.ToLocal(a.UploadedAtUtc),
            a.UploadedByUserId is { } by ? uploaders.GetValueOrDefault(by) : null, a.ThumbnailFileId is not null,
            a.ObservationId, a.ProcedureId, a.ConsultationId, labels.GetValueOrDefault(a.Id, "—"), MayChange(actor, a), a.Version))];
    }

    /// <summary>The patient's name for a page of their dental records; null when there is no such patient here or the reader may not view them.</summary>
    public async Task<string?> PatientNameAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        return await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether the reader may upload (the gallery hides its form otherwise).</summary>
    public async Task<bool> MayUploadAsync(CancellationToken cancellationToken = default) =>
        await actors.CurrentAsync(cancellationToken) is { } actor && actor.May(PracticePermission.UploadAttachments);

    /// <summary>
    /// The file (or its thumbnail) for a member who may view dental records, or null: another practice's id, no such
    /// attachment, no thumbnail, or a file gone from the store. Opening the file itself is recorded against the patient;
    /// thumbnails are only what the gallery shows and are not.
    /// </summary>
    public async Task<AttachmentContent?> OpenAsync(Guid id, bool thumbnail, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        var attachment = await db.DentalAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var fileId = thumbnail ? attachment?.ThumbnailFileId : attachment?.StoredFileId;
        var file = fileId is { } f ? await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(s => s.Id == f, cancellationToken) : null;
        if (attachment is null || file is null || fileStore.OpenRead(db.RequirePracticeId(), file.StorageKey) is not { } stream)
        {
            return null;
        }

        if (thumbnail)
        {
            return new AttachmentContent(stream, ImageFormats.Jpeg.ContentType, file.FileName, Inline: true);
        }

        await audit.RecordAsync(actor.Entry(AuditActions.DentalAttachmentViewed, nameof(Patient), attachment.PatientId.ToString(),
            $"Opened {AttachmentFile.KindLabel(attachment.Kind)} “{attachment.FileName}”."), cancellationToken);
        return new AttachmentContent(stream, AttachmentFile.ImageFormatOf(attachment.Format).ContentType, attachment.FileName,
            AttachmentFile.OpensInline(attachment.Format));
    }

    /// <summary>Who may change an attachment: its uploader (while they may still upload), or a member who manages dental records.</summary>
    public static bool MayChange(PracticeActor actor, DentalAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(attachment);
        return actor.May(PracticePermission.ManageDentalRecords)
            || (actor.May(PracticePermission.UploadAttachments) && attachment.UploadedByUserId == actor.UserId);
    }

    private static async Task<(DentalAttachment? Attachment, ChangeResult? Refusal)> FindToChangeAsync(
        PracticeChange change, Guid id, CancellationToken cancellationToken)
    {
        var attachment = await change.Db.DentalAttachments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attachment is null || !change.Actor.May(PracticePermission.ViewDentalRecords))
        {
            return (null, ChangeResult.NotFound(NotFoundMessage));
        }

        return MayChange(change.Actor, attachment) ? (attachment, null) : (null, ChangeResult.Forbidden(NotYoursMessage));
    }

    /// <summary>Exactly one of observation, procedure or visit, and it is this patient's (an id of another patient or practice is not found).</summary>
    private static async Task<ChangeResult?> CheckOwnerAsync(MedicalDbContext db, AttachmentOwner owner, CancellationToken cancellationToken)
    {
        if (owner.Named != 1)
        {
            return ChangeResult.Invalid(OwnerField, OwnerMessage);
        }

        if (!await db.Patients.AnyAsync(p => p.Id == owner.PatientId, cancellationToken))
        {
            return ChangeResult.NotFound("This patient does not exist here.");
        }

        var belongs = owner switch
        {
            { ObservationId: { } id } => await db.DentalObservations.AnyAsync(o => o.Id == id && o.PatientId == owner.PatientId, cancellationToken),
            { ProcedureId: { } id } => await db.DentalProcedures.AnyAsync(p => p.Id == id && p.PatientId == owner.PatientId, cancellationToken),
            { ConsultationId: { } id } => await db.Consultations.AnyAsync(c => c.Id == id && c.PatientId == owner.PatientId, cancellationToken),
            _ => false,
        };
        return belongs ? null : ChangeResult.Invalid(OwnerField, OwnerMessage);
    }

    private static ChangeResult? CheckCaption(string? caption) =>
        Tidy(caption) is { Length: > MaxCaptionLength }
            ? ChangeResult.Invalid(nameof(DentalAttachment.Caption), $"The caption can be at most {MaxCaptionLength} characters.")
            : null;

    private static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<string> DescribeOwnerAsync(MedicalDbContext db, DentalAttachment attachment, CancellationToken cancellationToken)
    {
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        return (await OwnerLabelsAsync(db, practiceClock, [attachment], cancellationToken)).GetValueOrDefault(attachment.Id, "the patient's record");
    }

    /// <summary>"Tooth 36 · Caries", "Procedure · Root canal (D3330)", "Visit of 4 Dec 2026" per attachment.</summary>
    internal static async Task<Dictionary<Guid, string>> OwnerLabelsAsync(
        MedicalDbContext db, PracticeClock practiceClock, IReadOnlyCollection<DentalAttachment> attachments, CancellationToken cancellationToken)
    {
        var observationIds = attachments.Where(a => a.ObservationId is not null).Select(a => a.ObservationId!.Value).Distinct().ToList();
        var procedureIds = attachments.Where(a => a.ProcedureId is not null).Select(a => a.ProcedureId!.Value).Distinct().ToList();
        var consultationIds = attachments.Where(a => a.ConsultationId is not null).Select(a => a.ConsultationId!.Value).Distinct().ToList();
        var observations = observationIds.Count == 0 ? [] : await db.DentalObservations.AsNoTracking().Where(o => observationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => $"Tooth {o.Tooth} · {DentalConditions.Label(o.Condition)}", cancellationToken);
        var procedures = procedureIds.Count == 0 ? [] : await db.DentalProcedures.AsNoTracking().Where(p => procedureIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => $"Procedure · {p.Name} ({p.Code})", cancellationToken);
        var visits = consultationIds.Count == 0 ? [] : await db.Consultations.AsNoTracking().Where(c => consultationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.StartedAtUtc, cancellationToken);
        return attachments.ToDictionary(a => a.Id, a => a switch
        {
            { ObservationId: { } o } => observations.GetValueOrDefault(o, "Observation"),
            { ProcedureId: { } p } => procedures.GetValueOrDefault(p, "Procedure"),
            { ConsultationId: { } c } when visits.TryGetValue(c, out var started) =>
                $"Visit of {practiceClock.ToLocal(started).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}",
            _ => "Visit",
        });
    }
}
