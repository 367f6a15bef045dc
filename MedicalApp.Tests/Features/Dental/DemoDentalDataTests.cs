using MedicalApp.Data.Entities;
using MedicalApp.Data.Seeding;
using MedicalApp.Web.Services.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Dental;

/// <summary>
/// What `dotnet run` shows a dentist (issue #11, "done means"): sunrise's dental patient has a charted history over two
/// visits, a restoration completed that treated its finding, the rest planned in an accepted treatment plan, and an
/// X-ray (with its thumbnail) on the finding at 46 whose file is in the practice's store. Seeding again adds nothing.
/// </summary>
public abstract class DemoDentalDataTests(MedicalAppFactory app)
{
    [Fact]
    public async Task Sunrise_has_a_charted_dental_patient_with_a_plan_and_an_xray()
    {
        await app.Services.GetRequiredService<DevelopmentDataSeeder>().SeedAsync();

        var (patient, observations, procedures, plans, attachments) = await app.InPracticeAsync("sunrise", async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Mobile == DemoDentalRecords.PatientMobile && p.IsPrimary);
            return (patient,
                await db.DentalObservations.Where(o => o.PatientId == patient.Id).AsNoTracking().ToListAsync(),
                await db.DentalProcedures.Include(p => p.Teeth).Where(p => p.PatientId == patient.Id).AsNoTracking().ToListAsync(),
                await db.TreatmentPlans.Include(p => p.Phases).Where(p => p.PatientId == patient.Id).AsNoTracking().ToListAsync(),
                await db.DentalAttachments.Where(a => a.PatientId == patient.Id).AsNoTracking().ToListAsync());
        });

        Assert.Equal("Priya Shetty", $"{patient.FirstName} {patient.LastName}");
        Assert.Equal([11, 18, 26, 36, 46], observations.Select(o => o.Tooth).Order());
        Assert.NotNull(Assert.Single(observations.Select(o => o.ConsultationId).Distinct())); // all found at the first visit
        var restored = Assert.Single(procedures, p => p.Status == DentalProcedureStatus.Completed);
        Assert.Equal([36], restored.Teeth.Select(t => t.Tooth));
        Assert.NotNull(observations.Single(o => o.Tooth == 36).TreatedAtUtc);
        Assert.All(observations.Where(o => o.Tooth != 36), o => Assert.Null(o.TreatedAtUtc));
        Assert.Equal(5, procedures.Count);
        var plan = Assert.Single(plans);
        Assert.Equal(TreatmentPlanStatus.Accepted, plan.Status);
        Assert.Equal(3, plan.Phases.Count);
        Assert.All(procedures, p => Assert.Contains(plan.Phases, ph => ph.Id == p.TreatmentPlanPhaseId));

        var xray = Assert.Single(attachments);
        Assert.Equal((DentalAttachmentKind.XRay, AttachmentFormat.Png), (xray.Kind, xray.Format));
        Assert.Equal(observations.Single(o => o.Tooth == 46).Id, xray.ObservationId);
        Assert.NotNull(xray.ThumbnailFileId);
        var stored = await app.InPracticeAsync("sunrise", db => db.StoredFiles.Where(f => f.Id == xray.StoredFileId).AsNoTracking().SingleAsync());
        await using var content = app.Services.GetRequiredService<FileStore>().OpenRead(stored.TenantId, stored.StorageKey);
        Assert.NotNull(content);
        var header = new byte[8];
        await content.ReadExactlyAsync(header);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
        Assert.Equal(stored.SizeBytes, content.Length);
    }
}

public sealed class SqliteDemoDentalDataTests(SqliteAppFixture fixture)
    : DemoDentalDataTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDemoDentalDataTests(PostgresAppFixture fixture)
    : DemoDentalDataTests(fixture.App), IClassFixture<PostgresAppFixture>;
