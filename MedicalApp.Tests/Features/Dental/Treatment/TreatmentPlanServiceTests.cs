using MedicalApp.Data.Dental;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Printing;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Features.Dental.TreatmentPlans;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Treatment;

/// <summary>
/// Treatment plans and the price list through their services, on both databases: phases and costs, draft → proposed →
/// accepted/declined with the decision recorded, another practice's procedures refused, the printed plan read back.
/// </summary>
public abstract class TreatmentPlanServiceTests(DatabaseFixture fixture)
{
    private static async Task<int> VersionAsync(DentalClinic clinic, Guid planId) =>
        await clinic.Practice.WithContextAsync(db => db.TreatmentPlans.Where(p => p.Id == planId).Select(p => p.Version).SingleAsync());

    [Fact]
    public async Task A_plan_gathers_procedures_in_phases_with_subtotals_and_a_total_then_is_proposed_and_accepted_with_the_decision_recorded()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var rct = await clinic.PlanAsync("D3330", teeth: [36], cost: 7500m);
        var crown = await clinic.PlanAsync("D2740", teeth: [36], cost: 12000m);
        var cleaning = await clinic.PlanAsync("D1110", teeth: [], cost: 1200m);
        var cancelled = await clinic.PlanAsync("D7140", teeth: [18], cost: 1000m);
        var plans = clinic.PlansAs(clinic.Doctor.Member);
        var planId = await ChangeAssert.DoneAsync(plans.CreateAsync(clinic.PatientId, " Save the lower left molar ", null));
        await ChangeAssert.DoneAsync(plans.AddPhaseAsync(planId, "Phase 2 — crown", await VersionAsync(clinic, planId)));
        var phases = (await clinic.PlanQueries.FindAsync(planId))!.Phases;
        Assert.Equal(["Phase 1", "Phase 2 — crown"], phases.Select(p => p.Name));
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, cleaning, phases[0].Id, null));
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, rct, phases[0].Id, null));
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, crown, phases[1].Id, null));
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, cancelled, phases[1].Id, null));
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(cancelled, new DentalProcedureStatusInput { To = DentalProcedureStatus.Cancelled, Reason = "Not needed" }));

        var plan = (await clinic.PlanQueries.FindAsync(planId))!;
        Assert.Equal(("Save the lower left molar", TreatmentPlanStatus.Draft), (plan.Title, plan.Status));
        Assert.Equal([8700m, 12000m], plan.Phases.Select(p => p.Subtotal));
        Assert.Equal(20700m, plan.Total);
        Assert.Empty(plan.Assignable);
        Assert.Equal(20700m, Assert.Single(await clinic.PlanQueries.ForPatientAsync(clinic.PatientId)).Total);

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, plans.DecideAsync(planId, accepted: true, "Signed", null));
        await ChangeAssert.DoneAsync(plans.ProposeAsync(planId, plan.Version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, plans.AddPhaseAsync(planId, "Phase 3", null));
        Assert.Contains("Say how the patient agreed", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, plans.DecideAsync(planId, accepted: true, " ", null))).FieldErrors["DecisionNote"], StringComparison.Ordinal);
        await ChangeAssert.DoneAsync(plans.DecideAsync(planId, accepted: true, "Signed the printed plan", null));

        var decided = await clinic.Practice.WithContextAsync(db => db.TreatmentPlans.AsNoTracking().SingleAsync(p => p.Id == planId));
        Assert.Equal((TreatmentPlanStatus.Accepted, "Signed the printed plan", (Guid?)clinic.Doctor.UserId), (decided.Status, decided.DecisionNote, decided.DecisionRecordedByUserId));
        Assert.NotNull(decided.DecidedAtUtc);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, plans.ReopenAsync(planId, null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, plans.DecideAsync(planId, accepted: false, "Changed mind", null));
        var audit = (await clinic.AuditEventsAsync()).Where(e => e.EntityId == clinic.PatientId.ToString()).Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.TreatmentPlanCreated, audit);
        Assert.Contains(AuditActions.TreatmentPlanProposed, audit);
        Assert.Contains(AuditActions.TreatmentPlanDecided, audit);
    }

    [Fact]
    public async Task An_empty_plan_cannot_be_proposed_a_stale_page_is_refused_and_a_declined_plan_records_why()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var plans = clinic.PlansAs(clinic.Doctor.Member);
        Assert.Contains("Give the plan a title", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, plans.CreateAsync(clinic.PatientId, "", null))).FieldErrors["Title"], StringComparison.Ordinal);
        var planId = await ChangeAssert.DoneAsync(plans.CreateAsync(clinic.PatientId, "Implant", null));
        var seen = await VersionAsync(clinic, planId);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, plans.ProposeAsync(planId, seen));
        var implant = await clinic.PlanAsync("D6010", teeth: [46]);
        var phase = (await clinic.PlanQueries.FindAsync(planId))!.Phases[0].Id;
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, implant, phase, seen));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, plans.ProposeAsync(planId, seen));
        await ChangeAssert.DoneAsync(plans.ProposeAsync(planId, null));
        await ChangeAssert.DoneAsync(plans.ReopenAsync(planId, null));
        await ChangeAssert.DoneAsync(plans.ProposeAsync(planId, null));
        await ChangeAssert.DoneAsync(plans.DecideAsync(planId, accepted: false, "Will think about the implant", null));
        Assert.Equal(TreatmentPlanStatus.Declined, (await clinic.PlanQueries.FindAsync(planId))!.Status);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.PlansAs(clinic.Reception).CreateAsync(clinic.PatientId, "Not mine", null));
    }

    [Fact]
    public async Task Another_practices_plan_patient_and_procedures_are_not_found_here()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var other = await DentalClinic.CreateAsync(fixture);
        var theirProcedure = await other.PlanAsync();
        var theirPlan = await ChangeAssert.DoneAsync(other.PlansAs(other.Doctor.Member).CreateAsync(other.PatientId, "Theirs", null));
        var plans = clinic.PlansAs(clinic.Doctor.Member);
        var planId = await ChangeAssert.DoneAsync(plans.CreateAsync(clinic.PatientId, "Ours", null));
        var phase = (await clinic.PlanQueries.FindAsync(planId))!.Phases[0].Id;

        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, plans.CreateAsync(other.PatientId, "Stolen", null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, plans.AssignAsync(planId, theirProcedure, phase, null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, plans.AddPhaseAsync(theirPlan, "Mine now", null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, plans.ProposeAsync(theirPlan, null));
        Assert.Null(await clinic.PlanQueries.FindAsync(theirPlan));
        Assert.Null(await clinic.Practice.As(clinic.Reception).Get<TreatmentPlanPrinting>().RenderPdfAsync(theirPlan));
        Assert.Null((await other.ProcedureAsync(theirProcedure)).TreatmentPlanPhaseId);
    }

    [Fact]
    public async Task The_printed_plan_has_the_letterhead_patient_phases_costs_total_and_acceptance_lines_and_is_audited()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var rct = await clinic.PlanAsync("D3330", teeth: [36], cost: 7500m);
        var crown = await clinic.PlanAsync("D2740", teeth: [36], cost: 12000m);
        var plans = clinic.PlansAs(clinic.Doctor.Member);
        var planId = await ChangeAssert.DoneAsync(plans.CreateAsync(clinic.PatientId, "Save the molar", "Crown after the root canal settles."));
        await ChangeAssert.DoneAsync(plans.AddPhaseAsync(planId, "Phase 2 — crown", null));
        var phases = (await clinic.PlanQueries.FindAsync(planId))!.Phases;
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, rct, phases[0].Id, null));
        await ChangeAssert.DoneAsync(plans.AssignAsync(planId, crown, phases[1].Id, null));

        var printed = await clinic.Practice.As(clinic.Reception).Get<TreatmentPlanPrinting>().RenderPdfAsync(planId);

        Assert.NotNull(printed);
        using var pdf = new PdfReadBack(printed.Pdf);
        var text = string.Join("\n", pdf.PageTexts());
        foreach (var expected in new[]
        {
            $"Practice {clinic.Practice.Slug}", clinic.Doctor.Name, "Anita Rao", "Treatment plan: Save the molar", "Crown after the root canal settles.",
            "Phase 1", "Phase 2 — crown", "Root canal treatment, molar (D3330)", "Crown, all-ceramic (zirconia) (D2740)", "₹7,500", "₹12,000", "₹19,500",
            "Total estimate", "Patient (or guardian) signature", "Witness",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var audit = Assert.Single(await clinic.AuditEventsAsync(), e => e.Action == AuditActions.TreatmentPlanPrinted);
        Assert.Equal((nameof(Patient), clinic.PatientId.ToString(), clinic.Reception.UserId), (audit.EntityType, audit.EntityId, audit.UserId));

        // Once decided, the decision replaces the lines to sign.
        await ChangeAssert.DoneAsync(plans.ProposeAsync(planId, null));
        await ChangeAssert.DoneAsync(plans.DecideAsync(planId, accepted: true, "Signed at the desk", null));
        using var decided = new PdfReadBack((await clinic.Practice.As(clinic.Doctor.Member).Get<TreatmentPlanPrinting>().RenderPdfAsync(planId))!.Pdf);
        var decidedText = string.Join("\n", decided.PageTexts());
        Assert.Contains("Signed at the desk", decidedText, StringComparison.Ordinal);
        Assert.DoesNotContain("Witness", decidedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_set_and_reset_the_practices_prices_and_nobody_else_does()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var prices = clinic.PricesAs(clinic.Admin);
        var defaultPrice = DentalProcedureCatalogue.Find("D1110")!.DefaultPrice;

        Assert.Equal("A price cannot be negative.", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, prices.SetPriceAsync("D1110", -5m, null))).FieldErrors["Price"]);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, prices.SetPriceAsync("X1", 5m, null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.PricesAs(clinic.Doctor.Member).SetPriceAsync("D1110", 1500m, null));
        await ChangeAssert.DoneAsync(prices.SetPriceAsync("D1110", 1500m, null));
        var row = (await prices.ListAsync()).Single(p => p.Code == "D1110");
        Assert.Equal((1500m, defaultPrice, 1500m), (row.Price, row.DefaultPrice, row.OwnPrice!.Value));
        Assert.Equal(1500m, (await clinic.ProcedureAsync(await clinic.PlanAsync("D1110", teeth: []))).EstimatedCost);

        // Two administrators on the same list: the second save over a price they did not see is refused.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, prices.SetPriceAsync("D1110", 1600m, null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, prices.SetPriceAsync("D1110", 1600m, row.OwnPriceVersion + 1));
        await ChangeAssert.DoneAsync(prices.SetPriceAsync("D1110", 1600m, row.OwnPriceVersion));
        var changed = (await prices.ListAsync()).Single(p => p.Code == "D1110");
        await ChangeAssert.DoneAsync(prices.ResetAsync("D1110", changed.OwnPriceVersion!.Value));
        Assert.Equal((defaultPrice, (decimal?)null), (await prices.ListAsync()).Where(p => p.Code == "D1110").Select(p => (p.Price, p.OwnPrice)).Single());
        Assert.Equal(3, (await clinic.AuditEventsAsync()).Count(e => e.Action == AuditActions.DentalPriceChanged));
    }
}

public sealed class SqliteTreatmentPlanServiceTests(SqliteDatabaseFixture fixture)
    : TreatmentPlanServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresTreatmentPlanServiceTests(PostgresDatabaseFixture fixture)
    : TreatmentPlanServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
