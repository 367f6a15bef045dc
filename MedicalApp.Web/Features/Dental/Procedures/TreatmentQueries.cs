using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Procedures;

/// <summary>What the treatments list is filtered by; every part is optional.</summary>
public sealed record TreatmentFilter
{
    public Guid? DoctorProfileId { get; init; }

    /// <summary>Null: every open procedure (planned, scheduled, in progress).</summary>
    public DentalProcedureStatus? Status { get; init; }

    /// <summary>Planned (or completed) on or after this day.</summary>
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Only procedures on this tooth (FDI).</summary>
    public int? Tooth { get; init; }

    /// <summary>Only procedures treating an observation of this condition.</summary>
    public DentalCondition? Condition { get; init; }

    /// <summary>Part of the patient's name or mobile number.</summary>
    public string? Patient { get; init; }
}

/// <summary>A patient in treatment: how many of the matching procedures are planned (or scheduled) and in progress.</summary>
public sealed record PatientInTreatment(
    Guid PatientId, string Name, string Mobile, int Planned, int InProgress, int Completed, DateOnly? NextPlannedOn, IReadOnlyList<string> Procedures,
    IReadOnlyList<string> Doctors);

public sealed record TreatmentList(IReadOnlyList<PatientInTreatment> Patients, int Planned, int InProgress);

/// <summary>A procedure on a doctor's day.</summary>
public sealed record TodaysProcedure(Guid Id, Guid PatientId, string PatientName, string Name, IReadOnlyList<int> Teeth, DentalProcedureStatus Status);

public sealed record DoctorChoice(Guid Id, string Name);

/// <summary>The practice-wide treatment lists: patients in treatment (the /treatments page) and a doctor's procedures today.</summary>
public sealed class TreatmentQueries(DentalHistoryQueries history, PracticeActors actors, TimeProvider clock)
{
    private static readonly DentalProcedureStatus[] Open = [DentalProcedureStatus.Planned, DentalProcedureStatus.Scheduled, DentalProcedureStatus.InProgress];

    public async Task<TreatmentList> PatientsInTreatmentAsync(TreatmentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await history.OpenAsync(cancellationToken);
        var query = db.DentalProcedures.AsNoTracking();
        query = filter.Status is { } status ? query.Where(p => p.Status == status) : query.Where(p => Open.Contains(p.Status));
        if (filter.DoctorProfileId is { } doctor)
        {
            query = query.Where(p => p.DoctorProfileId == doctor);
        }

        if (filter.From is { } from)
        {
            query = query.Where(p => (p.CompletedOn ?? p.PlannedOn) >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(p => (p.CompletedOn ?? p.PlannedOn) <= to);
        }

        if (filter.Tooth is { } tooth)
        {
            query = query.Where(p => db.DentalProcedureTeeth.Any(t => t.ProcedureId == p.Id && t.Tooth == tooth));
        }

        if (filter.Condition is { } condition)
        {
            var treating = db.DentalProcedureObservations
                .Where(j => db.DentalObservations.Any(o => o.Id == j.ObservationId && o.Condition == condition))
                .Select(j => j.ProcedureId);
            query = query.Where(p => treating.Contains(p.Id));
        }

        if (!string.IsNullOrWhiteSpace(filter.Patient))
        {
            var term = filter.Patient.Trim().ToLowerInvariant();
            var matching = db.Patients.Where(p => p.SearchName.Contains(term) || p.Mobile.Contains(term)).Select(p => p.Id);
            query = query.Where(p => matching.Contains(p.PatientId));
        }

        var procedures = await query.Select(p => new { p.PatientId, p.Name, p.Status, p.PlannedOn, p.DoctorProfileId }).Take(5000).ToListAsync(cancellationToken);
        var patientIds = procedures.Select(p => p.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = (p.FirstName + " " + p.LastName).Trim(), p.Mobile }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var doctorIds = procedures.Select(p => p.DoctorProfileId).Distinct().ToList();
        var doctors = await DentalHistoryQueries.DoctorNamesAsync(db, doctorIds, cancellationToken);
        var rows = procedures.GroupBy(p => p.PatientId)
            .Select(g => new PatientInTreatment(
                g.Key, patients[g.Key].Name, patients[g.Key].Mobile,
                g.Count(p => p.Status is DentalProcedureStatus.Planned or DentalProcedureStatus.Scheduled),
                g.Count(p => p.Status == DentalProcedureStatus.InProgress),
                g.Count(p => p.Status == DentalProcedureStatus.Completed),
                g.Where(p => !DentalProcedureRules.IsFinal(p.Status)).Min(p => p.PlannedOn),
                [.. g.Select(p => p.Name).Distinct().Order()],
                [.. g.Select(p => doctors.GetValueOrDefault(p.DoctorProfileId) ?? "").Distinct().Order()]))
            .OrderBy(r => r.NextPlannedOn ?? DateOnly.MaxValue).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new TreatmentList(rows, rows.Sum(r => r.Planned), rows.Sum(r => r.InProgress));
    }

    /// <summary>The practice's dental doctors (with procedures or a dental profile), for the doctor filter.</summary>
    public async Task<IReadOnlyList<DoctorChoice>> DoctorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await history.OpenAsync(cancellationToken);
        var ids = await db.DoctorProfiles.AsNoTracking().Where(d => d.IsActive).Select(d => d.Id).ToListAsync(cancellationToken);
        var names = await DentalHistoryQueries.DoctorNamesAsync(db, ids, cancellationToken);
        return [.. names.Select(n => new DoctorChoice(n.Key, n.Value)).OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The signed-in doctor's open procedures planned for today in the practice; empty for a member who is no doctor.</summary>
    public async Task<IReadOnlyList<TodaysProcedure>> TodayForMeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await history.OpenAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { DoctorProfileId: { } doctorId })
        {
            return [];
        }

        var today = (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
        var procedures = await db.DentalProcedures.AsNoTracking().Include(p => p.Teeth)
            .Where(p => p.DoctorProfileId == doctorId && p.PlannedOn == today && Open.Contains(p.Status))
            .OrderBy(p => p.CreatedAtUtc).ToListAsync(cancellationToken);
        var patientIds = procedures.Select(p => p.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = (p.FirstName + " " + p.LastName).Trim() }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. procedures.Select(p => new TodaysProcedure(p.Id, p.PatientId, patients[p.PatientId], p.Name, [.. p.Teeth.Select(t => t.Tooth).Order()], p.Status))];
    }
}
