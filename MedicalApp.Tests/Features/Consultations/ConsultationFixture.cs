using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Consultations;

/// <summary>
/// The appointment fixture's practices and fake clock (Tuesday 10 March 2026, 09:40 in Chennai), with the global
/// medicine catalogue as the migration loaded it, so prescriptions are written with real medicines. Tests add their own
/// doctors, patients and visits; what they read back goes through the practice's own context.
/// </summary>
public abstract class ConsultationFixture : AppointmentFixture
{
    private Dictionary<string, GlobalMedicine> catalogue = [];

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        // Brand names repeat across strengths (Septran tablet and suspension); the first row of a brand is enough here.
        catalogue = (await PracticeA.WithContextAsync(db => db.GlobalMedicines.AsNoTracking().OrderBy(m => m.Strength).ToListAsync()))
            .GroupBy(m => m.BrandName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>A medicine of the global catalogue by its brand name ("Mox 500").</summary>
    public GlobalMedicine Medicine(string brandName) =>
        catalogue.TryGetValue(brandName, out var medicine) ? medicine : throw new ArgumentException($"No global medicine is called {brandName}.", nameof(brandName));

    /// <summary>A patient of <paramref name="practice"/> with the allergies written as a receptionist would.</summary>
    public async Task<Guid> PatientAsync(TestPractice practice, string? allergies = null, string firstName = "Ravi", string lastName = "Kumar")
    {
        var patient = await practice.AddPatientAsync(firstName, lastName);
        if (allergies is not null)
        {
            await practice.WithContextAsync(async db =>
            {
                (await db.Patients.SingleAsync(p => p.Id == patient)).Allergies = allergies;
                return await db.SaveChangesAsync();
            });
        }

        return patient;
    }

    public Task<Consultation?> ConsultationOfAsync(TestPractice practice, Guid appointmentId) =>
        practice.WithContextAsync(db => db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.AppointmentId == appointmentId));

    /// <summary>The visit's prescriptions, drafts included, with their lines in order.</summary>
    public Task<List<Prescription>> PrescriptionsOfAsync(TestPractice practice, Guid appointmentId) =>
        practice.WithContextAsync(db => db.Prescriptions.AsNoTracking().Include(p => p.Lines.OrderBy(l => l.Position))
            .Where(p => p.AppointmentId == appointmentId).OrderBy(p => p.VersionNumber).ToListAsync());

    public Task<List<AuditEvent>> AuditOfPatientAsync(TestPractice practice, Guid patientId) =>
        practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == patientId.ToString()).OrderBy(e => e.OccurredAtUtc).ToListAsync());

    /// <summary>How often the practice has prescribed a global medicine (0 before the first time).</summary>
    public Task<int> TimesPrescribedAsync(TestPractice practice, Guid globalMedicineId) =>
        practice.WithContextAsync(db => db.MedicineUsage.AsNoTracking().Where(u => u.GlobalMedicineId == globalMedicineId)
            .Select(u => u.TimesPrescribed).FirstOrDefaultAsync());

    /// <summary>The last value of a running number today (0 when none was issued).</summary>
    public Task<int> LastNumberTodayAsync(TestPractice practice, string kind) =>
        practice.WithContextAsync(db => db.BusinessNumberCounters.AsNoTracking().Where(c => c.Kind == kind && c.Day == Today)
            .Select(c => c.LastValue).FirstOrDefaultAsync());
}

public sealed class SqliteConsultationFixture : ConsultationFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresConsultationFixture(PostgresServer server) : ConsultationFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
