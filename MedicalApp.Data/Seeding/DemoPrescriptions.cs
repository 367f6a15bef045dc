using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Data.Seeding;

/// <summary>
/// The demo doctor's completed visit of this morning gets its consultation and a finalised prescription, so a fresh
/// `dotnet run` has a prescription to open and print. Added once, when the practice has no prescription yet.
/// </summary>
internal static class DemoPrescriptions
{
    private static readonly (string Brand, string Dose, string Frequency, string Duration, MedicineTiming Timing, int Quantity, string? Instructions)[] Lines =
    [
        ("Telma 40", "1 tablet", "1-0-0", "30 days", MedicineTiming.AfterFood, 30, null),
        ("Amlong 5", "1 tablet", "0-0-1", "30 days", MedicineTiming.AfterFood, 30, "Check blood pressure weekly and bring the readings."),
    ];

    public static async Task EnsureAsync(IServiceScopeFactory scopeFactory, Practice demo, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(demo));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync(cancellationToken);
        if (await db.Prescriptions.AnyAsync(cancellationToken))
        {
            return;
        }

        var visit = await db.Appointments
            .Where(a => a.Status == AppointmentStatus.Completed && a.Doctor!.Membership!.User!.Email == "doctor@demo.test")
            .OrderBy(a => a.StartsAtUtc).FirstOrDefaultAsync(cancellationToken);
        var brands = Lines.Select(l => l.Brand).ToList();
        var medicines = await db.GlobalMedicines.Where(m => brands.Contains(m.BrandName)).ToListAsync(cancellationToken);
        if (visit is null || medicines.Count != Lines.Length)
        {
            return;
        }

        var doctorUserId = await db.DoctorProfiles.Where(d => d.Id == visit.DoctorProfileId).Select(d => d.Membership!.UserId).FirstAsync(cancellationToken);
        var finishedAt = visit.EndsAtUtc;
        var consultation = new Consultation
        {
            AppointmentId = visit.Id, PatientId = visit.PatientId, DoctorProfileId = visit.DoctorProfileId,
            StartedAtUtc = visit.StartsAtUtc, CompletedAtUtc = finishedAt, UpdatedAtUtc = finishedAt,
            ChiefComplaint = visit.Reason, Findings = "No oedema. Heart sounds normal.", Diagnosis = "Essential hypertension, controlled",
            Advice = "Less salt, a 30-minute walk daily, no smoking.", FollowUpOn = DateOnly.FromDateTime(finishedAt).AddDays(30),
            BloodPressureSystolic = 138, BloodPressureDiastolic = 88, PulsePerMinute = 76, WeightKg = 74.5m, SpO2Percent = 98,
        };
        db.Consultations.Add(consultation);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(finishedAt, DemoPatients.FindZone(demo.TimeZoneId)));
        var prescription = new Prescription
        {
            ConsultationId = consultation.Id, AppointmentId = visit.Id, PatientId = visit.PatientId, DoctorProfileId = visit.DoctorProfileId,
            ClinicLocationId = visit.ClinicLocationId, Number = $"RX-{day:yyyyMMdd}-0001", Status = PrescriptionStatus.Active,
            Diagnosis = consultation.Diagnosis, Advice = consultation.Advice, FollowUpOn = consultation.FollowUpOn,
            CreatedAtUtc = finishedAt, CreatedByUserId = doctorUserId, FinalisedAtUtc = finishedAt, FinalisedByUserId = doctorUserId,
            StatusChangedAtUtc = finishedAt,
        };
        foreach (var (line, position) in Lines.Select((l, i) => (l, i + 1)))
        {
            var medicine = medicines.First(m => m.BrandName == line.Brand);
            prescription.Lines.Add(new PrescriptionLine
            {
                Position = position, GlobalMedicineId = medicine.Id, BrandName = medicine.BrandName, GenericName = medicine.GenericName,
                Strength = medicine.Strength, DosageForm = medicine.DosageForm, DrugClass = medicine.DrugClass, Dose = line.Dose,
                Frequency = line.Frequency, Duration = line.Duration, Timing = line.Timing, Quantity = line.Quantity, Instructions = line.Instructions,
            });
            db.MedicineUsage.Add(new MedicineUsage { GlobalMedicineId = medicine.Id, TimesPrescribed = 1, LastPrescribedAtUtc = finishedAt });
        }

        db.Prescriptions.Add(prescription);
        db.BusinessNumberCounters.Add(new BusinessNumberCounter { Kind = "RX", Day = day, LastValue = 1 });
        await db.SaveChangesAsync(cancellationToken);
    }
}
