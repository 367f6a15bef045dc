using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// Dental attachments through their service, on both databases: the content decides the format (JPEG, PNG, PDF, DICOM,
/// nothing else, at most 10 MB); the file and a picture's thumbnail are stored files counted in the storage; exactly
/// one observation, procedure or visit of the same patient; who uploads, re-captions and deletes; deleting frees the
/// storage; uploads, openings and deletions are in the patient's "who accessed" report; another practice sees nothing.
/// </summary>
public abstract class AttachmentServiceTests(DatabaseFixture fixture)
{
    private static AttachmentUploadInput XRay(string? caption = null) => new() { Kind = DentalAttachmentKind.XRay, Caption = caption };

    private static Task<List<DentalAttachment>> AttachmentRowsAsync(DentalFilesArrange arrange) =>
        arrange.Practice.Practice.WithContextAsync(db => db.DentalAttachments.AsNoTracking().ToListAsync());

    private static Task<long> StorageUsedAsync(DentalFilesArrange arrange) =>
        arrange.Practice.Practice.WithContextAsync(db => PlanLimitService.CountAsync(db, LimitedResource.StorageBytes));

    private static async Task<byte[]?> ReadAsync(AttachmentService service, Guid id, bool thumbnail)
    {
        var opened = await service.OpenAsync(id, thumbnail);
        if (opened is null)
        {
            return null;
        }

        await using (opened.Content)
        {
            using var copy = new MemoryStream();
            await opened.Content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task Each_format_is_recognised_by_its_content_whatever_its_name_and_pictures_get_a_jpeg_thumbnail_of_at_most_320_pixels()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var service = arrange.AttachmentsAs(arrange.Doctor.Member);
        var samples = new (byte[] Content, string Name, AttachmentFormat Format, string ContentType, bool Thumbnail)[]
        {
            (AttachmentSamples.Png(640, 480), "opg.jpg", AttachmentFormat.Png, "image/png", true),
            (AttachmentSamples.Jpeg(800, 1000), "intraoral", AttachmentFormat.Jpeg, "image/jpeg", true),
            (AttachmentSamples.Pdf(), "report.png", AttachmentFormat.Pdf, "application/pdf", false),
            (AttachmentSamples.Dicom(), "bitewing.dcm", AttachmentFormat.Dicom, "application/dicom", false),
        };

        foreach (var sample in samples)
        {
            var id = await ChangeAssert.DoneAsync(service.UploadAsync(arrange.OnVisit, XRay(), new MemoryStream(sample.Content), sample.Name));

            var row = Assert.Single(await AttachmentRowsAsync(arrange), a => a.Id == id);
            Assert.Equal((sample.Format, sample.Name, (long)sample.Content.Length), (row.Format, row.FileName, row.SizeBytes));
            Assert.Equal(sample.Content, await ReadAsync(service, id, thumbnail: false));
            var opened = (await service.OpenAsync(id, thumbnail: false))!;
            await opened.Content.DisposeAsync();
            Assert.Equal((sample.ContentType, sample.Format != AttachmentFormat.Dicom), (opened.ContentType, opened.Inline));
            var thumbnail = await ReadAsync(service, id, thumbnail: true);
            Assert.Equal(sample.Thumbnail, thumbnail is not null);
            if (thumbnail is not null)
            {
                Assert.True(AttachmentSamples.IsJpeg(thumbnail));
                using var decoded = SkiaSharp.SKBitmap.Decode(thumbnail);
                Assert.Equal(320, Math.Max(decoded.Width, decoded.Height));
            }
        }

        var files = await arrange.Practice.StoredFilesAsync();
        Assert.Equal(6, files.Count);
        Assert.All(files, f => Assert.Equal(StoredFilePurpose.Attachment, f.Purpose));
        Assert.Equal(files.Sum(f => f.SizeBytes), await StorageUsedAsync(arrange));
        Assert.Equal(6, arrange.Practice.FilesOnDisk().Length);
    }

    [Fact]
    public async Task A_renamed_program_an_empty_file_and_an_11_MB_file_are_refused_with_clear_messages_and_nothing_stored()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var service = arrange.AttachmentsAs(arrange.Doctor.Member);
        var eleven = new byte[11 * 1024 * 1024];
        AttachmentSamples.Png(10, 10).CopyTo(eleven, 0);

        var exe = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, service.UploadAsync(arrange.OnVisit, XRay(), new MemoryStream(AttachmentSamples.Executable()), "xray.png"));
        var empty = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, service.UploadAsync(arrange.OnVisit, XRay(), new MemoryStream([]), "xray.jpg"));
        var large = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, service.UploadAsync(arrange.OnVisit, XRay(), new MemoryStream(eleven), "big.png"));

        Assert.Equal("The attachment must be a JPEG, PNG, PDF or DICOM file; this file is not one, whatever its name says.", exe.FieldErrors[AttachmentService.FileField]);
        Assert.Equal("This file is empty: choose the attachment again.", empty.FieldErrors[AttachmentService.FileField]);
        Assert.Equal("The attachment must be at most 10 MB; this file is 11 MB.", large.FieldErrors[AttachmentService.FileField]);
        Assert.Empty(await AttachmentRowsAsync(arrange));
        Assert.Empty(await arrange.Practice.StoredFilesAsync());
        Assert.Empty(arrange.Practice.FilesOnDisk());
        Assert.Equal(".jpg,.jpeg,.png,.pdf,.dcm,image/jpeg,image/png,application/pdf,application/dicom", AttachmentFile.Kind.AcceptAttribute);
    }

    [Fact]
    public async Task An_upload_belongs_to_exactly_one_observation_procedure_or_visit_of_the_same_patient()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var service = arrange.AttachmentsAs(arrange.Doctor.Member);
        var otherPatient = await arrange.Practice.Practice.AddPatientAsync("Arun", "Das");
        var png = AttachmentSamples.Png(40, 30);

        foreach (var wrong in new[]
        {
            new AttachmentOwner(arrange.PatientId),
            new AttachmentOwner(arrange.PatientId, arrange.ObservationId, arrange.ProcedureId),
            new AttachmentOwner(arrange.PatientId, arrange.ObservationId, null, arrange.ConsultationId),
            AttachmentOwner.Observation(otherPatient, arrange.ObservationId),
            AttachmentOwner.Procedure(otherPatient, arrange.ProcedureId),
            AttachmentOwner.Visit(otherPatient, arrange.ConsultationId),
            AttachmentOwner.Visit(arrange.PatientId, Guid.NewGuid()),
        })
        {
            var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, service.UploadAsync(wrong, XRay(), new MemoryStream(png), "x.png"));
            Assert.Equal(AttachmentService.OwnerMessage, refused.FieldErrors[AttachmentService.OwnerField]);
        }

        Assert.Empty(arrange.Practice.FilesOnDisk());
        foreach (var owner in new[] { arrange.OnObservation, arrange.OnProcedure, arrange.OnVisit })
        {
            await ChangeAssert.DoneAsync(service.UploadAsync(owner, XRay(), new MemoryStream(png), "x.png"));
        }

        var rows = await AttachmentRowsAsync(arrange);
        Assert.Equal(3, rows.Count);
        Assert.Single(rows, r => r.ObservationId == arrange.ObservationId && r.ProcedureId is null && r.ConsultationId is null);
        Assert.Single(rows, r => r.ProcedureId == arrange.ProcedureId && r.ObservationId is null && r.ConsultationId is null);
        Assert.Single(rows, r => r.ConsultationId == arrange.ConsultationId && r.ObservationId is null && r.ProcedureId is null);
        var onProcedure = Assert.Single(await service.ListAsync(arrange.OnProcedure));
        Assert.Equal("Procedure · Resin composite, three surfaces, posterior (D2393)", onProcedure.AttachedTo);
        Assert.Equal("Tooth 36 · Caries", Assert.Single(await service.ListAsync(arrange.OnObservation)).AttachedTo);
        Assert.Equal(3, (await service.ListAsync(new AttachmentOwner(arrange.PatientId))).Count);
    }

    [Fact]
    public async Task Nurses_doctors_and_administrators_upload_the_uploader_or_an_administrator_changes_the_caption_and_deletes()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var png = AttachmentSamples.Png(100, 80);
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden,
            arrange.AttachmentsAs(arrange.Receptionist).UploadAsync(arrange.OnVisit, XRay(), new MemoryStream(png), "x.png"));
        Assert.Equal("Only doctors, nurses and administrators can upload attachments.", refused.Message);

        var byNurse = await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Nurse).UploadAsync(arrange.OnVisit, XRay("Periapical 36"), new MemoryStream(png), "pa-36.png"));
        var version = Assert.Single(await AttachmentRowsAsync(arrange)).Version;
        Assert.True((await arrange.AttachmentsAs(arrange.Nurse).ListAsync(arrange.OnVisit)).Single().MayChange);
        Assert.False((await arrange.AttachmentsAs(arrange.Doctor.Member).ListAsync(arrange.OnVisit)).Single().MayChange);

        // The doctor did not upload it and does not manage the records: no caption change, no deletion.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, arrange.AttachmentsAs(arrange.Doctor.Member).ChangeCaptionAsync(byNurse, "Mine now", version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, arrange.AttachmentsAs(arrange.Doctor.Member).DeleteAsync(byNurse));

        await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Nurse).ChangeCaptionAsync(byNurse, "  Periapical 36, after access  ", version));
        Assert.Equal("Periapical 36, after access", Assert.Single(await AttachmentRowsAsync(arrange)).Caption);
        // A form opened before that save is stale.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, arrange.AttachmentsAs(arrange.Practice.Admin).ChangeCaptionAsync(byNurse, "Older text", version));
        var tooLong = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid,
            arrange.AttachmentsAs(arrange.Nurse).ChangeCaptionAsync(byNurse, new string('x', 1001), version + 1));
        Assert.Equal("The caption can be at most 1000 characters.", tooLong.FieldErrors[nameof(DentalAttachment.Caption)]);

        await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Practice.Admin).DeleteAsync(byNurse));
        Assert.Empty(await AttachmentRowsAsync(arrange));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, arrange.AttachmentsAs(arrange.Nurse).DeleteAsync(byNurse));
    }

    [Fact]
    public async Task Deleting_removes_the_row_and_both_files_so_the_storage_used_goes_down()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var service = arrange.AttachmentsAs(arrange.Doctor.Member);
        var kept = await ChangeAssert.DoneAsync(service.UploadAsync(arrange.OnObservation, XRay(), new MemoryStream(AttachmentSamples.Pdf()), "report.pdf"));
        var deleted = await ChangeAssert.DoneAsync(service.UploadAsync(arrange.OnProcedure, XRay(), new MemoryStream(AttachmentSamples.Jpeg()), "after.jpg"));
        var usedBefore = await StorageUsedAsync(arrange);
        var deletedRow = Assert.Single(await AttachmentRowsAsync(arrange), a => a.Id == deleted);
        var deletedFiles = (await arrange.Practice.StoredFilesAsync()).Where(f => f.Id == deletedRow.StoredFileId || f.Id == deletedRow.ThumbnailFileId).ToList();
        Assert.Equal(2, deletedFiles.Count);

        await ChangeAssert.DoneAsync(service.DeleteAsync(deleted));

        Assert.Equal(kept, Assert.Single(await AttachmentRowsAsync(arrange)).Id);
        Assert.Equal(usedBefore - deletedFiles.Sum(f => f.SizeBytes), await StorageUsedAsync(arrange));
        Assert.Equal(AttachmentSamples.Pdf().Length, await StorageUsedAsync(arrange));
        Assert.Single(await arrange.Practice.StoredFilesAsync());
        Assert.Single(arrange.Practice.FilesOnDisk());
        Assert.Null(await service.OpenAsync(deleted, thumbnail: false));
    }

    [Fact]
    public async Task The_storage_limit_refuses_an_upload_whose_file_and_thumbnail_together_do_not_fit()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var jpeg = AttachmentSamples.Jpeg(1200, 900);
        // Room for the file alone, not for its thumbnail as well.
        await arrange.Practice.Practice.UpdateAsync(t => t.Limits.MaxStorageBytes = jpeg.Length + 10);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.LimitReached,
            arrange.AttachmentsAs(arrange.Doctor.Member).UploadAsync(arrange.OnVisit, XRay(), new MemoryStream(jpeg), "opg.jpg"));

        Assert.Contains("of files — upgrade to add more.", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await AttachmentRowsAsync(arrange));
        Assert.Empty(await arrange.Practice.StoredFilesAsync());
        Assert.Empty(arrange.Practice.FilesOnDisk());
    }

    [Fact]
    public async Task Uploads_openings_and_deletions_are_recorded_against_the_patient_and_shown_in_who_accessed_the_record()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Nurse).UploadAsync(
            arrange.OnVisit, new AttachmentUploadInput { Kind = DentalAttachmentKind.PhotoBefore }, new MemoryStream(AttachmentSamples.Png(50, 50)), "before.png"));
        Assert.NotNull(await ReadAsync(arrange.AttachmentsAs(arrange.Doctor.Member), id, thumbnail: true));
        Assert.NotNull(await ReadAsync(arrange.AttachmentsAs(arrange.Doctor.Member), id, thumbnail: false));
        await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Nurse).DeleteAsync(id));

        var report = await arrange.Practice.Practice.As(arrange.Owner).Get<AuditLogService>()
            .RecordAccessAsync(nameof(Patient), arrange.PatientId.ToString(), AuditActions.PatientRecordViews);

        var uploaded = Assert.Single(report.Events, e => e.Action == AuditActions.DentalAttachmentUploaded);
        Assert.StartsWith("Uploaded Photo (before) “before.png” (PNG, ", uploaded.Details, StringComparison.Ordinal);
        Assert.Contains(") to Visit of ", uploaded.Details, StringComparison.Ordinal);
        Assert.Single(report.Events, e => e.Action == AuditActions.DentalAttachmentViewed && e.Details == "Opened Photo (before) “before.png”.");
        Assert.Single(report.Events, e => e.Action == AuditActions.DentalAttachmentDeleted);
        Assert.Equal(1, Assert.Single(report.People, p => p.UserId == arrange.Doctor.UserId).Views);
        Assert.Equal(2, Assert.Single(report.People, p => p.UserId == arrange.Nurse.UserId).OtherActions);
    }

    [Fact]
    public async Task Another_practice_neither_sees_nor_changes_an_attachment_and_cannot_attach_to_its_records()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var other = await DentalFilesArrange.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Doctor.Member).UploadAsync(arrange.OnVisit, XRay("Mine"), new MemoryStream(AttachmentSamples.Png(20, 20)), "x.png"));
        var version = Assert.Single(await AttachmentRowsAsync(arrange)).Version;
        var stranger = other.AttachmentsAs(other.Owner);

        Assert.Null(await stranger.OpenAsync(id, thumbnail: false));
        Assert.Null(await stranger.OpenAsync(id, thumbnail: true));
        Assert.Empty(await stranger.ListAsync(new AttachmentOwner(arrange.PatientId)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, stranger.DeleteAsync(id));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, stranger.ChangeCaptionAsync(id, "Theirs", version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, stranger.UploadAsync(arrange.OnVisit, XRay(), new MemoryStream(AttachmentSamples.Png(20, 20)), "y.png"));
        // Through this practice's address the other owner is nobody here.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, arrange.AttachmentsAs(other.Owner).DeleteAsync(id));
        Assert.Null(await arrange.AttachmentsAs(other.Owner).OpenAsync(id, thumbnail: false));

        Assert.Equal("Mine", Assert.Single(await AttachmentRowsAsync(arrange)).Caption);
        Assert.Empty(await other.Practice.StoredFilesAsync());
    }
}

