using MedicalApp.Data;
using MedicalApp.Data.Dental;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Dental.Prices;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Procedures;

/// <summary>
/// Dental procedures of a patient: planning one (from the chart's selection, in a visit or from the patient's page),
/// moving it through its statuses (<see cref="DentalProcedureRules"/>) and giving it a new date. Every status change and
/// every new date is a <see cref="DentalProcedureEvent"/>, so the history is kept; completing marks exactly the
/// observations it treats as treated, in the same transaction. Only doctors (WriteDentalRecords) write.
/// </summary>
public sealed class DentalProcedureService(PracticeChanges changes, TimeProvider clock)
{
    public const string NotFoundMessage = "This procedure does not exist in this practice.";

    public const string PatientNotFoundMessage = "This patient does not exist in this practice.";

    public const string NoDoctorProfileMessage = "Only a doctor with an active doctor profile can plan procedures.";

    private static readonly ChangeRule WriteDental = new(
        PracticePermission.WriteDentalRecords, "Only doctors can plan and carry out dental procedures.");

    /// <summary>Plans a procedure for <paramref name="patientId"/>, in the visit <paramref name="consultationId"/> when given.</summary>
    public Task<ChangeResult<Guid>> CreateAsync(
        Guid patientId, Guid? consultationId, DentalProcedureInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync<Guid>(WriteDental, async change =>
        {
            if (change.Actor.DoctorProfileId is not { } doctorId)
            {
                return ChangeResult.Refused(NoDoctorProfileMessage);
            }

            if (DentalProcedureRules.Check(input) is { } invalid)
            {
                return invalid;
            }

            var db = change.Db;
            if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
            {
                return ChangeResult.NotFound(PatientNotFoundMessage);
            }

            if (consultationId is { } visit && !await db.Consultations.AnyAsync(c => c.Id == visit && c.PatientId == patientId, cancellationToken))
            {
                return ChangeResult.NotFound("This visit is not one of this patient's.");
            }

            var observationIds = input.ObservationIds.Distinct().ToList();
            var found = await db.DentalObservations.Where(o => observationIds.Contains(o.Id) && o.PatientId == patientId)
                .Select(o => o.Id).CountAsync(cancellationToken);
            if (found != observationIds.Count)
            {
                // Another patient's finding (or another practice's id) must never be marked treated by this procedure.
                return ChangeResult.Invalid(nameof(DentalProcedureInput.ObservationIds), "Choose observations of this patient only.");
            }

            var catalogue = DentalProcedureCatalogue.Find(input.Code);
            var procedure = new DentalProcedure
            {
                PatientId = patientId,
                DoctorProfileId = doctorId,
                ConsultationId = consultationId,
                Code = catalogue?.Code ?? DentalProcedureCatalogue.CustomCode,
                Name = catalogue?.Name ?? input.CustomName!.Trim(),
                EstimatedCost = input.EstimatedCost ?? await DentalPriceService.PriceOfAsync(db, input.Code!, cancellationToken),
                PlannedOn = input.PlannedOn,
                Status = DentalProcedureStatus.Planned,
                Notes = DentalProcedureRules.Clean(input.Notes),
                CreatedAtUtc = change.NowUtc,
                CreatedByUserId = change.Actor.UserId,
                UpdatedAtUtc = change.NowUtc,
            };
            foreach (var tooth in input.Teeth.Distinct().Order())
            {
                procedure.Teeth.Add(new DentalProcedureTooth { PatientId = patientId, Tooth = tooth });
            }

            db.DentalProcedures.Add(procedure);
            db.DentalProcedureObservations.AddRange(observationIds.Select(o => new DentalProcedureObservation { ProcedureId = procedure.Id, ObservationId = o }));
            db.DentalProcedureEvents.Add(Event(change, procedure.Id, DentalProcedureEventKind.Created, toStatus: DentalProcedureStatus.Planned, toDate: procedure.PlannedOn));
            change.Audit(AuditActions.DentalProcedurePlanned, nameof(Patient), patientId,
                $"Planned {procedure.Code} {procedure.Name} ({DentalProcedureRules.DescribeTeeth(procedure.Teeth.Select(t => t.Tooth))}), estimate {DoctorPages.Rupees(procedure.EstimatedCost)}" +
                (observationIds.Count > 0 ? $", treating {observationIds.Count} observation{(observationIds.Count == 1 ? "" : "s")}." : "."));
            return ChangeResult<Guid>.Done(procedure.Id, $"{procedure.Name} planned.");
        }, cancellationToken);
    }

