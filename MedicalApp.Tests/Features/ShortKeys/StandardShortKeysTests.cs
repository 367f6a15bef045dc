using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Data.Seeding;
using MedicalApp.Tests.Features.Medicines;
using MedicalApp.Web.Features.Registration;
using MedicalApp.Web.Features.ShortKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.ShortKeys;

/// <summary>
/// The shared short keys a practice starts with (FEVER, COLD, DENTAL-PAIN, POST-EXTRACTION, GASTRITIS), in the seeded
/// app on both databases: resolved against the catalogue by brand, strength and form, medicines it lacks skipped, a key
/// with none of its medicines not added, never added twice; given to every newly registered practice and to the demo
/// practice. The app's database offers three of the medicines the keys name, whatever catalogue it was migrated with.
/// </summary>
public abstract class StandardShortKeysTests(MedicalAppFactory app)
{
    private static readonly string[] Offered = ["DENTAL-PAIN", "FEVER", "POST-EXTRACTION"];

    [Fact]
    public async Task The_keys_whose_medicines_exist_are_added_once_with_the_lines_found()
    {
        await CatalogueOffersOnlyAsync();
        var practice = await app.Database.CreatePracticeAsync();
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor);

        await using (var db = practice.Context())
        {
            var added = await StandardShortKeys.AddMissingAsync(db, owner.UserId, DateTime.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
            // COLD and GASTRITIS name none of the three, so they are not added (until the catalogue has their medicines).
            Assert.Equal(Offered, added.Select(k => k.Code).Order());
        }

        var keys = await practice.WithContextAsync(db => db.ShortKeys.Include(k => k.Lines).AsNoTracking().ToListAsync());
        Assert.Equal(Offered, keys.Select(k => k.Code).Order());
        Assert.All(keys, k => Assert.True(k.IsShared && k.IsActive && k.CreatedByUserId == owner.UserId));
        var postExtraction = keys.Single(k => k.Code == "POST-EXTRACTION").Lines.OrderBy(l => l.Position).ToList();
        Assert.Equal([1, 2], postExtraction.Select(l => l.Position)); // Pan 40, then Hexidine; the three others are skipped
        Assert.Equal(("1 tablet", "1-0-0", "5 days", MedicineTiming.EmptyStomach, (int?)5),
            (postExtraction[0].Dose, postExtraction[0].Frequency, postExtraction[0].Duration, postExtraction[0].Timing, postExtraction[0].Quantity));
        Assert.Equal(("10 ml", "0-1-1"), (postExtraction[1].Dose, postExtraction[1].Frequency));

        // The practice's doctors use them.
        await using (var db = practice.Context())
        {
            var actor = (await practice.As(owner).Get<MedicalApp.Web.Identity.PracticeActors>().CurrentAsync())!;
            var fever = await ShortKeyExpansion.ExpandAsync(db, actor, "/fever", CancellationToken.None);
            Assert.Equal(["Dolo 650"], fever!.Lines.Select(l => l.Medicine.BrandName));
            Assert.Empty(await StandardShortKeys.AddMissingAsync(db, owner.UserId, DateTime.UtcNow, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_newly_registered_practice_starts_with_them_as_its_owners_shared_keys()
    {
        await CatalogueOffersOnlyAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var form = new PracticeRegistrationForm
        {
            PracticeName = $"Keys Clinic {tag}", PracticeAddress = "4 Temple Street, Madurai 625001", PracticePhone = "+91 452 234 5678",
            OwnerName = "Dr Kavitha Raman", OwnerEmail = $"owner-{tag}@keys.test", OwnerPhone = "9876543210",
            Password = "monsoon tea at four", ConfirmPassword = "monsoon tea at four",
        };

        var registered = await ChangeAssert.DoneAsync(app.Services.GetRequiredService<PracticeRegistrationService>().RegisterAsync(form, "203.0.113.9"));

        var keys = await app.InPracticeAsync(registered.Slug, db => db.ShortKeys.AsNoTracking().ToListAsync());
        Assert.Equal(Offered, keys.Select(k => k.Code).Order());
        Assert.All(keys, k => Assert.True(k.IsShared && k.CreatedByUserId == registered.OwnerId));
    }

    [Fact]
    public async Task The_demo_practice_gets_them_when_the_seed_runs_again_once_the_catalogue_has_their_medicines()
    {
        await CatalogueOffersOnlyAsync();

        await app.Services.GetRequiredService<DevelopmentDataSeeder>().SeedAsync();
        await app.Services.GetRequiredService<DevelopmentDataSeeder>().SeedAsync();

        var keys = await app.InPracticeAsync("demo", db => db.ShortKeys.AsNoTracking().ToListAsync());
        var owner = await app.InPracticeAsync("demo", db => db.PracticeMemberships.Where(m => m.User!.Email == "owner@demo.test").Select(m => m.UserId).SingleAsync());
        Assert.Equal(Offered, keys.Where(k => Offered.Contains(k.Code)).Select(k => k.Code).Order());
        Assert.All(keys.Where(k => Offered.Contains(k.Code)), k => Assert.True(k.IsShared && k.CreatedByUserId == owner));
    }

    /// <summary>
    /// Of the medicines the standard keys name, only Dolo 650, Pan 40 and Hexidine are active catalogue rows (added when
    /// missing, the others withdrawn: as the owner role, in this class's own database).
    /// </summary>
    private async Task CatalogueOffersOnlyAsync()
    {
        (string Brand, string Strength, string Form)[] offered = [("Dolo 650", "650 mg", "Tablet"), ("Pan 40", "40 mg", "Tablet"), ("Hexidine", "0.2% w/v", "Mouthwash")];
        var named = StandardShortKeys.All.SelectMany(k => k.Lines).Select(l => l.BrandName).Distinct().ToList();
        await using var db = app.Database.CreateContext(null, DatabaseRole.Migrations);
        foreach (var row in await db.GlobalMedicines.Where(g => named.Contains(g.BrandName)).ToListAsync())
        {
            row.IsActive = offered.Any(o => o.Brand == row.BrandName && o.Strength == row.Strength && o.Form == row.DosageForm);
        }

        await db.SaveChangesAsync();
        foreach (var (brand, strength, form) in offered)
        {
            if (!await db.GlobalMedicines.AnyAsync(g => g.BrandName == brand && g.Strength == strength && g.DosageForm == form && g.IsActive))
            {
                await MedicineTestData.AddGlobalAsync(app.Database, brand, strength: strength, dosageForm: form);
            }
        }
    }
}

public sealed class SqliteStandardShortKeysTests(SqliteAppFixture fixture)
    : StandardShortKeysTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresStandardShortKeysTests(PostgresAppFixture fixture)
    : StandardShortKeysTests(fixture.App), IClassFixture<PostgresAppFixture>;
