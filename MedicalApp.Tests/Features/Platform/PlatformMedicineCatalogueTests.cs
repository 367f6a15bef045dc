using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Medicines;
using MedicalApp.Tests.Features.Plans;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Platform;

/// <summary>
/// The global medicine catalogue in the platform console, on both databases, through the platform path: a platform
/// administrator adds, corrects (versioned) and withdraws medicines, each change with its row in the platform trail;
/// practices see the result at once; anyone else is refused and nothing changes.
/// </summary>
public abstract class PlatformMedicineCatalogueTests(DatabaseFixture fixture)
{
    private TestDatabase Db => fixture.Db;

    private PlatformMedicineCatalogue CatalogueAs(TestMember? admin) => Db.AtRoot(admin).Get<PlatformMedicineCatalogue>();

    private static MedicineInput Input(string brand, decimal? price = 3.25m)
    {
        var input = MedicineTestData.Input(brand, "Azithromycin", "500 mg");
        input.DrugClass = "Macrolides";
        input.Schedule = MedicineSchedule.H1;
        input.TypicalPriceInr = price;
        return input;
    }

    private async Task<List<PlatformAuditEvent>> TrailAsync()
    {
        await using var db = Db.CreateContext(null, DatabaseRole.Platform);
        return await db.PlatformAuditEvents.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task An_administrator_adds_a_medicine_that_every_practice_is_then_offered()
    {
        var tag = MedicineTestData.NewTag();
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practice = await MedicinePractice.CreateAsync(fixture);

        var id = await ChangeAssert.DoneAsync(CatalogueAs(admin).AddAsync(Input($" {tag}  Azee ")));

        var offered = Assert.Single(await practice.SearchAs(practice.Doctor).SearchAsync(tag));
        Assert.Equal((true, id, $"{tag} Azee", MedicineSchedule.H1), (offered.IsGlobal, offered.Id, offered.BrandName, offered.Schedule));
        var listed = Assert.Single((await CatalogueAs(admin).ListAsync(tag, includeWithdrawn: false)).Rows);
        Assert.Equal((3.25m, true), (listed.TypicalPriceInr, listed.IsActive));
        var entry = Assert.Single(await TrailAsync(), e => e.Action == AuditActions.GlobalMedicineAdded && e.Details!.Contains(tag, StringComparison.Ordinal));
        Assert.Equal((admin.UserId, (Guid?)null), (entry.UserId!.Value, entry.TenantId));

        // The catalogue requires a price, and refuses a second row of the same product.
        Assert.Contains("TypicalPriceInr", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, CatalogueAs(admin).AddAsync(Input($"{tag} Other", price: null)))).FieldErrors.Keys);
        Assert.Contains("already offers", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, CatalogueAs(admin).AddAsync(Input($"{tag} AZEE")))).FieldErrors["BrandName"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_is_versioned_and_a_withdrawn_medicine_is_offered_to_no_practice()
    {
        var tag = MedicineTestData.NewTag();
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var other = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practice = await MedicinePractice.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(CatalogueAs(admin).AddAsync(Input($"{tag} Azee")));
        var opened = Assert.Single((await CatalogueAs(admin).ListAsync(tag, false)).Rows);

        var first = PlatformMedicineCatalogue.InputOf(opened);
        first.Manufacturer = "Cipla";
        var second = PlatformMedicineCatalogue.InputOf(opened);
        second.TypicalPriceInr = 9.99m;
        await ChangeAssert.DoneAsync(CatalogueAs(admin).UpdateAsync(id, first));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, CatalogueAs(other).UpdateAsync(id, second));
        var saved = Assert.Single((await CatalogueAs(admin).ListAsync(tag, false)).Rows);
        Assert.Equal(("Cipla", 3.25m, opened.Version + 1), (saved.Manufacturer, saved.TypicalPriceInr, saved.Version));
        Assert.Contains(await TrailAsync(), e => e.Action == AuditActions.GlobalMedicineChanged && e.Details!.Contains("manufacturer", StringComparison.Ordinal));

        await ChangeAssert.DoneAsync(CatalogueAs(admin).WithdrawAsync(id));
        Assert.Empty(await practice.SearchAs(practice.Doctor).SearchAsync(tag));
        Assert.Empty((await CatalogueAs(admin).ListAsync(tag, includeWithdrawn: false)).Rows);
        Assert.False(Assert.Single((await CatalogueAs(admin).ListAsync(tag, includeWithdrawn: true)).Rows).IsActive);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, CatalogueAs(admin).WithdrawAsync(id));

        await ChangeAssert.DoneAsync(CatalogueAs(other).RestoreAsync(id));
        Assert.Single(await practice.SearchAs(practice.Doctor).SearchAsync(tag));
        Assert.Contains(await TrailAsync(), e => e.Action == AuditActions.GlobalMedicineRestored && e.UserId == other.UserId);
    }

    [Fact]
    public async Task Nobody_but_a_platform_administrator_changes_the_catalogue()
    {
        var tag = MedicineTestData.NewTag();
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practice = await MedicinePractice.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(CatalogueAs(admin).AddAsync(Input($"{tag} Azee")));

        // A practice owner signed in at the root is no platform administrator; nor is nobody.
        foreach (var outsider in new TestMember?[] { practice.Owner with { PracticeId = null }, null })
        {
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, CatalogueAs(outsider).AddAsync(Input($"{tag} Forged")));
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, CatalogueAs(outsider).WithdrawAsync(id));
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, CatalogueAs(outsider).UpdateAsync(id, Input($"{tag} Renamed")));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CatalogueAs(outsider).ListAsync(tag, true));
        }

        var row = Assert.Single((await CatalogueAs(admin).ListAsync(tag, true)).Rows);
        Assert.Equal(($"{tag} Azee", true), (row.BrandName, row.IsActive));
        Assert.DoesNotContain(await TrailAsync(), e => e.Details!.Contains("Forged", StringComparison.Ordinal));
    }
}

public sealed class SqlitePlatformMedicineCatalogueTests(SqliteDatabaseFixture fixture)
    : PlatformMedicineCatalogueTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPlatformMedicineCatalogueTests(PostgresDatabaseFixture fixture)
    : PlatformMedicineCatalogueTests(fixture), IClassFixture<PostgresDatabaseFixture>;
