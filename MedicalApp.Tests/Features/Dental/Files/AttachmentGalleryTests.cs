using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Components.Shared.Changes;
using MedicalApp.Web.Features.Dental.Attachments;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// The gallery rendered with bUnit over a real (SQLite) practice: a procedure's before and after photos side by side;
/// the upload form only for one record and a member who may upload; caption and delete only for who may change the
/// file; the patient-wide list saying what each file is on; a PDF shown by an icon, not a thumbnail.
/// </summary>
public sealed class AttachmentGalleryTests(SqliteDatabaseFixture fixture) : IClassFixture<SqliteDatabaseFixture>
{
    private static BunitContext NewContext(DentalFilesArrange arrange, TestMember member)
    {
        var context = MemberComponents.For(arrange.Practice.Practice.Db, arrange.Practice.Id, member, out var scope);
        context.Services.AddSingleton(scope.Get<AttachmentService>());
        context.Services.AddScoped<ChangeFeedback>();
        return context;
    }

    private static Task<Guid> UploadAsync(DentalFilesArrange arrange, AttachmentOwner owner, DentalAttachmentKind kind, byte[] content, string name, string? caption = null) =>
        ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Nurse).UploadAsync(owner, new AttachmentUploadInput { Kind = kind, Caption = caption }, new MemoryStream(content), name));

    [Fact]
    public async Task A_procedures_before_and_after_photos_stand_side_by_side_and_only_the_uploader_may_change_them()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        await UploadAsync(arrange, arrange.OnProcedure, DentalAttachmentKind.PhotoBefore, AttachmentSamples.Jpeg(400, 300), "before.jpg", "Before: cavity");
        await UploadAsync(arrange, arrange.OnProcedure, DentalAttachmentKind.PhotoAfter, AttachmentSamples.Jpeg(400, 300), "after.jpg", "After: composite");
        await UploadAsync(arrange, arrange.OnProcedure, DentalAttachmentKind.TestResult, AttachmentSamples.Pdf(), "vitality.pdf");

        await using (var asNurse = NewContext(arrange, arrange.Nurse))
        {
            var gallery = asNurse.Render<AttachmentGallery>(p => p.Add(g => g.PatientId, arrange.PatientId).Add(g => g.ProcedureId, arrange.ProcedureId));
            gallery.WaitForElement("[data-testid=before-after]");
            var pair = gallery.Find("[data-testid=before-after]");
            var images = pair.QuerySelectorAll("img");
            Assert.Equal(["Before: Before: cavity", "After: After: composite"], images.Select(i => i.GetAttribute("alt")));
            Assert.Equal(3, gallery.FindAll("[data-testid=attachment]").Count);
            Assert.Equal(2, gallery.FindAll("[data-testid=attachment-thumbnail]").Count); // the PDF has an icon
            Assert.Equal(3, gallery.FindAll("[data-testid=delete-attachment]").Count);
            Assert.NotEmpty(gallery.FindAll("[data-testid=attachment-upload]"));
        }

        await using (var asDoctor = NewContext(arrange, arrange.Doctor.Member))
        {
            var gallery = asDoctor.Render<AttachmentGallery>(p => p.Add(g => g.PatientId, arrange.PatientId).Add(g => g.ProcedureId, arrange.ProcedureId));
            gallery.WaitForElement("[data-testid=attachment]");
            Assert.Empty(gallery.FindAll("[data-testid=delete-attachment]"));
            Assert.Empty(gallery.FindAll("[data-testid=edit-caption]"));
            Assert.NotEmpty(gallery.FindAll("[data-testid=attachment-upload]"));
            var readOnly = asDoctor.Render<AttachmentGallery>(p => p.Add(g => g.PatientId, arrange.PatientId).Add(g => g.ProcedureId, arrange.ProcedureId).Add(g => g.ReadOnly, true));
            readOnly.WaitForElement("[data-testid=attachment]");
            Assert.Empty(readOnly.FindAll("[data-testid=attachment-upload]"));
        }

        await using (var asReceptionist = NewContext(arrange, arrange.Receptionist))
        {
            // Everyone reads the dental records; the front desk does not upload, and the patient-wide list takes no uploads.
            var onProcedure = asReceptionist.Render<AttachmentGallery>(p => p.Add(g => g.PatientId, arrange.PatientId).Add(g => g.ProcedureId, arrange.ProcedureId));
            onProcedure.WaitForElement("[data-testid=attachment]");
            Assert.Empty(onProcedure.FindAll("[data-testid=attachment-upload]"));
        }

        await using var asOwner = NewContext(arrange, arrange.Owner);
        var patientWide = asOwner.Render<AttachmentGallery>(p => p.Add(g => g.PatientId, arrange.PatientId).Add(g => g.Kind, DentalAttachmentKind.TestResult));
        patientWide.WaitForElement("[data-testid=attachment]");
        Assert.Empty(patientWide.FindAll("[data-testid=attachment-upload]"));
        var only = Assert.Single(patientWide.FindAll("[data-testid=attachment]"));
        Assert.Contains("vitality.pdf", only.TextContent, StringComparison.Ordinal);
        Assert.Contains("Procedure · Resin composite, three surfaces, posterior (D2393)", only.TextContent, StringComparison.Ordinal);
        Assert.NotNull(only.QuerySelector("[data-testid=delete-attachment]")); // an administrator manages every file
    }
}