    /// <summary>Moves a procedure to another status (see <see cref="DentalProcedureRules.NextStatuses"/>).</summary>
    public Task<ChangeResult> ChangeStatusAsync(Guid procedureId, DentalProcedureStatusInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(WriteDental, async change =>
        {
            var db = change.Db;
            var procedure = await db.DentalProcedures.FirstOrDefaultAsync(p => p.Id == procedureId, cancellationToken);
            if (procedure is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(input.Version, procedure))
            {
                return ChangeResult.Stale("procedure");
            }

            var from = procedure.Status;
            if (from == input.To)
            {
                return ChangeResult.Unchanged();
            }

            if (!DentalProcedureRules.MayMove(from, input.To))
            {
                return ChangeResult.Refused(DentalProcedureRules.IsFinal(from)
                    ? $"This procedure is {DentalProcedureRules.Label(from).ToLowerInvariant()}: that is final. Plan a new procedure instead."
                    : $"A {DentalProcedureRules.Label(from).ToLowerInvariant()} procedure cannot become {DentalProcedureRules.Label(input.To).ToLowerInvariant()}.");
            }

            string? note = null;
            switch (input.To)
            {
                case DentalProcedureStatus.Scheduled when procedure.PlannedOn is null:
                    return ChangeResult.Refused("Give the procedure a planned date before scheduling it.");
                case DentalProcedureStatus.Cancelled:
                    note = DentalProcedureRules.Clean(input.Reason);
                    if (note is null || note.Length > DentalProcedureRules.ReasonMaxLength)
                    {
                        return ChangeResult.Invalid(nameof(DentalProcedureStatusInput.Reason), note is null
                            ? "Say why the procedure is cancelled." : $"Keep the reason to {DentalProcedureRules.ReasonMaxLength} characters.");
                    }

                    procedure.CancellationReason = note;
                    break;
                case DentalProcedureStatus.Completed:
                    if (await CompleteAsync(change, procedure, input, cancellationToken) is { } refusal)
                    {
                        return refusal;
                    }

                    break;
            }

            procedure.Status = input.To;
            procedure.UpdatedAtUtc = change.NowUtc;
            db.DentalProcedureEvents.Add(Event(change, procedure.Id, DentalProcedureEventKind.StatusChanged, from, input.To, note: note));
            change.Audit(AuditActions.DentalProcedureStatusChanged, nameof(Patient), procedure.PatientId,
                $"{procedure.Code} {procedure.Name}: {DentalProcedureRules.Label(from)} → {DentalProcedureRules.Label(input.To)}" + (note is null ? "." : $" ({note})."));
            return ChangeResult.Done($"{procedure.Name}: {DentalProcedureRules.Label(input.To).ToLowerInvariant()}.");
        }, cancellationToken);
    }

