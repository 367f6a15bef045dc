using MedicalApp.Data.Dental;
using MedicalApp.Web.Features.Dental.Teeth;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Treatment;

/// <summary>
/// Dental procedures through their service, on both databases: planning (codes, custom names, FDI teeth, the patient's
/// own observations, the estimate from the price list), the forward-only status machine with its history, completion
/// marking exactly the linked observations treated, rescheduling, rights, stale pages and another practice's ids.
/// </summary>
public abstract class DentalProcedureServiceTests(DatabaseFixture fixture)
{
    private static DentalProcedureStatusInput To(DentalProcedureStatus status, int? version = null, string? reason = null, Guid? consultationId = null) =>
        new() { To = status, Version = version, Reason = reason, ConsultationId = consultationId };

    [Fact]
    public void The_catalogue_has_at_least_40_unique_codes_in_every_category_with_prices_and_no_custom_entry()
    {
        var all = DentalProcedureCatalogue.All;
        Assert.True(all.Count >= 40, $"Only {all.Count} procedures.");
        Assert.Equal(all.Count, all.Select(p => p.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, p => Assert.True(p.DefaultPrice > 0 && p.Name.Length > 0, p.Code));
        Assert.Equal(Enum.GetValues<DentalProcedureCategory>().Order(), all.Select(p => p.Category).Distinct().Order());
        Assert.Null(DentalProcedureCatalogue.Find(DentalProcedureCatalogue.CustomCode));
        Assert.Equal("D3330", DentalProcedureCatalogue.Find("d3330")!.Code);
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(18, true)]
    [InlineData(48, true)]
    [InlineData(55, true)]
    [InlineData(85, true)]
    [InlineData(19, false)]
    [InlineData(10, false)]
    [InlineData(56, false)]
    [InlineData(91, false)]
    [InlineData(9, false)]
    public void Tooth_numbers_are_fdi(int tooth, bool valid) => Assert.Equal(valid, FdiTeeth.IsValid(tooth));

    [Fact]
    public async Task A_planned_procedure_keeps_its_teeth_links_estimate_from_the_price_list_a_created_event_and_an_audit_row()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var caries = await clinic.AddObservationAsync(36);
        await ChangeAssert.DoneAsync(clinic.PricesAs(clinic.Admin).SetPriceAsync("D3330", 8200m, null));

        var id = await clinic.PlanAsync("d3330", teeth: [36, 36], observations: [caries], plannedOn: new DateOnly(2030, 1, 15));

        var procedure = await clinic.ProcedureAsync(id);
        Assert.Equal(("D3330", "Root canal treatment, molar", 8200m, DentalProcedureStatus.Planned, clinic.Doctor.Id),
            (procedure.Code, procedure.Name, procedure.EstimatedCost, procedure.Status, procedure.DoctorProfileId));
        Assert.Equal([36], procedure.Teeth.Select(t => t.Tooth));
        Assert.Equal([caries], await clinic.Practice.WithContextAsync(db => db.DentalProcedureObservations.Where(j => j.ProcedureId == id).Select(j => j.ObservationId).ToListAsync()));
        var created = Assert.Single(await clinic.EventsAsync(id));
        Assert.Equal((DentalProcedureEventKind.Created, (DentalProcedureStatus?)DentalProcedureStatus.Planned, (DateOnly?)new DateOnly(2030, 1, 15), (Guid?)clinic.Doctor.UserId),
            (created.Kind, created.ToStatus, created.ToDate, created.ByUserId));
        var audit = Assert.Single(await clinic.AuditEventsAsync(), e => e.Action == AuditActions.DentalProcedurePlanned);
        Assert.Equal((nameof(Patient), clinic.PatientId.ToString()), (audit.EntityType, audit.EntityId));
        Assert.Contains("D3330", audit.Details, StringComparison.Ordinal);

        // Without a practice price the catalogue's default applies; a custom procedure is named and costs what is entered.
        var composite = await clinic.ProcedureAsync(await clinic.PlanAsync("D2391"));
        Assert.Equal(DentalProcedureCatalogue.Find("D2391")!.DefaultPrice, composite.EstimatedCost);
        var custom = await ChangeAssert.DoneAsync(clinic.Procedures.CreateAsync(clinic.PatientId, null, new DentalProcedureInput
        {
            Code = "custom", CustomName = "  Splint for bruxism ", EstimatedCost = 3500m,
        }));
        var splint = await clinic.ProcedureAsync(custom);
        Assert.Equal(("CUSTOM", "Splint for bruxism", 3500m, 0), (splint.Code, splint.Name, splint.EstimatedCost, splint.Teeth.Count));
    }

