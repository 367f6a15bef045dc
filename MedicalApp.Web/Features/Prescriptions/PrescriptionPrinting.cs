using MedicalApp.Web.Services.Printing;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Printing.Prescriptions;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Prescriptions;

/// <summary>
/// The PDF of a finalised prescription for any member of its practice. Printing writes nothing but its audit event, so
/// a read-only practice can still print. The letterhead is the visit's clinic location under the practice's name (the
/// practice's own letterhead address when the location has none); the layout is the most specific print setting:
/// the doctor at that location, else the doctor, else the practice, else the Classic preset.
/// </summary>
public sealed class PrescriptionPrinting(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, AuditTrail audit, FileStore files, PrescriptionDocument document,
    TimeProvider clock, ILogger<PrescriptionPrinting> logger)
{
    /// <summary>The PDF and the name to save it under ("RX-20260310-0001.pdf", "…-v2.pdf" for a correction); null when not found.</summary>
    public async Task<PrintedPdf?> RenderPdfAsync(Guid prescriptionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewPrescriptions))
        {
            return null;
        }

        var practiceId = db.RequirePracticeId();
        var prescription = await db.Prescriptions.AsNoTracking().Include(p => p.Lines)
            .FirstOrDefaultAsync(p => p.Id == prescriptionId && p.Status != PrescriptionStatus.Draft, cancellationToken);
        if (prescription is null)
        {
            return null;
        }

        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => new { p.Name, p.Settings }).FirstAsync(cancellationToken);
        var location = await db.ClinicLocations.AsNoTracking().FirstAsync(l => l.Id == prescription.ClinicLocationId, cancellationToken);
        var doctor = await db.DoctorProfiles.AsNoTracking().Where(d => d.Id == prescription.DoctorProfileId)
            .Select(d => new { d.Membership!.User!.FullName, d.Qualification, d.Specializations, d.RegistrationNumber, d.SignatureFileId })
            .FirstAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == prescription.PatientId, cancellationToken);
        var clockOfPractice = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var finalisedLocal = clockOfPractice.ToLocal(prescription.FinalisedAtUtc!.Value);

        var print = new PrescriptionPrint
        {
            LetterheadName = practice.Name,
            LetterheadAddressLines = SplitLines(string.IsNullOrWhiteSpace(location.Address) ? practice.Settings.LetterheadAddress : $"{location.Name}, {location.Address}"),
            LetterheadPhone = location.Phone ?? practice.Settings.LetterheadPhone,
            LetterheadEmail = practice.Settings.LetterheadEmail,
            RegistrationLine = practice.Settings.RegistrationLine,
            Logo = await ReadFileAsync(db, practiceId, practice.Settings.LogoFileId, cancellationToken),
            DoctorName = doctor.FullName,
            DoctorQualification = doctor.Qualification,
            DoctorSpecialization = doctor.Specializations.Count == 0 ? null : string.Join(", ", doctor.Specializations),
            DoctorRegistrationNumber = doctor.RegistrationNumber,
            Signature = await ReadFileAsync(db, practiceId, doctor.SignatureFileId, cancellationToken),
            PatientName = $"{patient.FirstName} {patient.LastName}".Trim(),
            PatientAge = patient.AgeOn(DateOnly.FromDateTime(finalisedLocal)) is { } age ? $"{age} y" : null,
            PatientSex = patient.Gender.ToString(),
            PatientMobile = patient.Mobile,
            PatientAllergies = patient.Allergies,
            Date = finalisedLocal.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            RxNumber = prescription.VersionNumber > 1 ? $"{prescription.Number} (v{prescription.VersionNumber})" : prescription.Number!,
            StatusMarking = prescription.Status switch
            {
                PrescriptionStatus.Cancelled => $"CANCELLED: {prescription.CancellationReason}",
                PrescriptionStatus.Superseded => "SUPERSEDED by a corrected version",
                _ => null,
            },
            Diagnosis = prescription.Diagnosis,
            Lines = prescription.Lines.OrderBy(l => l.Position).Select(l => new PrescriptionPrintLine(
                l.GenericName, l.BrandName, l.Strength, l.Dose, l.Frequency, l.Duration,
                l.Timing == MedicineTiming.Unspecified ? null : ConsultationRules.TimingLabel(l.Timing),
                l.Quantity?.ToString(CultureInfo.InvariantCulture), l.Instructions)).ToList(),
            Advice = prescription.Advice,
            FollowUp = prescription.FollowUpOn?.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            WrittenAtUtc = prescription.FinalisedAtUtc.Value,
        };

        var layout = await LayoutAsync(db, prescription.DoctorProfileId, prescription.ClinicLocationId, cancellationToken);
        var pdf = document.Render(print, layout);
        await audit.RecordAsync(actor.Entry(AuditActions.PrescriptionPrinted, nameof(Patient), patient.Id.ToString(),
            $"Printed {prescription.Number} (version {prescription.VersionNumber})."), cancellationToken);
        return new PrintedPdf(pdf, prescription.VersionNumber > 1
            ? $"{prescription.Number}-v{prescription.VersionNumber}.pdf" : $"{prescription.Number}.pdf");
    }

    /// <summary>The most specific print setting: doctor at location, doctor, practice; the Classic preset when none.</summary>
    public static async Task<PrintLayout> LayoutAsync(MedicalDbContext db, Guid doctorProfileId, Guid clinicLocationId, CancellationToken cancellationToken)
    {
        string[] keys = [PrintSetting.ScopeKeyFor(doctorProfileId, clinicLocationId), PrintSetting.ScopeKeyFor(doctorProfileId, null), PrintSetting.ScopeKeyFor(null, null)];
        var settings = await db.PrintSettings.AsNoTracking().Where(s => keys.Contains(s.ScopeKey)).ToListAsync(cancellationToken);
        var setting = keys.Select(k => settings.FirstOrDefault(s => s.ScopeKey == k)).FirstOrDefault(s => s is not null);
        return setting is null ? PrintLayout.Preset(PrescriptionTemplate.Classic) : ToLayout(setting);
    }

    public static PrintLayout ToLayout(PrintSetting setting)
    {
        var preset = PrintLayout.Preset(Enum.Parse<PrescriptionTemplate>(setting.Template.ToString()));
        return preset.WithMargins(setting.MarginMm, setting.MarginMm, setting.MarginMm, setting.MarginMm) with
        {
            LogoPosition = Enum.Parse<LogoPosition>(setting.LogoPosition.ToString()),
            FontSizePt = setting.FontSizePt,
        };
    }

    private async Task<byte[]?> ReadFileAsync(MedicalDbContext db, Guid practiceId, Guid? fileId, CancellationToken cancellationToken)
    {
        if (fileId is null)
        {
            return null;
        }

        var key = await db.StoredFiles.AsNoTracking().Where(f => f.Id == fileId).Select(f => f.StorageKey).FirstOrDefaultAsync(cancellationToken);
        if (key is null || await files.ReadAllBytesAsync(practiceId, key, cancellationToken) is not { } content)
        {
            return null;
        }

        // Uploads are checked by their first bytes only: one that is no image after all must not stop every print.
        if (!PrescriptionDocument.CanDraw(content))
        {
            logger.LogWarning("The stored file {FileId} of practice {PracticeId} is not a drawable image; printing without it.", fileId, practiceId);
            return null;
        }

        return content;
    }

    private static IReadOnlyList<string> SplitLines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
