using MedicalApp.Web.Features.Dental.Observations;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>The patient as a case study may name them; who they are is only sent out when the practice allows it.</summary>
public sealed record CaseStudyPatient(string Name, string Mobile, DateOnly? DateOfBirth, int? Age, Gender Gender);

public sealed record MaterialObservation(int Tooth, ToothSurfaces Surfaces, DentalCondition Condition, DentalSeverity? Severity, string? Notes, DateOnly RecordedOn, DateOnly? TreatedOn);

public sealed record MaterialProcedure(string Code, string Name, IReadOnlyList<int> Teeth, DentalProcedureStatus Status, DateOnly? PlannedOn, DateOnly? CompletedOn, string? Notes);

public sealed record MaterialAttachment(DentalAttachmentKind Kind, string FileName, string? Caption, DateOnly? TakenOn);

public sealed record MaterialVisit(DateOnly On, string? ChiefComplaint, string? Diagnosis);

/// <summary>
/// The records a case study is composed from, read once: the patient, the chosen observations, procedures and images,
/// and the visits they were recorded at. Both generators work from this and nothing else.
/// </summary>
public sealed record CaseStudyMaterial(
    CaseStudyPatient Patient, IReadOnlyList<MaterialObservation> Observations, IReadOnlyList<MaterialProcedure> Procedures,
    IReadOnlyList<MaterialAttachment> Attachments, IReadOnlyList<MaterialVisit> Visits)
{
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"MOD" style letters of the surfaces (M, D, O/I, B/F, L/P).</summary>
    public static string SurfaceLetters(ToothSurfaces surfaces) => string.Concat(
        surfaces.HasFlag(ToothSurfaces.Mesial) ? "M" : "", surfaces.HasFlag(ToothSurfaces.OcclusalIncisal) ? "O" : "",
        surfaces.HasFlag(ToothSurfaces.Distal) ? "D" : "", surfaces.HasFlag(ToothSurfaces.BuccalFacial) ? "B" : "",
        surfaces.HasFlag(ToothSurfaces.LingualPalatal) ? "L" : "");

    /// <summary>"Periapical lesion" from the enum name.</summary>
    public static string Words(DentalCondition condition) => DentalConditions.Label(condition);

    public static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Reads the material of the chosen records of <paramref name="patientId"/> (ids of anyone else's records are ignored).</summary>
    public static async Task<CaseStudyMaterial?> ReadAsync(
        MedicalDbContext db, Guid patientId, IReadOnlyCollection<Guid> observationIds, IReadOnlyCollection<Guid> procedureIds,
        IReadOnlyCollection<Guid> attachmentIds, PracticeClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var observations = await db.DentalObservations.AsNoTracking()
            .Where(o => o.PatientId == patientId && observationIds.Contains(o.Id)).OrderBy(o => o.RecordedAtUtc).ThenBy(o => o.Tooth).ToListAsync(cancellationToken);
        var procedures = await db.DentalProcedures.AsNoTracking().Include(p => p.Teeth)
            .Where(p => p.PatientId == patientId && procedureIds.Contains(p.Id)).OrderBy(p => p.CreatedAtUtc).ToListAsync(cancellationToken);
        var attachments = await db.DentalAttachments.AsNoTracking()
            .Where(a => a.PatientId == patientId && attachmentIds.Contains(a.Id)).OrderBy(a => a.UploadedAtUtc).ToListAsync(cancellationToken);
        var visitIds = observations.Select(o => o.ConsultationId).Concat(procedures.Select(p => p.ConsultationId)).Concat(procedures.Select(p => p.CompletedInConsultationId))
            .Concat(attachments.Select(a => a.ConsultationId)).OfType<Guid>().Distinct().ToList();
        var visits = await db.Consultations.AsNoTracking().Where(c => visitIds.Contains(c.Id)).OrderBy(c => c.StartedAtUtc).ToListAsync(cancellationToken);
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));

        return new CaseStudyMaterial(
            new CaseStudyPatient($"{patient.FirstName} {patient.LastName}".Trim(), patient.Mobile, patient.DateOfBirth, patient.AgeOn(clock.Today), patient.Gender),
            [.. observations.Select(o => new MaterialObservation(o.Tooth, o.Surfaces, o.Condition, o.Severity, o.Notes, Local(o.RecordedAtUtc),
                o.TreatedAtUtc is { } treated ? Local(treated) : null))],
            [.. procedures.Select(p => new MaterialProcedure(p.Code, p.Name, [.. p.Teeth.Select(t => t.Tooth).Order()], p.Status, p.PlannedOn, p.CompletedOn, p.Notes))],
            [.. attachments.Select(a => new MaterialAttachment(a.Kind, a.FileName, a.Caption, a.TakenOn))],
            [.. visits.Select(v => new MaterialVisit(Local(v.StartedAtUtc), v.ChiefComplaint, v.Diagnosis))]);
    }
}