    /// <summary>A new planned date (or none) for an open procedure; the old date stays in its history.</summary>
    public Task<ChangeResult> RescheduleAsync(Guid procedureId, DateOnly? plannedOn, int? version, string? note = null, CancellationToken cancellationToken = default) =>
        changes.RunAsync(WriteDental, async change =>
        {
            var procedure = await change.Db.DentalProcedures.FirstOrDefaultAsync(p => p.Id == procedureId, cancellationToken);
            if (procedure is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(version, procedure))
            {
                return ChangeResult.Stale("procedure");
            }

            if (DentalProcedureRules.IsFinal(procedure.Status))
            {
                return ChangeResult.Refused($"This procedure is {DentalProcedureRules.Label(procedure.Status).ToLowerInvariant()}; its date cannot change.");
            }

            if (procedure.Status == DentalProcedureStatus.Scheduled && plannedOn is null)
            {
                return ChangeResult.Invalid("PlannedOn", "A scheduled procedure needs a date.");
            }

            var cleaned = DentalProcedureRules.Clean(note);
            if (cleaned is { Length: > DentalProcedureRules.ReasonMaxLength })
            {
                return ChangeResult.Invalid("Note", $"Keep the note to {DentalProcedureRules.ReasonMaxLength} characters.");
            }

            if (procedure.PlannedOn == plannedOn)
            {
                return ChangeResult.Unchanged();
            }

            var before = procedure.PlannedOn;
            procedure.PlannedOn = plannedOn;
            procedure.UpdatedAtUtc = change.NowUtc;
            change.Db.DentalProcedureEvents.Add(Event(change, procedure.Id, DentalProcedureEventKind.Rescheduled, fromDate: before, toDate: plannedOn, note: cleaned));
            change.Audit(AuditActions.DentalProcedureRescheduled, nameof(Patient), procedure.PatientId,
                $"{procedure.Code} {procedure.Name}: {Day(before)} → {Day(plannedOn)}.");
            return ChangeResult.Done($"{procedure.Name} moved to {Day(plannedOn)}.");
        }, cancellationToken);

    /// <summary>
    /// Sets what completion needs (the check constraint ties <see cref="DentalProcedure.CompletedOn"/> to the status) and
    /// marks the linked observations, and only those, treated.
    /// </summary>
    private async Task<ChangeResult?> CompleteAsync(PracticeChange change, DentalProcedure procedure, DentalProcedureStatusInput input, CancellationToken cancellationToken)
    {
        if (DentalProcedureRules.CostError(input.ActualCost) is { } costError)
        {
            return ChangeResult.Invalid(nameof(DentalProcedureStatusInput.ActualCost), costError);
        }

        var db = change.Db;
        if (input.ConsultationId is { } visit
            && !await db.Consultations.AnyAsync(c => c.Id == visit && c.PatientId == procedure.PatientId, cancellationToken))
        {
            return ChangeResult.NotFound("This visit is not one of this patient's.");
        }

        var today = (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
        if (input.CompletedOn is { } day && day > today)
        {
            return ChangeResult.Invalid(nameof(DentalProcedureStatusInput.CompletedOn), "A procedure cannot be completed on a day still to come.");
        }

        procedure.CompletedOn = input.CompletedOn ?? today;
        procedure.CompletedInConsultationId = input.ConsultationId;
        procedure.ActualCost = input.ActualCost ?? procedure.ActualCost;
        var linked = db.DentalProcedureObservations.Where(j => j.ProcedureId == procedure.Id).Select(j => j.ObservationId);
        var observations = await db.DentalObservations.Where(o => linked.Contains(o.Id) && o.TreatedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var observation in observations)
        {
            observation.TreatedAtUtc = change.NowUtc;
            observation.UpdatedAtUtc = change.NowUtc;
        }

        return null;
    }

    private static DentalProcedureEvent Event(
        PracticeChange change, Guid procedureId, DentalProcedureEventKind kind, DentalProcedureStatus? fromStatus = null, DentalProcedureStatus? toStatus = null,
        DateOnly? fromDate = null, DateOnly? toDate = null, string? note = null) => new()
        {
            ProcedureId = procedureId, Kind = kind, FromStatus = fromStatus, ToStatus = toStatus, FromDate = fromDate, ToDate = toDate, Note = note,
            AtUtc = change.NowUtc, ByUserId = change.Actor.UserId,
        };

    private static string Day(DateOnly? day) => day?.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "no date";
}
