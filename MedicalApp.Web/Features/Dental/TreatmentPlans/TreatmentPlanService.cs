using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.TreatmentPlans;

/// <summary>
/// Treatment plans: a doctor drafts one for a patient (title, notes, phases), assigns the patient's procedures to its
/// phases, proposes it, and records the patient's decision (accepted or declined, with how, by whom and when). A plan
/// is edited only as a draft; a proposed plan can be taken back to draft to change it; a decided plan is final (a new
/// proposal is a new plan), so what the patient agreed to stays as it was.
/// </summary>
public sealed class TreatmentPlanService(PracticeChanges changes)
{
    public const string NotFoundMessage = "This treatment plan does not exist in this practice.";

    public const int TitleMaxLength = 200;
    public const int NotesMaxLength = 2000;
    public const int PhaseNameMaxLength = 120;
    public const int DecisionNoteMaxLength = 500;
    public const int MaxPhases = 10;

    private static readonly ChangeRule WriteDental = new(PracticePermission.WriteDentalRecords, "Only doctors can write treatment plans.");

    public static string? TitleError(string? title) => (title?.Trim().Length ?? 0) switch
    {
        0 => "Give the plan a title, e.g. “Full mouth rehabilitation”.",
        > TitleMaxLength => $"Keep the title to {TitleMaxLength} characters.",
        _ => null,
    };

    public static string? PhaseNameError(string? name) => (name?.Trim().Length ?? 0) switch
    {
        0 => "Name the phase, e.g. “Phase 2 — restorations”.",
        > PhaseNameMaxLength => $"Keep the name to {PhaseNameMaxLength} characters.",
        _ => null,
    };

