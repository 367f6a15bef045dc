using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Procedures;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.TreatmentPlans;

public sealed record TreatmentPlanPhaseView(Guid Id, int Position, string Name, IReadOnlyList<ProcedureRow> Procedures)
{
    public decimal Subtotal => TreatmentPlanService.Total(Procedures);
}

public sealed record TreatmentPlanView(
    Guid Id, DentalPatient Patient, string Title, string? Notes, TreatmentPlanStatus Status, string DoctorName, DateTime CreatedAtUtc,
    DateTime? DecidedAtUtc, string? DecisionRecordedBy, string? DecisionNote, int Version, IReadOnlyList<TreatmentPlanPhaseView> Phases,
    IReadOnlyList<ProcedureRow> Assignable)
{
    public decimal Total => Phases.Sum(p => p.Subtotal);
}

public sealed record TreatmentPlanRow(Guid Id, string Title, TreatmentPlanStatus Status, DateTime CreatedAtUtc, decimal Total);

/// <summary>Treatment plans as pages and the PDF read them, for everyone who may view dental records.</summary>
public sealed class TreatmentPlanQueries(DentalHistoryQueries history)
{
    /// <summary>The plan with its phases, their procedures and costs, and the patient's open procedures not in any plan; null when not found.</summary>
    public async Task<TreatmentPlanView?> FindAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        await using var db = await history.OpenAsync(cancellationToken);
        return await FindAsync(db, planId, cancellationToken);
    }

    internal static async Task<TreatmentPlanView?> FindAsync(MedicalDbContext db, Guid planId, CancellationToken cancellationToken)
    {
        var plan = await db.TreatmentPlans.AsNoTracking().Include(p => p.Phases).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == plan.PatientId)
            .Select(p => new DentalPatient(p.Id, (p.FirstName + " " + p.LastName).Trim(), p.Mobile)).FirstAsync(cancellationToken);
        var procedures = await DentalHistoryQueries.ProceduresAsync(db, db.DentalProcedures.Where(p => p.PatientId == plan.PatientId), cancellationToken);
        var names = await db.Users.AsNoTracking().Where(u => u.Id == plan.DecisionRecordedByUserId)
            .Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        var doctor = await db.DoctorProfiles.AsNoTracking().Where(d => d.Id == plan.DoctorProfileId)
            .Select(d => d.Membership!.User!.FullName).FirstOrDefaultAsync(cancellationToken);
        var phases = plan.Phases.OrderBy(p => p.Position)
            .Select(ph => new TreatmentPlanPhaseView(ph.Id, ph.Position, ph.Name,
                [.. procedures.Where(p => p.TreatmentPlanPhaseId == ph.Id).OrderBy(p => p.Teeth.FirstOrDefault()).ThenBy(p => p.CreatedAtUtc)]))
            .ToList();
        var assignable = procedures.Where(p => p.TreatmentPlanPhaseId is null && p.Status != DentalProcedureStatus.Cancelled).ToList();
        return new TreatmentPlanView(plan.Id, patient, plan.Title, plan.Notes, plan.Status, doctor ?? "", plan.CreatedAtUtc, plan.DecidedAtUtc,
            names, plan.DecisionNote, plan.Version, phases, assignable);
    }

    public async Task<IReadOnlyList<TreatmentPlanRow>> ForPatientAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await history.OpenAsync(cancellationToken);
        var plans = await db.TreatmentPlans.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.CreatedAtUtc).ToListAsync(cancellationToken);
        var planIds = plans.Select(p => p.Id).ToList();
        var phases = await db.TreatmentPlanPhases.AsNoTracking().Where(ph => planIds.Contains(ph.TreatmentPlanId)).ToListAsync(cancellationToken);
        var phaseIds = phases.Select(ph => ph.Id).ToList();
        var costs = await db.DentalProcedures.AsNoTracking()
            .Where(p => p.TreatmentPlanPhaseId != null && phaseIds.Contains(p.TreatmentPlanPhaseId.Value) && p.Status != DentalProcedureStatus.Cancelled)
            .Select(p => new { PhaseId = p.TreatmentPlanPhaseId!.Value, p.EstimatedCost }).ToListAsync(cancellationToken);
        var planOfPhase = phases.ToDictionary(ph => ph.Id, ph => ph.TreatmentPlanId);
        return [.. plans.Select(p => new TreatmentPlanRow(p.Id, p.Title, p.Status, p.CreatedAtUtc,
            costs.Where(c => planOfPhase[c.PhaseId] == p.Id).Sum(c => c.EstimatedCost)))];
    }
}
