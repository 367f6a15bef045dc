using MedicalApp.Web.Services.Printing;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Printing.Documents;
using MedicalApp.Printing.Documents.Rendering;
using MedicalApp.Printing.Prescriptions;
using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>
/// The PDF of a case study for members who may view dental records: the practice, title, patient and doctor, the eight
/// sections, and the thumbnails of the images it was composed from. A draft says so on every page. Printing writes
/// nothing but its audit row (against the patient).
/// </summary>
public sealed class CaseStudyPrinting(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, AuditTrail audit, FileStore files, DocumentRenderer renderer, TimeProvider clock)
{
    private static readonly TextStyle Body = new() { Size = 10.5f };
    private static readonly TextStyle Heading = new() { Size = 12.5f, Bold = true, Colour = Colour.Hex("#1F3A5F") };
    private static readonly TextStyle Muted = new() { Size = 9, Colour = Colour.Hex("#475467") };

    public async Task<PrintedPdf?> RenderPdfAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        var study = await db.CaseStudies.AsNoTracking().Include(c => c.Sources).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (study is null)
        {
            return null;
        }

        var practiceId = db.RequirePracticeId();
        var practiceName = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => p.Name).FirstAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == study.PatientId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(cancellationToken);
        var doctor = await db.DoctorProfiles.AsNoTracking().Where(d => d.Id == study.DoctorProfileId).Select(d => d.Membership!.User!.FullName).FirstAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var content = new List<Element>
        {
            Paragraph.Of(practiceName, Muted),
            Paragraph.Of(study.Title, new TextStyle { Size = 18, Bold = true }),
            Paragraph.Of($"Patient: {patient} · Doctor: {doctor} · Updated {CaseStudyMaterial.Date(DateOnly.FromDateTime(practiceClock.ToLocal(study.UpdatedAtUtc)))}"
                + (study.Status == CaseStudyStatus.Draft ? " · DRAFT" : ""), Muted),
            new Rule { Colour = Colour.Hex("#D0D5DD") },
        };
        var sections = CaseStudySections.Of(study);
        foreach (var (key, heading) in CaseStudySections.Headings)
        {
            if (sections[key] is not { } text)
            {
                continue;
            }

            content.Add(new Column([Paragraph.Of(heading, Heading), .. text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => (Element)Paragraph.Of(l.Trim(), Body))])
            {
                Spacing = 3,
            });
        }

        var images = await ImagesAsync(db, practiceId, study, cancellationToken);
        if (images.Count > 0)
        {
            content.Add(Paragraph.Of("Images", Heading));
            content.Add(new Row([.. images.Select(i => new RowItem(Width.Relative(), new Column([
                new Image(i.Content) { MaxWidth = 160, MaxHeight = 160 }, Paragraph.Of(i.Caption, Muted)]) { Spacing = 2 }))]) { Spacing = 8 });
        }

        var document = new Document
        {
            PageSize = PageSize.A4,
            Content = new Column(content) { Spacing = 10 },
            Footer = new PageNumber { Format = (study.Status == CaseStudyStatus.Draft ? "Draft · " : "") + "Page {page} of {pages}", Style = Muted },
            Info = new DocumentInfo(study.Title, study.UpdatedAtUtc) { Author = doctor, Subject = "Dental case study" },
        };
        var pdf = renderer.RenderPdf(document);
        await audit.RecordAsync(actor.Entry(AuditActions.CaseStudyPrinted, nameof(Patient), study.PatientId.ToString(), $"Printed the case study “{study.Title}”."), cancellationToken);
        return new PrintedPdf(pdf, $"case-study-{study.CreatedAtUtc:yyyyMMdd}-{study.Id.ToString("N")[..6]}.pdf");
    }

    /// <summary>The thumbnails of the chosen pictures (at most six, in a row) that can still be read and drawn.</summary>
    private async Task<List<(byte[] Content, string Caption)>> ImagesAsync(MedicalDbContext db, Guid practiceId, CaseStudy study, CancellationToken cancellationToken)
    {
        var ids = study.Sources.Where(s => s.Kind == CaseStudySourceKind.Attachment).Select(s => s.SourceId).ToList();
        var attachments = await db.DentalAttachments.AsNoTracking().Where(a => ids.Contains(a.Id) && a.ThumbnailFileId != null)
            .OrderBy(a => a.UploadedAtUtc).Take(6).ToListAsync(cancellationToken);
        var thumbnailIds = attachments.Select(a => a.ThumbnailFileId!.Value).ToList();
        var keys = await db.StoredFiles.AsNoTracking().Where(f => thumbnailIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.StorageKey, cancellationToken);
        var pictures = attachments.Where(a => keys.ContainsKey(a.ThumbnailFileId!.Value))
            .Select(a => new { a.Kind, a.Caption, a.FileName, StorageKey = keys[a.ThumbnailFileId!.Value] });
        var images = new List<(byte[], string)>();
        foreach (var picture in pictures)
        {
            if (await files.ReadAllBytesAsync(practiceId, picture.StorageKey, cancellationToken) is { } content && PrescriptionDocument.CanDraw(content))
            {
                images.Add((content, $"{AttachmentFile.KindLabel(picture.Kind)}: {picture.Caption ?? picture.FileName}"));
            }
        }

        return images;
    }
}