    public Task<ChangeResult<Guid>> CreateAsync(Guid patientId, string? title, string? notes, CancellationToken cancellationToken = default) =>
        changes.RunAsync<Guid>(WriteDental, async change =>
        {
            if (change.Actor.DoctorProfileId is not { } doctorId)
            {
                return ChangeResult.Refused(DentalProcedureService.NoDoctorProfileMessage);
            }

            if (ChangeResult.InvalidIfAny([new("Title", TitleError(title)), new("Notes", NotesError(notes))]) is { } invalid)
            {
                return invalid;
            }

            if (!await change.Db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
            {
                return ChangeResult.NotFound(DentalProcedureService.PatientNotFoundMessage);
            }

            var plan = new TreatmentPlan
            {
                PatientId = patientId, DoctorProfileId = doctorId, Title = title!.Trim(), Notes = DentalProcedureRules.Clean(notes),
                Status = TreatmentPlanStatus.Draft, CreatedAtUtc = change.NowUtc, CreatedByUserId = change.Actor.UserId, UpdatedAtUtc = change.NowUtc,
            };
            plan.Phases.Add(new TreatmentPlanPhase { Position = 1, Name = "Phase 1" });
            change.Db.TreatmentPlans.Add(plan);
            change.Audit(AuditActions.TreatmentPlanCreated, nameof(Patient), patientId, $"Created the treatment plan “{plan.Title}”.");
            return ChangeResult<Guid>.Done(plan.Id, $"Plan “{plan.Title}” created.");
        }, cancellationToken);

    public Task<ChangeResult> AddPhaseAsync(Guid planId, string? name, int? version, CancellationToken cancellationToken = default) =>
        EditDraftAsync(planId, version, async (change, plan) =>
        {
            if (PhaseNameError(name) is { } error)
            {
                return ChangeResult.Invalid("PhaseName", error);
            }

            if (plan.Phases.Count >= MaxPhases)
            {
                return ChangeResult.Refused($"A plan has at most {MaxPhases} phases.");
            }

            var phase = new TreatmentPlanPhase { TreatmentPlanId = plan.Id, Position = plan.Phases.Count + 1, Name = name!.Trim() };
            plan.Phases.Add(phase);
            change.Audit(AuditActions.TreatmentPlanChanged, nameof(Patient), plan.PatientId, $"“{plan.Title}”: added {phase.Name}.");
            return ChangeResult.Done($"{phase.Name} added.");
        }, cancellationToken);

    /// <summary>Puts one of the patient's open procedures into a phase of a draft plan, or (<paramref name="phaseId"/> null) takes it out of <paramref name="planId"/>.</summary>
    public Task<ChangeResult> AssignAsync(Guid planId, Guid procedureId, Guid? phaseId, int? version, CancellationToken cancellationToken = default) =>
        EditDraftAsync(planId, version, async (change, plan) =>
        {
            var procedure = await change.Db.DentalProcedures.FirstOrDefaultAsync(p => p.Id == procedureId && p.PatientId == plan.PatientId, cancellationToken);
            if (procedure is null)
            {
                return ChangeResult.NotFound(DentalProcedureService.NotFoundMessage);
            }

            var planPhaseIds = plan.Phases.Select(p => p.Id).ToList();
            if (phaseId is { } target)
            {
                if (!planPhaseIds.Contains(target))
                {
                    return ChangeResult.NotFound("This phase is not part of the plan.");
                }

                if (procedure.Status == DentalProcedureStatus.Cancelled)
                {
                    return ChangeResult.Refused("A cancelled procedure cannot be put into a plan.");
                }

                if (procedure.TreatmentPlanPhaseId is { } current && !planPhaseIds.Contains(current))
                {
                    return ChangeResult.Refused("This procedure is already part of another treatment plan.");
                }
            }
            else if (procedure.TreatmentPlanPhaseId is not { } current || !planPhaseIds.Contains(current))
            {
                return ChangeResult.Unchanged();
            }

            if (procedure.TreatmentPlanPhaseId == phaseId)
            {
                return ChangeResult.Unchanged();
            }

            procedure.TreatmentPlanPhaseId = phaseId;
            procedure.UpdatedAtUtc = change.NowUtc;
            var phaseName = plan.Phases.FirstOrDefault(p => p.Id == phaseId)?.Name;
            change.Audit(AuditActions.TreatmentPlanChanged, nameof(Patient), plan.PatientId,
                phaseName is null ? $"“{plan.Title}”: took out {procedure.Name}." : $"“{plan.Title}”: {procedure.Name} in {phaseName}.");
            return ChangeResult.Done(phaseName is null ? $"{procedure.Name} taken out of the plan." : $"{procedure.Name} added to {phaseName}.");
        }, cancellationToken);

    /// <summary>Draft → proposed: the plan is ready to be handed over and explained; it needs at least one procedure.</summary>
    public Task<ChangeResult> ProposeAsync(Guid planId, int? version, CancellationToken cancellationToken = default) =>
        EditDraftAsync(planId, version, async (change, plan) =>
        {
            var phaseIds = plan.Phases.Select(p => p.Id).ToList();
            if (!await change.Db.DentalProcedures.AnyAsync(p => p.TreatmentPlanPhaseId != null && phaseIds.Contains(p.TreatmentPlanPhaseId.Value), cancellationToken))
            {
                return ChangeResult.Refused("Add at least one procedure to the plan before proposing it.");
            }

            plan.Status = TreatmentPlanStatus.Proposed;
            change.Audit(AuditActions.TreatmentPlanProposed, nameof(Patient), plan.PatientId, $"Proposed “{plan.Title}”.");
            return ChangeResult.Done($"“{plan.Title}” proposed.");
        }, cancellationToken);

    /// <summary>Proposed → draft, to change it before the patient decides.</summary>
    public Task<ChangeResult> ReopenAsync(Guid planId, int? version, CancellationToken cancellationToken = default) =>
        RunOnPlanAsync(planId, version, TreatmentPlanStatus.Proposed, "Only a proposed plan can be taken back to draft.", (change, plan) =>
        {
            plan.Status = TreatmentPlanStatus.Draft;
            change.Audit(AuditActions.TreatmentPlanChanged, nameof(Patient), plan.PatientId, $"Took “{plan.Title}” back to draft.");
            return Task.FromResult(ChangeResult.Done($"“{plan.Title}” is a draft again."));
        }, cancellationToken);

    /// <summary>Records the patient's decision on a proposed plan: who recorded it, when, and how the patient agreed or refused.</summary>
    public Task<ChangeResult> DecideAsync(Guid planId, bool accepted, string? note, int? version, CancellationToken cancellationToken = default) =>
        RunOnPlanAsync(planId, version, TreatmentPlanStatus.Proposed, "The patient decides on a proposed plan; propose it first.", (change, plan) =>
        {
            var cleaned = DentalProcedureRules.Clean(note);
            if (cleaned is null || cleaned.Length > DecisionNoteMaxLength)
            {
                return Task.FromResult(ChangeResult.Invalid("DecisionNote", cleaned is null
                    ? (accepted ? "Say how the patient agreed, e.g. “signed the printed plan”." : "Say what the patient said, e.g. “will think about the implant”.")
                    : $"Keep the note to {DecisionNoteMaxLength} characters."));
            }

            plan.Status = accepted ? TreatmentPlanStatus.Accepted : TreatmentPlanStatus.Declined;
            plan.DecidedAtUtc = change.NowUtc;
            plan.DecisionRecordedByUserId = change.Actor.UserId;
            plan.DecisionNote = cleaned;
            change.Audit(AuditActions.TreatmentPlanDecided, nameof(Patient), plan.PatientId,
                $"“{plan.Title}” {(accepted ? "accepted" : "declined")} by the patient: {cleaned}");
            return Task.FromResult(ChangeResult.Done($"“{plan.Title}” {(accepted ? "accepted" : "declined")}."));
        }, cancellationToken);

    private static string? NotesError(string? notes) => (notes?.Trim().Length ?? 0) > NotesMaxLength ? $"Keep the notes to {NotesMaxLength} characters." : null;

    private Task<ChangeResult> EditDraftAsync(Guid planId, int? version, Func<PracticeChange, TreatmentPlan, Task<ChangeResult>> edit, CancellationToken cancellationToken) =>
        RunOnPlanAsync(planId, version, TreatmentPlanStatus.Draft, "Only a draft plan can be changed; take it back to draft first.", edit, cancellationToken);

    /// <summary>
    /// Finds the plan with its phases, checks the version and status, runs <paramref name="work"/>, and moves the plan's
    /// version on whatever part of it changed, so a page showing the plan before sees it is stale.
    /// </summary>
    private Task<ChangeResult> RunOnPlanAsync(
        Guid planId, int? version, TreatmentPlanStatus required, string wrongStatus, Func<PracticeChange, TreatmentPlan, Task<ChangeResult>> work,
        CancellationToken cancellationToken) =>
        changes.RunAsync(WriteDental, async change =>
        {
            var plan = await change.Db.TreatmentPlans.Include(p => p.Phases).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(version, plan))
            {
                return ChangeResult.Stale("treatment plan");
            }

            if (plan.Status != required)
            {
                return ChangeResult.Refused(wrongStatus);
            }

            var result = await work(change, plan);
            if (result.Outcome == ChangeOutcome.Done)
            {
                plan.UpdatedAtUtc = change.NowUtc;
                change.Db.Entry(plan).State = EntityState.Modified;
            }

            return result;
        }, cancellationToken);

    internal static decimal Total(IEnumerable<ProcedureRow> procedures) =>
        procedures.Where(p => p.Status != DentalProcedureStatus.Cancelled).Sum(p => p.EstimatedCost);
}
