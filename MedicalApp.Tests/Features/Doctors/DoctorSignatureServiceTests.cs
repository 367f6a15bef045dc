using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.Features.Administration;
using MedicalApp.Tests.Printing;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// A doctor's signature through its service, on both databases: a PNG or JPEG (by content) of at most 1 MB becomes a
/// stored file of the practice counted against its storage, replaces the previous one, and is removed; only the
/// doctor themself and administrators change it or see its preview, never in a read-only practice or from another.
/// </summary>
public abstract class DoctorSignatureServiceTests(DatabaseFixture fixture)
{
    private static DoctorSignatureService Signatures(PracticeUnderTest practice, TestMember member) =>
        practice.Practice.As(member).Get<DoctorSignatureService>();

    private static Task<DoctorProfile> ProfileAsync(PracticeUnderTest practice, TestDoctor doctor) =>
        practice.Practice.WithContextAsync(db => db.DoctorProfiles.AsNoTracking().SingleAsync(d => d.Id == doctor.Id));

    private static async Task<byte[]?> PreviewAsync(PracticeUnderTest practice, TestMember viewer, TestDoctor doctor)
    {
        var image = await Signatures(practice, viewer).OpenAsync(doctor.Id);
        if (image is null)
        {
            return null;
        }

        await using (image.Content)
        {
            using var read = new MemoryStream();
            await image.Content.CopyToAsync(read);
            return read.ToArray();
        }
    }

