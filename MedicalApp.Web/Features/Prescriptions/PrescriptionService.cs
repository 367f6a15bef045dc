using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Prescriptions;

/// <summary>
/// What happens to a prescription after it is finalised, by its own doctor only: a correction (a new draft version,
/// written on the visit's consultation page and finalised there; the old version stays readable) or a cancellation
/// with a reason.
/// </summary>
public sealed class PrescriptionService(PracticeChanges changes)
{
    public const string OnlyItsDoctor = "Only the doctor who wrote this prescription can correct or cancel it.";

    private static readonly ChangeRule Rule = new(PracticePermission.WritePrescriptions, OnlyItsDoctor);

    /// <summary>Opens a correction: a draft copy of the active version, which the consultation page edits and finalises.</summary>
    public Task<ChangeResult<Guid>> StartCorrectionAsync(Guid prescriptionId, CancellationToken cancellationToken = default) =>
        changes.RunAsync<Guid>(Rule, async change =>
        {
            var original = await change.Db.Prescriptions.Include(p => p.Lines).FirstOrDefaultAsync(p => p.Id == prescriptionId, cancellationToken);
            if (original is null || original.Status == PrescriptionStatus.Draft)
            {
                return ChangeResult.NotFound("This prescription does not exist in this practice.");
            }

            if (original.DoctorProfileId != change.Actor.DoctorProfileId)
            {
                return ChangeResult.Forbidden(OnlyItsDoctor);
            }

            if (original.Status != PrescriptionStatus.Active)
            {
                return ChangeResult.Refused($"Only an active prescription can be corrected; this one is {PrescriptionQueries.StatusLabel(original.Status).ToLowerInvariant()}.");
            }

            if (await change.Db.Prescriptions.AnyAsync(p => p.SupersedesPrescriptionId == original.Id && p.Status == PrescriptionStatus.Draft, cancellationToken))
            {
                return ChangeResult.Unchanged("A correction is already being written.").With(original.AppointmentId);
            }

            var correction = new Prescription
            {
                ConsultationId = original.ConsultationId, AppointmentId = original.AppointmentId, PatientId = original.PatientId,
                DoctorProfileId = original.DoctorProfileId, ClinicLocationId = original.ClinicLocationId, Status = PrescriptionStatus.Draft,
                VersionNumber = original.VersionNumber + 1, SupersedesPrescriptionId = original.Id, CreatedAtUtc = change.NowUtc,
                CreatedByUserId = change.Actor.UserId,
            };
            foreach (var line in original.Lines.OrderBy(l => l.Position))
            {
                correction.Lines.Add(new PrescriptionLine
                {
                    Position = line.Position, GlobalMedicineId = line.GlobalMedicineId, PracticeMedicineId = line.PracticeMedicineId,
                    BrandName = line.BrandName, GenericName = line.GenericName, Strength = line.Strength, DosageForm = line.DosageForm,
                    DrugClass = line.DrugClass, Dose = line.Dose, Frequency = line.Frequency, Duration = line.Duration, Timing = line.Timing,
                    Instructions = line.Instructions, Quantity = line.Quantity, ConfirmedWarning = line.ConfirmedWarning,
                });
            }

            change.Db.Prescriptions.Add(correction);
            change.SavesOwnDraft();
            return ChangeResult<Guid>.Done(original.AppointmentId, $"Correcting {original.Number}: change it and finalise the correction.");
        }, cancellationToken);

    public Task<ChangeResult> CancelAsync(Guid prescriptionId, string? reason, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Rule, async change =>
        {
            var cleaned = ConsultationRules.Clean(reason);
            if (cleaned is null || cleaned.Length > 500)
            {
                return ChangeResult.Invalid("Reason", cleaned is null ? "Say why the prescription is cancelled." : "The reason can be at most 500 characters.");
            }

            var prescription = await change.Db.Prescriptions.FirstOrDefaultAsync(p => p.Id == prescriptionId, cancellationToken);
            if (prescription is null || prescription.Status == PrescriptionStatus.Draft)
            {
                return ChangeResult.NotFound("This prescription does not exist in this practice.");
            }

            if (prescription.DoctorProfileId != change.Actor.DoctorProfileId)
            {
                return ChangeResult.Forbidden(OnlyItsDoctor);
            }

            if (prescription.Status != PrescriptionStatus.Active)
            {
                return ChangeResult.Refused($"Only an active prescription can be cancelled; this one is {PrescriptionQueries.StatusLabel(prescription.Status).ToLowerInvariant()}.");
            }

            prescription.Status = PrescriptionStatus.Cancelled;
            prescription.CancellationReason = cleaned;
            prescription.StatusChangedAtUtc = change.NowUtc;
            change.Audit(AuditActions.PrescriptionCancelled, nameof(Patient), prescription.PatientId, $"{prescription.Number}: {cleaned}");
            return ChangeResult.Done($"{prescription.Number} cancelled.");
        }, cancellationToken);
}
