using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Consultations;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Consultations;

namespace MedicalApp.Tests.Features.Prescriptions;

/// <summary>A prescription a test had written: who wrote it, for whom, on which visit, and its number.</summary>
public sealed record WrittenPrescription(TestDoctor Doctor, Guid Patient, Guid Appointment, Guid Id, string Number);

/// <summary>
/// Prescriptions written the way a doctor writes them, through the consultation service on the consultation fixture's
/// day (Tuesday 10 March 2026 in Chennai): the visit is started, the medicines written, and the prescription finalised.
/// </summary>
public static class Prescribing
{
    private static int slot;

    /// <summary>
    /// A finalised prescription at <paramref name="location"/> of <paramref name="practice"/>, by a new doctor unless
    /// one is given, for a new patient unless one is given, with one line per brand (Dolo 650 by default).
    /// </summary>
    public static async Task<WrittenPrescription> FinalisedAsync(
        ConsultationFixture fixture, TestPractice practice, Guid location, TestDoctor? doctor = null, Guid? patient = null, params string[] brands)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(practice);
        doctor ??= await practice.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)]);
        patient ??= await fixture.PatientAsync(practice, firstName: "Meena", lastName: "Iyer");
        // Each visit of the run at its own quarter hour of the day, so one doctor's visits never overlap.
        var minutes = 15 * Interlocked.Increment(ref slot) % (12 * 60);
        var appointment = await practice.AddAppointmentAsync(doctor.Id, location, patient.Value,
            AppointmentFixture.Utc(AppointmentFixture.Today, 9 + (minutes / 60), minutes % 60), minutes: 15, reason: "Fever");
        var consultations = practice.As(doctor.Member).Get<ConsultationService>();
        await ChangeAssert.DoneAsync(consultations.StartAsync(appointment));
        var finished = await ChangeAssert.DoneAsync(consultations.FinaliseAsync(appointment, Written(fixture, brands.Length == 0 ? ["Dolo 650"] : brands), 0));
        return new WrittenPrescription(doctor, patient.Value, appointment, finished.PrescriptionId!.Value, finished.Number!);
    }

    /// <summary>What the consultation page sends for a visit with these medicines (1 tablet, 1-0-1, 5 days each).</summary>
    public static ConsultationInput Written(ConsultationFixture fixture, params string[] brands)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return new ConsultationInput
        {
            ChiefComplaint = "Fever", Diagnosis = "Viral fever",
            Lines = [.. brands.Select(brand => new PrescriptionLineInput
            {
                IsGlobal = true, MedicineId = fixture.Medicine(brand).Id, MedicineLabel = brand, Dose = "1 tablet", Frequency = "1-0-1",
                Duration = "5 days", Timing = MedicineTiming.AfterFood, Quantity = 10,
            })],
        };
    }
}
