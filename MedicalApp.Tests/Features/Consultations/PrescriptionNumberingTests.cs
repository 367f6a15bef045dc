using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Consultations;

/// <summary>
/// Prescription numbers when a whole practice finalises at once: every finalisation through the service in its own
/// scope and transaction, all released together, and still RX-day-0001 … N exactly once each, no gaps. A doctor has one
/// consultation open at a time, so each visit has its own doctor (the honest set-up: N doctors finishing together).
/// </summary>
public abstract class PrescriptionNumberingTests(ConsultationFixture fixture)
{
    protected abstract int ParallelFinalisations { get; }

    [Fact]
    public async Task Finalisations_at_the_same_moment_get_every_number_of_the_day_once()
    {
        // A practice of its own, so its counter starts at 1 today.
        var practice = await fixture.Db.CreatePracticeAsync(clock: AppointmentFixture.NewClock());
        var location = await practice.AddLocationAsync("Main clinic");
        var visits = new List<(TestDoctor Doctor, Guid Appointment)>();
        for (var i = 0; i < ParallelFinalisations; i++)
        {
            var doctor = await practice.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)]);
            var patient = await practice.AddPatientAsync("Patient", $"No {i + 1}");
            var appointment = await practice.AddAppointmentAsync(doctor.Id, location, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 10));
            await ChangeAssert.DoneAsync(practice.As(doctor.Member).Get<ConsultationService>().StartAsync(appointment));
            visits.Add((doctor, appointment));
        }

        var dolo = fixture.Medicine("Dolo 650").Id;
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finalisations = visits.Select(visit => Task.Run(async () =>
        {
            // The wide pool holds a connection for every finalisation waiting on the practice's lock.
            var service = fixture.WideServices.Scope(practice.Id, visit.Doctor.Member, practice.Clock).Get<ConsultationService>();
            var input = new ConsultationInput
            {
                Diagnosis = "Viral fever",
                Lines = [new PrescriptionLineInput { IsGlobal = true, MedicineId = dolo, Dose = "1 tablet", Frequency = "1-0-1" }],
            };
            await released.Task;
            return await service.FinaliseAsync(visit.Appointment, input, 0);
        })).ToList();
        released.SetResult();
        var results = await Task.WhenAll(finalisations);

        Assert.All(results, r => Assert.True(r.Outcome == ChangeOutcome.Done, r.Summary()));
        var expected = Enumerable.Range(1, ParallelFinalisations).Select(n => BusinessNumbers.Format(BusinessNumbers.PrescriptionKind, AppointmentFixture.Today, n)).ToList();
        Assert.Equal(expected, results.Select(r => r.Value!.Number!).Order(StringComparer.Ordinal));
        var stored = await practice.WithContextAsync(db => db.Prescriptions.AsNoTracking().Select(p => new { p.Number, p.Status, p.AppointmentId }).ToListAsync());
        Assert.Equal(expected, stored.Select(p => p.Number!).Order(StringComparer.Ordinal));
        Assert.All(stored, p => Assert.Equal(PrescriptionStatus.Active, p.Status));
        Assert.Equal(visits.Select(v => v.Appointment).Order(), stored.Select(p => p.AppointmentId).Order());
        Assert.Equal(ParallelFinalisations, await practice.WithContextAsync(db => db.BusinessNumberCounters.AsNoTracking()
            .Where(c => c.Kind == BusinessNumbers.PrescriptionKind && c.Day == AppointmentFixture.Today).Select(c => c.LastValue).SingleAsync()));
        Assert.Equal(ParallelFinalisations, await practice.WithContextAsync(db => db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Completed)));
        Assert.Equal(ParallelFinalisations, await practice.WithContextAsync(db => db.MedicineUsage.Where(u => u.GlobalMedicineId == dolo).Select(u => u.TimesPrescribed).SingleAsync()));
    }
}

public sealed class PostgresPrescriptionNumberingTests(PostgresConsultationFixture fixture)
    : PrescriptionNumberingTests(fixture), IClassFixture<PostgresConsultationFixture>
{
    protected override int ParallelFinalisations => 50;
}

public sealed class SqlitePrescriptionNumberingTests(SqliteConsultationFixture fixture)
    : PrescriptionNumberingTests(fixture), IClassFixture<SqliteConsultationFixture>
{
    protected override int ParallelFinalisations => 10;
}