public sealed class SqliteAttachmentServiceTests(SqliteDatabaseFixture fixture)
    : AttachmentServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresAttachmentServiceTests(PostgresDatabaseFixture fixture)
    : AttachmentServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;

/// <summary>
/// Twenty uploads at once against a storage limit that fits only some of them (PostgreSQL, where requests really run
/// in parallel): the practice lock makes each check see the ones before it, so the limit holds exactly.
/// </summary>
public sealed class PostgresAttachmentStorageConcurrencyTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Twenty_parallel_uploads_never_exceed_the_storage_limit()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var pdf = new byte[1000];
        AttachmentSamples.Pdf().CopyTo(pdf, 0);
        await arrange.Practice.Practice.UpdateAsync(t => t.Limits.MaxStorageBytes = 7 * pdf.Length + pdf.Length / 2);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var uploads = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var service = arrange.AttachmentsAs(arrange.Doctor.Member);
            await start.Task;
            return await service.UploadAsync(arrange.OnVisit, new AttachmentUploadInput { Kind = DentalAttachmentKind.Document }, new MemoryStream(pdf), $"report-{i}.pdf");
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(uploads);

        Assert.Equal(7, outcomes.Count(o => o.Outcome == ChangeOutcome.Done));
        Assert.Equal(13, outcomes.Count(o => o.Outcome == ChangeOutcome.LimitReached));
        Assert.Equal(7L * pdf.Length, await arrange.Practice.Practice.WithContextAsync(db => PlanLimitService.CountAsync(db, LimitedResource.StorageBytes)));
        Assert.Equal(7, await arrange.Practice.Practice.WithContextAsync(db => db.DentalAttachments.CountAsync()));
        Assert.Equal(7, arrange.Practice.FilesOnDisk().Length);
    }
}
