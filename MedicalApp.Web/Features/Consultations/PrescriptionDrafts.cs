using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Consultations;

/// <summary>
/// The visit's prescription while it is written, inside a change: its lines are replaced by what the page holds (each
/// medicine read from the catalogue, never from the page), checked against the patient's allergies, and finalised.
/// </summary>
internal static class PrescriptionDrafts
{
    public sealed record Written(Prescription Prescription, IReadOnlyList<LineWarning> Warnings, IReadOnlyDictionary<string, string> Errors);

    public static async Task<Written> WriteAsync(
        PracticeChange change, Appointment appointment, Consultation consultation, ConsultationInput input, CancellationToken cancellationToken)
    {
        var db = change.Db;
        var prescription = await db.Prescriptions.Include(p => p.Lines)
            .Where(p => p.AppointmentId == appointment.Id && p.Status == PrescriptionStatus.Draft)
            .OrderByDescending(p => p.VersionNumber).FirstOrDefaultAsync(cancellationToken);
        if (prescription is null)
        {
            prescription = new Prescription
            {
                ConsultationId = consultation.Id,
                AppointmentId = appointment.Id,
                PatientId = appointment.PatientId,
                DoctorProfileId = appointment.DoctorProfileId,
                ClinicLocationId = appointment.ClinicLocationId,
                Status = PrescriptionStatus.Draft,
                CreatedAtUtc = change.NowUtc,
                CreatedByUserId = change.Actor.UserId,
            };
            db.Prescriptions.Add(prescription);
        }

        var chosen = input.Lines.Select((line, index) => (line, index)).Where(x => x.line.MedicineId is not null).ToList();
        var medicines = await MedicineLookup.FindAsync(db, chosen.Select(x => (x.line.IsGlobal, x.line.MedicineId!.Value)), cancellationToken);
        var allergies = await db.Patients.Where(p => p.Id == appointment.PatientId).Select(p => p.Allergies).FirstAsync(cancellationToken);
        var terms = AllergyCheck.Terms(allergies);

        var errors = new Dictionary<string, string>();
        var warnings = new List<LineWarning>();
        var generics = new List<string>();
        db.PrescriptionLines.RemoveRange(prescription.Lines);
        prescription.Lines.Clear();
        foreach (var (line, index) in chosen)
        {
            if (!medicines.TryGetValue((line.IsGlobal, line.MedicineId!.Value), out var medicine))
            {
                errors[ConsultationFields.Line(index, "Medicine")] = "This medicine is not offered in this practice any more. Choose another.";
                continue;
            }

            var warning = AllergyCheck.NextLineWarning(terms, medicine.BrandName, medicine.GenericName, medicine.DrugClass, generics);
            if (warning is not null)
            {
                warnings.Add(new LineWarning(index, warning));
            }

            prescription.Lines.Add(new PrescriptionLine
            {
                Position = prescription.Lines.Count + 1,
                GlobalMedicineId = line.IsGlobal ? medicine.Id : null,
                PracticeMedicineId = line.IsGlobal ? null : medicine.Id,
                BrandName = medicine.BrandName,
                GenericName = medicine.GenericName,
                Strength = medicine.Strength,
                DosageForm = medicine.DosageForm,
                DrugClass = medicine.DrugClass,
                Dose = ConsultationRules.Clean(line.Dose),
                Frequency = ConsultationRules.Clean(line.Frequency),
                Duration = ConsultationRules.Clean(line.Duration),
                Timing = line.Timing,
                Instructions = ConsultationRules.Clean(line.Instructions),
                Quantity = line.Quantity,
                ConfirmedWarning = warning is not null && line.WarningConfirmed ? warning : null,
            });
        }

        return new Written(prescription, warnings, errors);
    }

    public static void CopyNotes(ConsultationInput input, Consultation consultation, DateTime nowUtc)
    {
        consultation.ChiefComplaint = ConsultationRules.Clean(input.ChiefComplaint);
        consultation.Symptoms = ConsultationRules.Clean(input.Symptoms);
        consultation.Findings = ConsultationRules.Clean(input.Findings);
        consultation.Diagnosis = ConsultationRules.Clean(input.Diagnosis);
        consultation.Advice = ConsultationRules.Clean(input.Advice);
        consultation.FollowUpOn = input.FollowUpOn;
        consultation.BloodPressureSystolic = input.BloodPressureSystolic;
        consultation.BloodPressureDiastolic = input.BloodPressureDiastolic;
        consultation.PulsePerMinute = input.PulsePerMinute;
        consultation.TemperatureCelsius = input.TemperatureCelsius;
        consultation.WeightKg = input.WeightKg;
        consultation.SpO2Percent = input.SpO2Percent;
        // When the notes were last written; the draft's version is moved on by the save itself (ConsultationService.NextVersion).
        consultation.UpdatedAtUtc = nowUtc;
    }

    /// <summary>Numbers and freezes the draft; a correction takes over its original's number and supersedes it.</summary>
    public static async Task FinaliseAsync(
        PracticeChange change, Prescription prescription, Consultation consultation, DateOnly today,
        CancellationToken cancellationToken)
    {
        var db = change.Db;
        Prescription? original = null;
        if (prescription.SupersedesPrescriptionId is { } originalId)
        {
            original = await db.Prescriptions.FirstAsync(p => p.Id == originalId, cancellationToken);
            prescription.Number = original.Number;
            original.Status = PrescriptionStatus.Superseded;
            original.StatusChangedAtUtc = change.NowUtc;
            original.SupersededByPrescriptionId = prescription.Id;
        }
        else
        {
            prescription.Number = await BusinessNumbers.NextPrescriptionNumberAsync(db, today, cancellationToken);
        }

        prescription.Status = PrescriptionStatus.Active;
        prescription.Diagnosis = consultation.Diagnosis;
        prescription.Advice = consultation.Advice;
        prescription.FollowUpOn = consultation.FollowUpOn;
        prescription.FinalisedAtUtc = change.NowUtc;
        prescription.FinalisedByUserId = change.Actor.UserId;
        prescription.StatusChangedAtUtc = change.NowUtc;
        foreach (var line in prescription.Lines.Where(l => l.ConfirmedWarning is not null))
        {
            line.WarningConfirmedByUserId = change.Actor.UserId;
            line.WarningConfirmedAtUtc = change.NowUtc;
            change.Audit(AuditActions.PrescriptionWarningConfirmed, nameof(Patient), prescription.PatientId,
                $"{prescription.Number}, line {line.Position} ({line.BrandName}): {line.ConfirmedWarning}");
        }

        await MedicineUsageCounter.RecordAsync(db,
            prescription.Lines.Select(l => (l.GlobalMedicineId is not null, l.GlobalMedicineId ?? l.PracticeMedicineId!.Value)), change.NowUtc, cancellationToken);
        var medicines = string.Join(", ", prescription.Lines.Select(l => $"{l.BrandName} {l.Strength}"));
        change.Audit(original is null ? AuditActions.PrescriptionFinalised : AuditActions.PrescriptionCorrected, nameof(Patient), prescription.PatientId,
            original is null
                ? $"{prescription.Number}: {prescription.Lines.Count} medicine(s) — {medicines}"
                : $"{prescription.Number} version {prescription.VersionNumber} replaces version {original.VersionNumber}: {medicines}");
    }
}