    /// <summary>A real JPEG of a signature-like stroke (what a phone camera gives).</summary>
    private static byte[] Jpeg()
    {
        using var bitmap = new SkiaSharp.SKBitmap(200, 60);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.White);
            using var pen = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Navy, StrokeWidth = 3, IsStroke = true };
            canvas.DrawLine(10, 40, 190, 20, pen);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [Fact]
    public async Task The_doctor_uploads_their_signature_as_a_stored_file_counted_against_the_storage()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        var png = PrintSamples.Png(300, 100);
        var versionBefore = (await ProfileAsync(practice, doctor)).Version;

        var signature = await ChangeAssert.DoneAsync(Signatures(practice, doctor.Member).UploadAsync(doctor.Id, new MemoryStream(png), "my-signature.png"));

        var file = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal((signature.FileId, StoredFilePurpose.Signature, "image/png", (long)png.Length, "my-signature.png", doctor.UserId),
            (file.Id, file.Purpose, file.ContentType, file.SizeBytes, file.FileName, file.CreatedByUserId));
        Assert.Matches("^signature/[0-9a-f-]{36}\\.png$", file.StorageKey);
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(practice.FolderOnDisk, file.StorageKey)));
        var profile = await ProfileAsync(practice, doctor);
        Assert.Equal(file.Id, profile.SignatureFileId);
        Assert.Equal(versionBefore + 1, profile.Version); // an open profile form learns of it through the page
        Assert.Equal(png.Length, await practice.Practice.WithContextAsync(db => PlanLimitService.CountAsync(db, LimitedResource.StorageBytes)));
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.DoctorSignatureChanged);
        Assert.Equal((doctor.UserId, nameof(DoctorProfile), doctor.Id.ToString()), (audit.UserId, audit.EntityType, audit.EntityId));
        Assert.StartsWith("Uploaded the signature “my-signature.png” (image/png, ", audit.Details, StringComparison.Ordinal);

        Assert.Equal(png, await PreviewAsync(practice, doctor.Member, doctor));
        Assert.Equal(png, await PreviewAsync(practice, practice.Admin, doctor));
        var details = (await practice.Practice.As(doctor.Member).Get<DoctorProfileService>().GetAsync(doctor.Id))!;
        Assert.Equal((file.Id, "my-signature.png", (long)png.Length), (details.Signature!.FileId, details.Signature.FileName, details.Signature.SizeBytes));
    }

    [Fact]
    public async Task A_jpeg_is_recognised_by_its_content_and_anything_but_png_or_jpeg_is_refused_with_nothing_stored()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        var service = Signatures(practice, doctor.Member);

        foreach (var notAllowed in new[] { TestImages.WebPHeader(), TestImages.TextFile(), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() })
        {
            var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, service.UploadAsync(doctor.Id, new MemoryStream(notAllowed), "signature.png"));
            Assert.Equal("The signature must be a PNG or JPEG image; this file is not one, whatever its name says.", refused.FieldErrors[DoctorSignatureService.Field]);
        }

        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        Assert.Null((await ProfileAsync(practice, doctor)).SignatureFileId);

        await ChangeAssert.DoneAsync(service.UploadAsync(doctor.Id, new MemoryStream(Jpeg()), "scan.png"));
        var jpeg = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal("image/jpeg", jpeg.ContentType);
        Assert.EndsWith(".jpg", jpeg.StorageKey, StringComparison.Ordinal);
        Assert.Equal(".png,.jpg,.jpeg,image/png,image/jpeg", SignatureImage.Kind.AcceptAttribute);
    }

    [Fact]
    public async Task A_signature_over_1_MB_is_refused_though_a_logo_that_size_would_be_accepted()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        var large = new byte[1_572_864];
        TestImages.OnePixelPng().CopyTo(large, 0);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Signatures(practice, doctor.Member).UploadAsync(doctor.Id, new MemoryStream(large), "big.png"));

        Assert.Equal("The signature must be at most 1 MB; this file is 1.5 MB.", refused.FieldErrors[DoctorSignatureService.Field]);
        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        // The logo keeps its own limit.
        Assert.True(large.Length <= LogoImage.MaxBytes);
        Assert.Equal(ImageFormats.Png, LogoImage.Kind.Recognise(large));
    }

    [Fact]
    public async Task The_storage_limit_refuses_a_signature_and_leaves_no_file_behind()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        await practice.Practice.UpdateAsync(t => t.Limits.MaxStorageBytes = 20);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.LimitReached,
            Signatures(practice, doctor.Member).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "signature.png"));

        Assert.Contains("Your Basic plan allows 20 bytes of files", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        Assert.Null((await ProfileAsync(practice, doctor)).SignatureFileId);
        Assert.DoesNotContain(await practice.AuditEventsAsync(), e => e.Action == AuditActions.DoctorSignatureChanged);
    }

    [Fact]
    public async Task Replacing_removes_the_previous_file_after_the_commit_and_counts_only_the_difference_and_removing_clears_it()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        var first = await ChangeAssert.DoneAsync(Signatures(practice, doctor.Member).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "first.png"));
        var firstKey = Assert.Single(await practice.StoredFilesAsync()).StorageKey;
        var smaller = Jpeg();
        // Room for one signature only: the replacement fits because the old one goes in the same transaction.
        await practice.Practice.UpdateAsync(t => t.Limits.MaxStorageBytes = Math.Max(smaller.Length, TestImages.OnePixelPng().Length));

        var second = await ChangeAssert.DoneAsync(Signatures(practice, practice.Admin).UploadAsync(doctor.Id, new MemoryStream(smaller), "second.jpg"));

        var file = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal(second.FileId, file.Id);
        Assert.NotEqual(first.FileId, file.Id);
        Assert.Equal(second.FileId, (await ProfileAsync(practice, doctor)).SignatureFileId);
        Assert.False(File.Exists(Path.Combine(practice.FolderOnDisk, firstKey)));
        Assert.Single(practice.FilesOnDisk());
        var replaced = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.DoctorSignatureChanged && e.UserId == practice.Admin.UserId);
        Assert.EndsWith(", replacing “first.png”.", replaced.Details, StringComparison.Ordinal);

        await ChangeAssert.DoneAsync(Signatures(practice, doctor.Member).RemoveAsync(doctor.Id));

        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        Assert.Null((await ProfileAsync(practice, doctor)).SignatureFileId);
        Assert.Null(await PreviewAsync(practice, doctor.Member, doctor));
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.DoctorSignatureRemoved && e.Details == "Removed the signature “second.jpg”.");
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, Signatures(practice, doctor.Member).RemoveAsync(doctor.Id));
    }

    [Fact]
    public async Task Only_the_doctor_and_administrators_change_or_see_it()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        var colleague = await practice.Practice.AddDoctorAsync();
        var nurse = await practice.Practice.AddMemberAsync(PracticeRoles.Nurse);
        await ChangeAssert.DoneAsync(Signatures(practice, practice.Owner).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "by-owner.png"));
        var stored = Assert.Single(await practice.StoredFilesAsync());

        foreach (var member in new[] { colleague.Member, practice.Receptionist, nurse })
        {
            var upload = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden,
                Signatures(practice, member).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "forged.png"));
            var remove = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Signatures(practice, member).RemoveAsync(doctor.Id));
            Assert.Equal(DoctorProfileService.ForbiddenMessage, upload.Message);
            Assert.Equal(DoctorProfileService.ForbiddenMessage, remove.Message);
            Assert.Null(await PreviewAsync(practice, member, doctor));
        }

        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Signatures(practice, practice.Admin).RemoveAsync(Guid.NewGuid()));
        Assert.Equal(stored.Id, Assert.Single(await practice.StoredFilesAsync()).Id);
        Assert.Single(practice.FilesOnDisk());
        Assert.Equal(stored.Id, (await ProfileAsync(practice, doctor)).SignatureFileId);
    }

    [Fact]
    public async Task Another_practice_neither_changes_nor_sees_it_and_a_read_only_practice_keeps_it()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        var other = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync();
        var doctorElsewhere = await other.Practice.AddDoctorAsync();
        await ChangeAssert.DoneAsync(Signatures(practice, doctor.Member).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "signature.png"));

        // The other practice's administrator through this practice's address is nobody here; through their own, the id is unknown.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Signatures(practice, other.Admin).RemoveAsync(doctor.Id));
        Assert.Null(await PreviewAsync(practice, other.Admin, doctor));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Signatures(other, other.Admin).RemoveAsync(doctor.Id));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Signatures(other, other.Admin).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "x.png"));
        Assert.Null(await PreviewAsync(other, other.Admin, doctor));
        Assert.Null(await PreviewAsync(practice, practice.Admin, doctorElsewhere));
        Assert.Empty(await other.StoredFilesAsync());

        await practice.Practice.EndTrialAsync();
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, Signatures(practice, doctor.Member).RemoveAsync(doctor.Id));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, Signatures(practice, doctor.Member).UploadAsync(doctor.Id, new MemoryStream(TestImages.OnePixelPng()), "new.png"));

        Assert.Equal("signature.png", Assert.Single(await practice.StoredFilesAsync()).FileName);
        Assert.Single(practice.FilesOnDisk());
        Assert.NotNull(await PreviewAsync(practice, doctor.Member, doctor)); // still shown, and printed
    }
}

public sealed class SqliteDoctorSignatureServiceTests(SqliteDatabaseFixture fixture)
    : DoctorSignatureServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDoctorSignatureServiceTests(PostgresDatabaseFixture fixture)
    : DoctorSignatureServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
