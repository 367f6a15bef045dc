using MedicalApp.Web.Features.Dental.Observations;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Procedures;

public sealed record DentalPatient(Guid Id, string Name, string Mobile);

public sealed record ProcedureEventRow(DentalProcedureEventKind Kind, DentalProcedureStatus? FromStatus, DentalProcedureStatus? ToStatus,
    DateOnly? FromDate, DateOnly? ToDate, string? Note, DateTime AtUtc);

public sealed record ProcedureRow(
    Guid Id, Guid PatientId, string Code, string Name, IReadOnlyList<int> Teeth, DentalProcedureStatus Status, decimal EstimatedCost, decimal? ActualCost,
    DateOnly? PlannedOn, DateOnly? CompletedOn, string DoctorName, string? Notes, string? CancellationReason, IReadOnlyList<Guid> ObservationIds,
    Guid? TreatmentPlanPhaseId, Guid? ConsultationId, Guid? CompletedInConsultationId, DateTime CreatedAtUtc, int Version, IReadOnlyList<ProcedureEventRow> Events)
{
    public decimal Cost => ActualCost ?? EstimatedCost;
}

/// <summary>An observation as the procedure panel offers it for linking.</summary>
public sealed record FindingRow(
    Guid Id, int Tooth, DentalCondition Condition, ToothSurfaces Surfaces, DentalSeverity? Severity, string? Notes, Guid? ConsultationId,
    DateTime RecordedAtUtc, DateTime? TreatedAtUtc);

public enum ToothHistoryKind
{
    Observation,
    Procedure,
}

/// <summary>One line of a tooth's history: a finding recorded or a procedure (with where it stands now).</summary>
public sealed record ToothHistoryEntry(DateOnly Day, ToothHistoryKind Kind, string Title, string? Detail, string Status);

/// <summary>One visit of the treatment timeline: what was found and what was planned or done that day.</summary>
public sealed record TimelineVisit(DateOnly Day, Guid? ConsultationId, IReadOnlyList<FindingRow> Observations, IReadOnlyList<ProcedureRow> ProceduresPlanned,
    IReadOnlyList<ProcedureRow> ProceduresCompleted);

