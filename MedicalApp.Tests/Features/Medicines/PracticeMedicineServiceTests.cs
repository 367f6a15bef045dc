using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>A practice's own medicines and its choice of catalogue ones, through the service, on both databases.</summary>
public abstract class PracticeMedicineServiceTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_medicine_is_added_tidied_searchable_and_audited()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        var input = MedicineTestData.Input($"  {tag}   Paracip ", "Paracetamol", " 650 mg ");

        var id = await ChangeAssert.DoneAsync(practice.MedicinesAs(practice.Doctor).AddAsync(input));

        var medicine = Assert.Single(await practice.OwnMedicinesAsync(), m => m.Id == id);
        Assert.Equal(($"{tag} Paracip", "650 mg", $"{tag} paracip paracetamol".ToLowerInvariant(), MedicineSchedule.OTC, 2.10m),
            (medicine.BrandName, medicine.Strength, medicine.SearchText, medicine.Schedule, medicine.TypicalPriceInr));
        Assert.True(medicine.IsActive);
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeMedicineAdded);
        Assert.Equal((id.ToString(), practice.Doctor.UserId), (audit.EntityId, audit.UserId));
        Assert.Contains($"{tag} Paracip · Paracetamol 650 mg Tablet", audit.Details, StringComparison.Ordinal);
        Assert.Equal([id], (await practice.SearchAs(practice.Doctor).SearchAsync(tag)).Select(m => m.Id));
    }

    [Fact]
    public async Task Each_field_is_checked_and_nothing_is_saved_when_one_is_wrong()
    {
        var practice = await MedicinePractice.CreateAsync(fixture);
        var input = new MedicineInput
        {
            BrandName = " ", GenericName = new string('g', 301), Strength = "", DosageForm = "Tablet", DrugClass = null, Schedule = null,
            TypicalPriceInr = 1.005m,
        };

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.MedicinesAs(practice.Admin).AddAsync(input));

        Assert.Equal(new[] { "BrandName", "DrugClass", "GenericName", "Schedule", "Strength", "TypicalPriceInr" }, refused.FieldErrors.Keys.Order());
        Assert.Equal("Enter the brand name.", refused.FieldErrors["BrandName"]);
        Assert.Equal("Keep the generic name to 300 characters.", refused.FieldErrors["GenericName"]);
        Assert.Equal("Give the price in rupees with at most 2 decimals (paise).", refused.FieldErrors["TypicalPriceInr"]);
        Assert.Empty(await practice.OwnMedicinesAsync());
        Assert.Null(MedicineRules.PriceError(null));
        Assert.NotNull(MedicineRules.RequiredPriceError(null));
        Assert.NotNull(MedicineRules.PriceError(-1));
        Assert.NotNull(MedicineRules.PriceError(100_000_000m));
    }

    [Fact]
    public async Task The_same_brand_strength_and_form_is_refused_whatever_the_case_until_the_first_is_deactivated()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        var medicines = practice.MedicinesAs(practice.Doctor);
        var first = await ChangeAssert.DoneAsync(medicines.AddAsync(MedicineTestData.Input($"{tag} Cough", strength: "5 mg/5 ml", form: "Syrup")));

        var duplicate = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid,
            medicines.AddAsync(MedicineTestData.Input($"{tag.ToUpperInvariant()}  COUGH", strength: "5 MG/5 ML", form: "syrup")));
        Assert.Contains("already has", duplicate.FieldErrors["BrandName"], StringComparison.Ordinal);
        // Another strength or form of the brand is another medicine.
        await ChangeAssert.DoneAsync(medicines.AddAsync(MedicineTestData.Input($"{tag} Cough", strength: "10 mg/5 ml", form: "Syrup")));

        await ChangeAssert.DoneAsync(medicines.DeactivateAsync(first));
        var second = await ChangeAssert.DoneAsync(medicines.AddAsync(MedicineTestData.Input($"{tag} cough", strength: "5 mg/5 ml", form: "Syrup")));
        var clash = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, medicines.ReactivateAsync(first));
        Assert.Contains("already has", clash.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(await practice.OwnMedicinesAsync(), m => m.Id == first).IsActive);
        Assert.True(Assert.Single(await practice.OwnMedicinesAsync(), m => m.Id == second).IsActive);
    }

    [Fact]
    public async Task An_edit_over_a_newer_change_is_refused_as_stale_and_keeps_that_change()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(practice.MedicinesAs(practice.Doctor).AddAsync(MedicineTestData.Input($"{tag} Zyrtec", "Cetirizine", "10 mg")));
        var opened = Assert.Single(await practice.OwnMedicinesAsync(), m => m.Id == id);
        var first = MedicineTestData.Input($"{tag} Zyrtec", "Cetirizine", "10 mg");
        first.Manufacturer = "UCB";
        first.Version = opened.Version;
        var second = MedicineTestData.Input($"{tag} Zyrtec", "Cetirizine hydrochloride", "10 mg");
        second.Version = opened.Version;

        await ChangeAssert.DoneAsync(practice.MedicinesAs(practice.Doctor).UpdateAsync(id, first));
        var stale = await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, practice.MedicinesAs(practice.Owner).UpdateAsync(id, second));

        Assert.Equal(ChangeResult.StaleMessage("medicine"), stale.Message);
        var saved = Assert.Single(await practice.OwnMedicinesAsync(), m => m.Id == id);
        Assert.Equal(("UCB", "Cetirizine", opened.Version + 1), (saved.Manufacturer, saved.GenericName, saved.Version));
        var changed = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeMedicineChanged);
        Assert.Contains("manufacturer", changed.Details, StringComparison.Ordinal);
        // Unchanged input saves nothing.
        first.Version = saved.Version;
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, practice.MedicinesAs(practice.Doctor).UpdateAsync(id, first));
    }

    [Fact]
    public async Task A_catalogue_medicine_is_hidden_and_shown_again_for_this_practice_only()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        var b = await MedicinePractice.CreateAsync(fixture);
        var global = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Hideable");

        await ChangeAssert.DoneAsync(a.MedicinesAs(a.Admin).HideGlobalAsync(global));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, a.MedicinesAs(a.Admin).HideGlobalAsync(global));

        Assert.Empty(await a.SearchAs(a.Doctor).SearchAsync(tag));
        Assert.Single(await b.SearchAs(b.Doctor).SearchAsync(tag));
        Assert.Contains(await a.AuditEventsAsync(), e => e.Action == AuditActions.GlobalMedicineHidden && e.EntityId == global.ToString());

        await ChangeAssert.DoneAsync(a.MedicinesAs(a.Doctor).UnhideGlobalAsync(global));
        Assert.Single(await a.SearchAs(a.Doctor).SearchAsync(tag));
        Assert.Contains(await a.AuditEventsAsync(), e => e.Action == AuditActions.GlobalMedicineUnhidden);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, a.MedicinesAs(a.Doctor).HideGlobalAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Reception_may_look_but_not_change_and_another_practice_reaches_nothing_by_id()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        var b = await MedicinePractice.CreateAsync(fixture);
        var own = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Own of A");
        var global = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Global");

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, a.MedicinesAs(a.Receptionist).AddAsync(MedicineTestData.Input($"{tag} New")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, a.MedicinesAs(a.Receptionist).DeactivateAsync(own));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, a.MedicinesAs(a.Receptionist).HideGlobalAsync(global));
        // B's doctor, in B: A's medicine is not there. In A's scope: not a member.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, b.MedicinesAs(b.Doctor).UpdateAsync(own, MedicineTestData.Input($"{tag} Taken")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, b.MedicinesAs(b.Doctor).DeactivateAsync(own));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, a.Practice.As(b.Doctor).Get<PracticeMedicineService>().DeactivateAsync(own));

        var row = Assert.Single(await a.OwnMedicinesAsync());
        Assert.Equal(($"{tag} Own of A", true), (row.BrandName, row.IsActive));
        Assert.Empty(await b.OwnMedicinesAsync());
        Assert.DoesNotContain(await a.AuditEventsAsync(), e => e.Action.StartsWith("PracticeMedicine", StringComparison.Ordinal) || e.Action == AuditActions.GlobalMedicineHidden);
    }

    [Fact]
    public async Task A_read_only_practice_cannot_change_its_medicines()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture, PracticePlan.Trial);
        var own = await MedicineTestData.AddOwnAsync(practice.Practice, $"{tag} Own");
        await practice.Practice.EndTrialAsync();

        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.MedicinesAs(practice.Owner).AddAsync(MedicineTestData.Input($"{tag} New")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.MedicinesAs(practice.Owner).DeactivateAsync(own));
        Assert.True(Assert.Single(await practice.OwnMedicinesAsync()).IsActive);
        // Looking stays possible.
        Assert.Single(await practice.SearchAs(practice.Doctor).SearchAsync(tag));
    }
}

public sealed class SqlitePracticeMedicineServiceTests(SqliteDatabaseFixture fixture)
    : PracticeMedicineServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPracticeMedicineServiceTests(PostgresDatabaseFixture fixture)
    : PracticeMedicineServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
