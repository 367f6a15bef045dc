using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Dental.Teeth;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;
using DentalChartRecord = MedicalApp.Data.Entities.DentalChart;

namespace MedicalApp.Web.Features.Dental.Chart;

/// <summary>A tooth as the chart draws it: its state, the conditions recorded on it (untreated first) and the surfaces of its untreated findings.</summary>
public sealed record ToothSummary(int Tooth, ToothState State, IReadOnlyList<DentalCondition> Conditions, ToothSurfaces Surfaces);

/// <summary>
/// A patient's chart: the dentition drawn (chosen by a doctor, else from the age), the version of that choice for the
/// next change, and the state of every tooth that has something recorded.
/// </summary>
public sealed record DentalChartView(
    Guid PatientId, string PatientName, Dentition Dentition, bool IsChosen, int Version, IReadOnlyDictionary<int, ToothSummary> Teeth, bool MayWrite)
{
    public ToothSummary Summary(int tooth) => Teeth.GetValueOrDefault(tooth) ?? new ToothSummary(tooth, ToothState.Normal, [], ToothSurfaces.None);
}

/// <summary>
/// Reads a patient's chart and changes its dentition. The dentition lives in its own versioned <see cref="DentalChartRecord"/>
/// row (receptionists edit <see cref="Patient"/>): created the first time a doctor changes it; until then the age decides.
/// </summary>
public sealed class DentalChartService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    AuditTrail audit,
    TimeProvider clock)
{
    public const string PatientNotFound = "There is no such patient in this practice.";

    private static readonly ChangeRule WriteDental = new(PracticePermission.WriteDentalRecords, "Only doctors write dental records.");

    /// <summary>The chart of a patient of this practice; null when there is none (another practice's id reads as none).</summary>
    public async Task<DentalChartView?> LoadAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ViewDentalRecords, cancellationToken: cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new { p.FirstName, p.LastName, p.DateOfBirth, p.AgeYears, p.AgeRecordedOn })
            .SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var chart = await db.DentalCharts.AsNoTracking().SingleOrDefaultAsync(c => c.PatientId == patientId, cancellationToken);
        var today = (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
        var dentition = chart?.Dentition ?? FdiTeeth.DentitionForAge(Patient.AgeOn(today, patient.DateOfBirth, patient.AgeYears, patient.AgeRecordedOn));
        var teeth = await TeethAsync(db, patientId, cancellationToken);
        return new DentalChartView(patientId, $"{patient.FirstName} {patient.LastName}".Trim(), dentition, chart is not null, chart?.Version ?? 0, teeth, actor.May(PracticePermission.WriteDentalRecords));
    }

    /// <summary>
    /// The chart for the patient's dental page, its opening recorded against the patient (it shows in the "who
    /// accessed this record" report, as opening the patient or a consultation does).
    /// </summary>
    public async Task<DentalChartView?> OpenAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var chart = await LoadAsync(patientId, cancellationToken);
        if (chart is not null && await actors.CurrentAsync(cancellationToken) is { } actor)
        {
            await audit.RecordAsync(actor.Entry(AuditActions.PatientViewed, nameof(Patient), patientId.ToString(),
                $"Opened the dental chart of {chart.PatientName}."), cancellationToken);
        }

        return chart;
    }

    /// <summary>
    /// Saves the dentition drawn for this patient, when the chart is still at <paramref name="version"/> (0: never
    /// chosen). Doctors only; audited.
    /// </summary>
    public Task<ChangeResult<int>> SetDentitionAsync(Guid patientId, Dentition dentition, int version, CancellationToken cancellationToken = default) =>
        changes.RunAsync<int>(WriteDental, async change =>
        {
            if (!Enum.IsDefined(dentition))
            {
                return ChangeResult.Invalid(nameof(Dentition), "Choose permanent, primary or mixed.");
            }

            if (!await change.Db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
            {
                return ChangeResult.NotFound(PatientNotFound);
            }

            var chart = await change.Db.DentalCharts.SingleOrDefaultAsync(c => c.PatientId == patientId, cancellationToken);
            if ((chart?.Version ?? 0) != version)
            {
                return ChangeResult.Stale("dental chart");
            }

            if (chart is null)
            {
                chart = new DentalChartRecord { PatientId = patientId, Dentition = dentition };
                change.Db.DentalCharts.Add(chart);
            }
            else if (chart.Dentition == dentition)
            {
                return ChangeResult.Unchanged();
            }

            var before = chart.Dentition;
            chart.Dentition = dentition;
            chart.UpdatedAtUtc = change.NowUtc;
            chart.UpdatedByUserId = change.Actor.UserId;
            change.Audit(AuditActions.DentalChartChanged, nameof(Patient), patientId,
                change.Db.Entry(chart).State == EntityState.Added ? $"Chart shows the {Word(dentition)} teeth." : $"Chart shows the {Word(dentition)} teeth (was {Word(before)}).");
            var next = change.Db.Entry(chart).State == EntityState.Added ? 1 : chart.Version + 1;
            if (change.Db.Entry(chart).State == EntityState.Added)
            {
                chart.Version = 1;
            }

            return ChangeResult<int>.Done(next, $"The chart shows the {Word(dentition)} teeth.");
        }, cancellationToken);

    /// <summary>The practice's time zone, for the dates the chart's pages show.</summary>
    public async Task<string> TimeZoneIdAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await PracticeClock.ReadAsync(db, clock, cancellationToken)).ZoneId;
    }

    public static string Word(Dentition dentition) => dentition.ToString().ToLowerInvariant();

    /// <summary>The state of every tooth of the patient with an observation or a procedure (other teeth are normal).</summary>
    internal static async Task<IReadOnlyDictionary<int, ToothSummary>> TeethAsync(MedicalDbContext db, Guid patientId, CancellationToken cancellationToken)
    {
        var observations = await db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patientId).ToListAsync(cancellationToken);
        var procedures = await (
            from tooth in db.DentalProcedureTeeth.AsNoTracking()
            join procedure in db.DentalProcedures.AsNoTracking() on tooth.ProcedureId equals procedure.Id
            where tooth.PatientId == patientId
            select new ProcedureOnTooth(tooth.Tooth, procedure.Status)).ToListAsync(cancellationToken);
        var states = ToothStates.OfTeeth(observations, procedures);
        var byTooth = observations.ToLookup(o => o.Tooth);
        return states.ToDictionary(s => s.Key, s => new ToothSummary(s.Key, s.Value,
            [.. byTooth[s.Key].OrderBy(o => o.TreatedAtUtc is not null).ThenByDescending(o => o.RecordedAtUtc).Select(o => o.Condition).Distinct()],
            byTooth[s.Key].Where(o => o.TreatedAtUtc is null).Aggregate(ToothSurfaces.None, (all, o) => all | o.Surfaces)));
    }
}