/// <summary>
/// Reads of a patient's dental treatment for everyone who may view dental records: the procedures with their history,
/// the observations a procedure can treat, one tooth's history and the visit-by-visit timeline. Another practice's
/// patient is simply not found (the tenant filter), and reads never write.
/// </summary>
public sealed class DentalHistoryQueries(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock)
{
    public async Task<DentalPatient?> FindPatientAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new DentalPatient(p.Id, (p.FirstName + " " + p.LastName).Trim(), p.Mobile)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The patient's procedures, newest first, each with its teeth, linked observations and events.</summary>
    public async Task<IReadOnlyList<ProcedureRow>> ProceduresAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return await ProceduresAsync(db, db.DentalProcedures.Where(p => p.PatientId == patientId), cancellationToken);
    }

    public async Task<ProcedureRow?> ProcedureAsync(Guid procedureId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return (await ProceduresAsync(db, db.DentalProcedures.Where(p => p.Id == procedureId), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The patient's observations, newest first (untreated ones are what a new procedure usually treats).</summary>
    public async Task<IReadOnlyList<FindingRow>> ObservationsAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        return await Observations(db).Where(o => o.PatientId == patientId).OrderByDescending(o => o.RecordedAtUtc)
            .Select(o => new FindingRow(o.Id, o.Tooth, o.Condition, o.Surfaces, o.Severity, o.Notes, o.ConsultationId, o.RecordedAtUtc, o.TreatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Everything recorded on one tooth, oldest first: its findings and the procedures on it.</summary>
    public async Task<IReadOnlyList<ToothHistoryEntry>> ToothHistoryAsync(Guid patientId, int tooth, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var observations = await Observations(db).Where(o => o.PatientId == patientId && o.Tooth == tooth).ToListAsync(cancellationToken);
        var onTooth = db.DentalProcedureTeeth.Where(t => t.PatientId == patientId && t.Tooth == tooth).Select(t => t.ProcedureId);
        var procedures = await ProceduresAsync(db, db.DentalProcedures.Where(p => onTooth.Contains(p.Id)), cancellationToken);
        var entries = observations.Select(o => new ToothHistoryEntry(
                DateOnly.FromDateTime(practiceClock.ToLocal(o.RecordedAtUtc)), ToothHistoryKind.Observation, DentalLabels.Condition(o.Condition),
                DentalLabels.Finding(o.Surfaces, o.Severity, o.Notes), o.TreatedAtUtc is null ? (o.TreatmentRequired ? "Needs treatment" : "Noted") : "Treated"))
            .Concat(procedures.Select(p => new ToothHistoryEntry(
                p.CompletedOn ?? p.PlannedOn ?? DateOnly.FromDateTime(practiceClock.ToLocal(p.CreatedAtUtc)), ToothHistoryKind.Procedure,
                $"{p.Name} ({p.Code})", p.Teeth.Count > 1 ? $"With teeth {DentalProcedureRules.DescribeTeeth(p.Teeth.Where(t => t != tooth))}" : p.Notes,
                DentalProcedureRules.Label(p.Status))));
        return [.. entries.OrderBy(e => e.Day).ThenBy(e => e.Kind)];
    }

    /// <summary>
    /// The treatment by visit, newest first: observations by the visit they were recorded at, procedures by the visit
    /// they were planned at and the visit they were completed at. Work outside a visit is grouped by its day.
    /// </summary>
    public async Task<IReadOnlyList<TimelineVisit>> TimelineAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var observations = await Observations(db).Where(o => o.PatientId == patientId)
            .Select(o => new FindingRow(o.Id, o.Tooth, o.Condition, o.Surfaces, o.Severity, o.Notes, o.ConsultationId, o.RecordedAtUtc, o.TreatedAtUtc))
            .ToListAsync(cancellationToken);
        var procedures = await ProceduresAsync(db, db.DentalProcedures.Where(p => p.PatientId == patientId), cancellationToken);
        var visitIds = observations.Select(o => o.ConsultationId).Concat(procedures.Select(p => p.ConsultationId)).Concat(procedures.Select(p => p.CompletedInConsultationId))
            .OfType<Guid>().Distinct().ToList();
        var visitDays = (await db.Consultations.AsNoTracking().Where(c => visitIds.Contains(c.Id)).Select(c => new { c.Id, c.StartedAtUtc }).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => DateOnly.FromDateTime(practiceClock.ToLocal(c.StartedAtUtc)));
        DateOnly DayOf(Guid? visit, DateTime utc) => visit is { } id && visitDays.TryGetValue(id, out var day) ? day : DateOnly.FromDateTime(practiceClock.ToLocal(utc));

        var items = observations.Select(o => (Key: (DayOf(o.ConsultationId, o.RecordedAtUtc), o.ConsultationId), Observation: (FindingRow?)o, Planned: (ProcedureRow?)null, Completed: (ProcedureRow?)null))
            .Concat(procedures.Select(p => (Key: (DayOf(p.ConsultationId, p.CreatedAtUtc), p.ConsultationId), Observation: (FindingRow?)null, Planned: (ProcedureRow?)p, Completed: (ProcedureRow?)null)))
            .Concat(procedures.Where(p => p.Status == DentalProcedureStatus.Completed).Select(p => (
                Key: (p.CompletedInConsultationId is { } v && visitDays.TryGetValue(v, out var d) ? d : p.CompletedOn!.Value, p.CompletedInConsultationId),
                Observation: (FindingRow?)null, Planned: (ProcedureRow?)null, Completed: (ProcedureRow?)p)));
        return [.. items.GroupBy(i => i.Key)
            .Select(g => new TimelineVisit(g.Key.Item1, g.Key.Item2,
                [.. g.Select(i => i.Observation).OfType<FindingRow>().OrderBy(o => o.Tooth)],
                [.. g.Select(i => i.Planned).OfType<ProcedureRow>()],
                [.. g.Select(i => i.Completed).OfType<ProcedureRow>()]))
            .OrderByDescending(v => v.Day).ThenBy(v => v.ConsultationId is null)];
    }

    internal async Task<MedicalDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await actors.RequireAsync(db, PracticePermission.ViewDentalRecords, cancellationToken: cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Doctor profile id → the doctor's name.</summary>
    internal static Task<Dictionary<Guid, string>> DoctorNamesAsync(MedicalDbContext db, List<Guid> ids, CancellationToken cancellationToken) =>
        db.DoctorProfiles.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Membership!.User!.FullName }).ToDictionaryAsync(d => d.Id, d => d.FullName, cancellationToken);

    private static IQueryable<DentalObservation> Observations(MedicalDbContext db) => db.DentalObservations.AsNoTracking();

    /// <summary>The rows of <paramref name="query"/> with teeth, links, events and the doctor's name, newest first.</summary>
    internal static async Task<IReadOnlyList<ProcedureRow>> ProceduresAsync(MedicalDbContext db, IQueryable<DentalProcedure> query, CancellationToken cancellationToken)
    {
        var procedures = await query.AsNoTracking().Include(p => p.Teeth).OrderByDescending(p => p.CreatedAtUtc).ToListAsync(cancellationToken);
        var ids = procedures.Select(p => p.Id).ToList();
        var links = (await db.DentalProcedureObservations.AsNoTracking().Where(j => ids.Contains(j.ProcedureId)).ToListAsync(cancellationToken))
            .ToLookup(j => j.ProcedureId, j => j.ObservationId);
        var events = (await db.DentalProcedureEvents.AsNoTracking().Where(e => ids.Contains(e.ProcedureId)).ToListAsync(cancellationToken))
            .OrderBy(e => e.AtUtc).ToLookup(e => e.ProcedureId);
        var doctors = await DoctorNamesAsync(db, [.. procedures.Select(p => p.DoctorProfileId).Distinct()], cancellationToken);
        return [.. procedures.Select(p => new ProcedureRow(
            p.Id, p.PatientId, p.Code, p.Name, [.. p.Teeth.Select(t => t.Tooth).Order()], p.Status, p.EstimatedCost, p.ActualCost, p.PlannedOn, p.CompletedOn,
            doctors.GetValueOrDefault(p.DoctorProfileId) ?? "", p.Notes, p.CancellationReason, [.. links[p.Id]], p.TreatmentPlanPhaseId, p.ConsultationId,
            p.CompletedInConsultationId, p.CreatedAtUtc, p.Version,
            [.. events[p.Id].Select(e => new ProcedureEventRow(e.Kind, e.FromStatus, e.ToStatus, e.FromDate, e.ToDate, e.Note, e.AtUtc))]))];
    }
}

/// <summary>How dental values read on the treatment pages.</summary>
public static class DentalLabels
{
    public static string Condition(DentalCondition condition) => DentalConditions.Label(condition);

    /// <summary>"M, O/I, D" for a mesio-occluso-distal finding; empty for none.</summary>
    public static string Surfaces(ToothSurfaces surfaces) => DentalConditions.Letters(surfaces);

    /// <summary>"Surfaces M, O/I · moderate · note".</summary>
    public static string? Finding(ToothSurfaces surfaces, DentalSeverity? severity, string? notes)
    {
        string?[] parts =
        [
            surfaces == ToothSurfaces.None ? null : "Surfaces " + Surfaces(surfaces),
            severity?.ToString().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
        ];
        var present = parts.OfType<string>().ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }

    public static string Observation(FindingRow o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return $"{o.Tooth} {Condition(o.Condition)}" + (o.Surfaces == ToothSurfaces.None ? "" : $" ({Surfaces(o.Surfaces)})");
    }
}
