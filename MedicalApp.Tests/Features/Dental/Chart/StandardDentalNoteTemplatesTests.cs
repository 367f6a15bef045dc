using MedicalApp.Data;
using MedicalApp.Data.Dental;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>
/// The starter set of dental note templates reaches every practice: a newly registered one (as its owner's shared
/// templates), the seeded demo practices, and practices that existed before the migration that adds them.
/// </summary>
public abstract class StandardDentalNoteTemplatesTests(MedicalAppFactory app)
{
    [Fact]
    public async Task A_newly_registered_practice_starts_with_the_shared_templates_of_its_owner()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var form = new PracticeRegistrationForm
        {
            PracticeName = $"Smile Studio {tag}", PracticeAddress = "12 Beach Road, Puducherry 605001", PracticePhone = "+91 413 222 3344",
            OwnerName = "Dr Priya Raman", OwnerEmail = $"owner-{tag}@smile.test", OwnerPhone = "9876501234",
            Password = "monsoon tea at four", ConfirmPassword = "monsoon tea at four",
        };

        var registered = await ChangeAssert.DoneAsync(app.Services.GetRequiredService<PracticeRegistrationService>().RegisterAsync(form, "203.0.113.9"));

        var templates = await app.InPracticeAsync(registered!.Slug, db => db.DentalNoteTemplates.AsNoTracking().ToListAsync());
        Assert.Equal(StandardDentalNoteTemplates.All.Select(t => t.ShortCode).Order(), templates.Select(t => t.ShortCode!).Order());
        Assert.All(templates, t => Assert.True(t.OwnerDoctorProfileId is null && t.CreatedByUserId == registered.OwnerId));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("sunrise")]
    public async Task The_demo_practices_have_them(string slug)
    {
        var codes = await app.InPracticeAsync(slug, db => db.DentalNoteTemplates.AsNoTracking().Select(t => t.ShortCode!).ToListAsync());
        Assert.Equal(StandardDentalNoteTemplates.All.Select(t => t.ShortCode).Order(), codes.Order());
    }
}

public sealed class SqliteStandardDentalNoteTemplatesTests(SqliteAppFixture fixture)
    : StandardDentalNoteTemplatesTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresStandardDentalNoteTemplatesTests(PostgresAppFixture fixture)
    : StandardDentalNoteTemplatesTests(fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>The data migration gives the templates to the practices that existed before it, once, and its Down removes them.</summary>
public sealed class DentalNoteTemplateStarterSetMigrationTests(PostgresServer server)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Practices_that_existed_before_get_the_templates_except_codes_they_use(DatabaseProvider provider)
    {
        // The practices are written with today's model, so at today's schema; going down to the migration before the
        // starter set then leaves them as they would have been (later migrations' columns would not exist there yet).
        await using var database = await TestDatabase.CreateAsync(provider, server);
        await using var owner = database.CreateContext(null, DatabaseRole.Migrations);
        var migrations = owner.Database.GetMigrations().ToList();
        var starterSet = migrations.Single(m => m.EndsWith("_DentalNoteTemplateStarterSet", StringComparison.Ordinal));
        var before = migrations[migrations.IndexOf(starterSet) - 1];
        var migrator = owner.GetService<IMigrator>();

        var first = await database.CreatePracticeAsync("before-a");
        var second = await database.CreatePracticeAsync("before-b");
        // The second practice's doctor already wrote a template under one of the standard codes: it keeps it.
        var author = await second.AddMemberAsync(MedicalApp.Data.Entities.PracticeRoles.Doctor);
        await second.WithContextAsync(db =>
        {
            db.DentalNoteTemplates.Add(new MedicalApp.Data.Entities.DentalNoteTemplate
            {
                Text = "Our own wording", ShortCode = "CAR-MOD", CreatedByUserId = author.UserId, CreatedAtUtc = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });
        await migrator.MigrateAsync(before);
        Assert.Empty(await first.WithContextAsync(db => db.DentalNoteTemplates.AsNoTracking().ToListAsync()));

        await migrator.MigrateAsync(starterSet);

        var firstTemplates = await first.WithContextAsync(db => db.DentalNoteTemplates.AsNoTracking().ToListAsync());
        Assert.Equal(StandardDentalNoteTemplates.All.Select(t => t.ShortCode).Order(), firstTemplates.Select(t => t.ShortCode!).Order());
        Assert.Equal(firstTemplates.Count, firstTemplates.Select(t => t.Id).Distinct().Count());
        var caries = firstTemplates.Single(t => t.ShortCode == "CAR-O-MOD");
        var standard = StandardDentalNoteTemplates.All.Single(t => t.ShortCode == "CAR-O-MOD");
        Assert.Equal((standard.Condition, standard.Surfaces, standard.Severity, standard.Text), (caries.Condition, caries.Surfaces, caries.Severity, caries.Text));

        var secondTemplates = await second.WithContextAsync(db => db.DentalNoteTemplates.AsNoTracking().ToListAsync());
        Assert.Equal(StandardDentalNoteTemplates.All.Count, secondTemplates.Count);
        Assert.Equal("Our own wording", secondTemplates.Single(t => t.ShortCode == "CAR-MOD").Text);

        // Down takes away what the migration added, not what the practice wrote.
        await migrator.MigrateAsync(before);
        Assert.Empty(await first.WithContextAsync(db => db.DentalNoteTemplates.AsNoTracking().ToListAsync()));
        Assert.Equal(["CAR-MOD"], await second.WithContextAsync(db => db.DentalNoteTemplates.AsNoTracking().Select(t => t.ShortCode!).ToListAsync()));
    }
}