    [Fact]
    public async Task The_rules_run_on_the_server_and_only_this_patients_observations_can_be_linked()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var otherPatient = await clinic.Practice.AddPatientAsync("Kiran", "Shah");
        var theirs = await clinic.AddObservationAsync(21, patientId: otherPatient);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, clinic.Procedures.CreateAsync(clinic.PatientId, null, new DentalProcedureInput
        {
            Code = "CUSTOM", Teeth = [19, 36, 60], EstimatedCost = -1, Notes = new string('n', 2001),
        }));
        Assert.Equal(["CustomName", "EstimatedCost", "Notes", "Teeth"], refused.FieldErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Not a tooth number (FDI): 19, 60.", refused.FieldErrors["Teeth"]);
        Assert.Contains("Choose the procedure", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid,
            clinic.Procedures.CreateAsync(clinic.PatientId, null, new DentalProcedureInput()))).FieldErrors["Code"], StringComparison.Ordinal);
        Assert.Contains("not in the catalogue", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid,
            clinic.Procedures.CreateAsync(clinic.PatientId, null, new DentalProcedureInput { Code = "D9999" }))).FieldErrors["Code"], StringComparison.Ordinal);

        var linked = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, clinic.Procedures.CreateAsync(clinic.PatientId, null, new DentalProcedureInput
        {
            Code = "D2391", Teeth = [21], ObservationIds = [theirs],
        }));
        Assert.Equal("Choose observations of this patient only.", linked.FieldErrors["ObservationIds"]);
        Assert.Empty(await clinic.Practice.WithContextAsync(db => db.DentalProcedures.ToListAsync()));
    }

    [Fact]
    public async Task Statuses_move_forward_only_and_completed_and_cancelled_are_final_with_every_change_in_the_history()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var undated = await clinic.PlanAsync();
        Assert.Contains("planned date", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused,
            clinic.Procedures.ChangeStatusAsync(undated, To(DentalProcedureStatus.Scheduled)))).Message, StringComparison.Ordinal);

        var id = await clinic.PlanAsync(plannedOn: new DateOnly(2030, 2, 1));
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(id, To(DentalProcedureStatus.Scheduled)));
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(id, To(DentalProcedureStatus.InProgress)));
        Assert.Contains("cannot become scheduled", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused,
            clinic.Procedures.ChangeStatusAsync(id, To(DentalProcedureStatus.Scheduled)))).Message, StringComparison.Ordinal);
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(id, To(DentalProcedureStatus.Completed)));
        foreach (var next in new[] { DentalProcedureStatus.Planned, DentalProcedureStatus.InProgress, DentalProcedureStatus.Cancelled })
        {
            Assert.Contains("final", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused,
                clinic.Procedures.ChangeStatusAsync(id, To(next, reason: "Changed mind")))).Message, StringComparison.Ordinal);
        }

        var done = await clinic.ProcedureAsync(id);
        Assert.Equal(DentalProcedureStatus.Completed, done.Status);
        Assert.NotNull(done.CompletedOn);
        var expected = new (DentalProcedureEventKind, DentalProcedureStatus?, DentalProcedureStatus?)[]
        {
            (DentalProcedureEventKind.Created, null, DentalProcedureStatus.Planned),
            (DentalProcedureEventKind.StatusChanged, DentalProcedureStatus.Planned, DentalProcedureStatus.Scheduled),
            (DentalProcedureEventKind.StatusChanged, DentalProcedureStatus.Scheduled, DentalProcedureStatus.InProgress),
            (DentalProcedureEventKind.StatusChanged, DentalProcedureStatus.InProgress, DentalProcedureStatus.Completed),
        };
        Assert.Equal(expected, (await clinic.EventsAsync(id)).Select(e => (e.Kind, e.FromStatus, e.ToStatus)));
        Assert.Equal(3, (await clinic.AuditEventsAsync()).Count(e => e.Action == AuditActions.DentalProcedureStatusChanged));

        // A cancellation needs its reason; planned straight to completed (done at once in the chair) is allowed.
        var cancelled = await clinic.PlanAsync();
        Assert.Equal("Say why the procedure is cancelled.", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid,
            clinic.Procedures.ChangeStatusAsync(cancelled, To(DentalProcedureStatus.Cancelled, reason: "  ")))).FieldErrors["Reason"]);
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(cancelled, To(DentalProcedureStatus.Cancelled, reason: "Patient chose extraction")));
        Assert.Equal("Patient chose extraction", (await clinic.ProcedureAsync(cancelled)).CancellationReason);
        Assert.Equal("Patient chose extraction", (await clinic.EventsAsync(cancelled))[^1].Note);
        var atOnce = await clinic.PlanAsync();
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(atOnce, To(DentalProcedureStatus.Completed)));
        Assert.Equal(DentalProcedureStatus.Completed, (await clinic.ProcedureAsync(atOnce)).Status);
    }

    [Fact]
    public async Task Completing_marks_exactly_the_linked_observations_treated_and_records_the_visit()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var onTooth = await clinic.AddObservationAsync(36);
        var alsoLinked = await clinic.AddObservationAsync(37);
        var notLinked = await clinic.AddObservationAsync(36, DentalCondition.Fracture);
        var visit = await clinic.AddConsultationAsync();
        var id = await clinic.PlanAsync("D2392", teeth: [36, 37], observations: [onTooth, alsoLinked]);

        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(id, new DentalProcedureStatusInput
        {
            To = DentalProcedureStatus.Completed, ConsultationId = visit, ActualCost = 3400m,
        }));

        var treated = await clinic.Practice.WithContextAsync(db => db.DentalObservations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.TreatedAtUtc));
        Assert.NotNull(treated[onTooth]);
        Assert.NotNull(treated[alsoLinked]);
        Assert.Null(treated[notLinked]);
        var procedure = await clinic.ProcedureAsync(id);
        Assert.Equal((visit, 3400m), (procedure.CompletedInConsultationId!.Value, procedure.ActualCost!.Value));
        Assert.NotNull(procedure.CompletedOn);

        // Another patient's visit cannot be where it was done; nothing changes then.
        var other = await clinic.PlanAsync(observations: [notLinked]);
        var elsewhere = await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, clinic.Procedures.ChangeStatusAsync(other, To(DentalProcedureStatus.Completed, consultationId: Guid.NewGuid())));
        Assert.NotNull(elsewhere.Message);
        Assert.Null(await clinic.Practice.WithContextAsync(db => db.DentalObservations.Where(o => o.Id == notLinked).Select(o => o.TreatedAtUtc).SingleAsync()));
        Assert.Equal(DentalProcedureStatus.Planned, (await clinic.ProcedureAsync(other)).Status);
    }

    [Fact]
    public async Task Rescheduling_keeps_the_old_dates_in_the_history_and_a_final_procedure_keeps_its_date()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var id = await clinic.PlanAsync(plannedOn: new DateOnly(2030, 3, 1));
        await ChangeAssert.DoneAsync(clinic.Procedures.RescheduleAsync(id, new DateOnly(2030, 3, 8), null, "Patient travelling"));
        await ChangeAssert.DoneAsync(clinic.Procedures.RescheduleAsync(id, new DateOnly(2030, 3, 15), null));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, clinic.Procedures.RescheduleAsync(id, new DateOnly(2030, 3, 15), null));

        var moves = (await clinic.EventsAsync(id)).Where(e => e.Kind == DentalProcedureEventKind.Rescheduled).ToList();
        Assert.Equal([(new DateOnly(2030, 3, 1), new DateOnly(2030, 3, 8), "Patient travelling"), (new DateOnly(2030, 3, 8), new DateOnly(2030, 3, 15), null)],
            moves.Select(e => (e.FromDate!.Value, e.ToDate!.Value, e.Note)).ToList());
        Assert.Equal(new DateOnly(2030, 3, 15), (await clinic.ProcedureAsync(id)).PlannedOn);
        Assert.Equal(2, (await clinic.AuditEventsAsync()).Count(e => e.Action == AuditActions.DentalProcedureRescheduled));

        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(id, To(DentalProcedureStatus.Cancelled, reason: "Moved away")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, clinic.Procedures.RescheduleAsync(id, new DateOnly(2030, 4, 1), null));
    }

    [Fact]
    public async Task Only_doctors_write_and_a_page_showing_an_older_version_is_refused()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var input = new DentalProcedureInput { Code = "D1110" };
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.ProceduresAs(clinic.Reception).CreateAsync(clinic.PatientId, null, input));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.ProceduresAs(clinic.Admin).CreateAsync(clinic.PatientId, null, input));
        var id = await clinic.PlanAsync("D1110", teeth: []);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, clinic.ProceduresAs(clinic.Reception).ChangeStatusAsync(id, To(DentalProcedureStatus.InProgress)));

        var seen = (await clinic.ProcedureAsync(id)).Version;
        await ChangeAssert.DoneAsync(clinic.Procedures.RescheduleAsync(id, new DateOnly(2030, 5, 5), seen));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, clinic.Procedures.ChangeStatusAsync(id, To(DentalProcedureStatus.InProgress, version: seen)));
        Assert.Equal(DentalProcedureStatus.Planned, (await clinic.ProcedureAsync(id)).Status);
    }

    [Fact]
    public async Task Another_practices_patient_procedure_and_observation_ids_are_not_found_here()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var other = await DentalClinic.CreateAsync(fixture);
        var theirObservation = await other.AddObservationAsync(11);
        var theirProcedure = await other.PlanAsync(observations: [theirObservation]);

        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, clinic.Procedures.CreateAsync(other.PatientId, null, new DentalProcedureInput { Code = "D1110" }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, clinic.Procedures.CreateAsync(clinic.PatientId, null, new DentalProcedureInput { Code = "D2391", ObservationIds = [theirObservation] }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, clinic.Procedures.ChangeStatusAsync(theirProcedure, To(DentalProcedureStatus.Completed)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, clinic.Procedures.RescheduleAsync(theirProcedure, new DateOnly(2030, 1, 1), null));
        Assert.Empty(await clinic.History.ProceduresAsync(other.PatientId));
        Assert.Null(await clinic.History.FindPatientAsync(other.PatientId));
        Assert.Null(await clinic.History.ProcedureAsync(theirProcedure));

        var untouched = await other.ProcedureAsync(theirProcedure);
        Assert.Equal((DentalProcedureStatus.Planned, (DateOnly?)null), (untouched.Status, untouched.PlannedOn));
        Assert.Null(await other.Practice.WithContextAsync(db => db.DentalObservations.Where(o => o.Id == theirObservation).Select(o => o.TreatedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_tooths_history_and_the_visit_timeline_show_its_findings_and_procedures()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var caries = await clinic.AddObservationAsync(46);
        await clinic.AddObservationAsync(11, DentalCondition.Fracture);
        var visit = await clinic.AddConsultationAsync();
        var rct = await clinic.PlanAsync("D3330", teeth: [46], observations: [caries]);
        await clinic.PlanAsync("D2740", teeth: [46, 47]);
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(rct, To(DentalProcedureStatus.Completed, consultationId: visit)));

        var history = await clinic.History.ToothHistoryAsync(clinic.PatientId, 46);
        Assert.Equal(3, history.Count);
        Assert.Equal(ToothHistoryKind.Observation, history[0].Kind);
        Assert.Equal(("Caries", "Treated"), (history[0].Title, history[0].Status));
        Assert.Contains(history, h => h.Title == "Root canal treatment, molar (D3330)" && h.Status == "Completed");
        Assert.Contains(history, h => h.Title.StartsWith("Crown", StringComparison.Ordinal) && h.Status == "Planned" && h.Detail == "With teeth 47");
        Assert.DoesNotContain(history, h => h.Title == "Fracture");

        var timeline = await clinic.History.TimelineAsync(clinic.PatientId);
        var atVisit = Assert.Single(timeline, v => v.ConsultationId == visit);
        Assert.Equal([rct], atVisit.ProceduresCompleted.Select(p => p.Id));
        Assert.Equal(2, timeline.Sum(v => v.Observations.Count));
        Assert.Equal(2, timeline.Sum(v => v.ProceduresPlanned.Count));
    }
}

public sealed class SqliteDentalProcedureServiceTests(SqliteDatabaseFixture fixture)
    : DentalProcedureServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDentalProcedureServiceTests(PostgresDatabaseFixture fixture)
    : DentalProcedureServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
