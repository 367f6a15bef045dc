using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Teeth;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>The one function that colours a tooth, and its precedence: missing, in progress, issue, planned, completed, normal.</summary>
public sealed class ToothStatesTests
{
    private static readonly DateTime Treated = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DentalObservation Finding(DentalCondition condition, bool treatmentRequired = true, DateTime? treatedAt = null) =>
        new() { Tooth = 16, Condition = condition, TreatmentRequired = treatmentRequired, TreatedAtUtc = treatedAt };

    private static ProcedureOnTooth Procedure(DentalProcedureStatus status) => new(16, status);

    [Fact]
    public void A_tooth_with_nothing_recorded_is_normal() => Assert.Equal(ToothState.Normal, ToothStates.Of([], []));

    [Fact]
    public void An_untreated_finding_needing_treatment_is_an_issue_until_a_procedure_is_planned() =>
        Assert.Equal(ToothState.Issue, ToothStates.Of([Finding(DentalCondition.Caries)], []));

    [Fact]
    public void A_planned_or_scheduled_procedure_makes_it_planned_even_with_the_finding_open()
    {
        Assert.Equal(ToothState.Planned, ToothStates.Of([Finding(DentalCondition.Caries)], [Procedure(DentalProcedureStatus.Planned)]));
        Assert.Equal(ToothState.Planned, ToothStates.Of([], [Procedure(DentalProcedureStatus.Scheduled)]));
    }

    [Fact]
    public void Work_in_progress_comes_before_an_issue_and_a_plan() =>
        Assert.Equal(ToothState.InProgress, ToothStates.Of(
            [Finding(DentalCondition.Caries), Finding(DentalCondition.Fracture)],
            [Procedure(DentalProcedureStatus.Planned), Procedure(DentalProcedureStatus.InProgress)]));

    [Fact]
    public void A_missing_tooth_is_missing_whatever_else_is_recorded() =>
        Assert.Equal(ToothState.Missing, ToothStates.Of(
            [Finding(DentalCondition.Missing), Finding(DentalCondition.Caries)], [Procedure(DentalProcedureStatus.InProgress)]));

    [Fact]
    public void Completed_when_the_work_is_done_and_cancelled_procedures_count_for_nothing()
    {
        Assert.Equal(ToothState.Completed, ToothStates.Of([Finding(DentalCondition.Caries, treatedAt: Treated)], [Procedure(DentalProcedureStatus.Completed)]));
        Assert.Equal(ToothState.Completed, ToothStates.Of([Finding(DentalCondition.Missing, treatedAt: Treated)], []));
        Assert.Equal(ToothState.Normal, ToothStates.Of([], [Procedure(DentalProcedureStatus.Cancelled)]));
        Assert.Equal(ToothState.Issue, ToothStates.Of([Finding(DentalCondition.Caries)], [Procedure(DentalProcedureStatus.Cancelled), Procedure(DentalProcedureStatus.Completed)]));
    }

    [Fact]
    public void A_finding_that_needs_no_treatment_leaves_the_tooth_normal() =>
        Assert.Equal(ToothState.Normal, ToothStates.Of([Finding(DentalCondition.Attrition, treatmentRequired: false)], []));

    [Fact]
    public void Every_tooth_with_a_record_gets_its_own_state()
    {
        var states = ToothStates.OfTeeth(
            [new DentalObservation { Tooth = 16, Condition = DentalCondition.Caries, TreatmentRequired = true }],
            [new ProcedureOnTooth(26, DentalProcedureStatus.InProgress), new ProcedureOnTooth(36, DentalProcedureStatus.Completed)]);
        Assert.Equal(new Dictionary<int, ToothState> { [16] = ToothState.Issue, [26] = ToothState.InProgress, [36] = ToothState.Completed }, states);
    }
}
