using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.Teeth;

/// <summary>What the chart colours a tooth by, in the order of <see cref="ToothStates.Of"/>'s precedence.</summary>
public enum ToothState
{
    Normal,
    Completed,
    Planned,
    Issue,
    InProgress,
    Missing,
}

/// <summary>A procedure's status on one of its teeth (a <see cref="DentalProcedureTooth"/> row with its procedure's status).</summary>
public sealed record ProcedureOnTooth(int Tooth, DentalProcedureStatus Status);

/// <summary>
/// One function decides a tooth's state from its observations and procedures. Precedence, highest first:
/// <list type="number">
/// <item>Missing: an untreated observation that the tooth is missing (what is there to treat is settled first).</item>
/// <item>In progress: a procedure on it is in progress (work started must be finished: it is what today's visit needs).</item>
/// <item>Issue: an untreated observation needing treatment, and no procedure planned or scheduled for the tooth yet
/// (a finding nobody has planned for is what the doctor must not miss).</item>
/// <item>Planned: a procedure planned or scheduled on it.</item>
/// <item>Completed: a completed procedure, or observations all treated.</item>
/// <item>Normal: nothing of the above. A finding recorded as needing no treatment (mild attrition) leaves the tooth
/// normal; it is still named in the tooth's label and in the observations panel.</item>
/// </list>
/// Cancelled procedures count for nothing.
/// </summary>
public static class ToothStates
{
    public static ToothState Of(IEnumerable<DentalObservation> observations, IEnumerable<ProcedureOnTooth> procedures)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(procedures);
        var findings = observations.ToList();
        var statuses = procedures.Select(p => p.Status).Where(s => s != DentalProcedureStatus.Cancelled).ToList();
        var untreated = findings.Where(o => o.TreatedAtUtc is null).ToList();
        var planned = statuses.Any(s => s is DentalProcedureStatus.Planned or DentalProcedureStatus.Scheduled);

        if (untreated.Any(o => o.Condition == DentalCondition.Missing))
        {
            return ToothState.Missing;
        }

        if (statuses.Contains(DentalProcedureStatus.InProgress))
        {
            return ToothState.InProgress;
        }

        if (!planned && untreated.Any(o => o.TreatmentRequired))
        {
            return ToothState.Issue;
        }

        if (planned)
        {
            return ToothState.Planned;
        }

        return statuses.Contains(DentalProcedureStatus.Completed) || findings.Any(o => o.TreatedAtUtc is not null)
            ? ToothState.Completed
            : ToothState.Normal;
    }

    /// <summary>Every tooth that has observations or procedures, with its state; teeth not in it are normal.</summary>
    public static IReadOnlyDictionary<int, ToothState> OfTeeth(IEnumerable<DentalObservation> observations, IEnumerable<ProcedureOnTooth> procedures)
    {
        var byTooth = observations.ToLookup(o => o.Tooth);
        var proceduresByTooth = procedures.ToLookup(p => p.Tooth);
        return byTooth.Select(g => g.Key).Union(proceduresByTooth.Select(g => g.Key))
            .ToDictionary(tooth => tooth, tooth => Of(byTooth[tooth], proceduresByTooth[tooth]));
    }

    /// <summary>The word for a state, shown in the legend and read in each tooth's name.</summary>
    public static string Label(ToothState state) => state switch
    {
        ToothState.Normal => "normal",
        ToothState.Completed => "completed",
        ToothState.Planned => "planned",
        ToothState.Issue => "issue",
        ToothState.InProgress => "in progress",
        ToothState.Missing => "missing",
        _ => state.ToString(),
    };
}
