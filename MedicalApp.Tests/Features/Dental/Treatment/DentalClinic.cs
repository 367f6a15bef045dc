using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Prices;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Features.Dental.TreatmentPlans;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Treatment;

/// <summary>A dental practice for the treatment tests: a doctor, an administrator, a receptionist and a patient, and ways to add what they need.</summary>
public sealed record DentalClinic(TestPractice Practice, TestDoctor Doctor, TestMember Admin, TestMember Reception, Guid PatientId)
{
    public static async Task<DentalClinic> CreateAsync(DatabaseFixture fixture, TimeProvider? clock = null)
    {
        var practice = await fixture.Db.CreatePracticeAsync(clock: clock);
        var doctor = await practice.AddDoctorAsync(specializations: ["Dentistry"], fullName: "Dr Meera Dental " + Guid.NewGuid().ToString("N")[..4]);
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        var reception = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await practice.AddPatientAsync("Anita", "Rao", gender: Gender.Female);
        return new DentalClinic(practice, doctor, admin, reception, patient);
    }

    public DentalProcedureService ProceduresAs(TestMember member) => Practice.As(member).Get<DentalProcedureService>();

    public DentalProcedureService Procedures => ProceduresAs(Doctor.Member);

    public DentalHistoryQueries History => Practice.As(Doctor.Member).Get<DentalHistoryQueries>();

    public TreatmentPlanService PlansAs(TestMember member) => Practice.As(member).Get<TreatmentPlanService>();

    public TreatmentPlanQueries PlanQueries => Practice.As(Doctor.Member).Get<TreatmentPlanQueries>();

    public DentalPriceService PricesAs(TestMember member) => Practice.As(member).Get<DentalPriceService>();

    /// <summary>An observation recorded straight into the practice (the chart's own service is another part's).</summary>
    public Task<Guid> AddObservationAsync(int tooth, DentalCondition condition = DentalCondition.Caries, Guid? patientId = null) =>
        Practice.WithContextAsync(async db =>
        {
            var observation = new DentalObservation
            {
                PatientId = patientId ?? PatientId, DoctorProfileId = Doctor.Id, Tooth = tooth, Condition = condition,
                Surfaces = ToothSurfaces.OcclusalIncisal, RecordedAtUtc = DateTime.UtcNow, RecordedByUserId = Doctor.UserId, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.DentalObservations.Add(observation);
            await db.SaveChangesAsync();
            return observation.Id;
        });

    /// <summary>A visit of the patient with its consultation, written straight into the practice.</summary>
    public async Task<Guid> AddConsultationAsync()
    {
        var location = await Practice.AddLocationAsync();
        var appointment = await Practice.AddAppointmentAsync(Doctor.Id, location, PatientId, DateTime.UtcNow.AddMinutes(-30), status: AppointmentStatus.InProgress);
        return await Practice.WithContextAsync(async db =>
        {
            var consultation = new Consultation
            {
                AppointmentId = appointment, PatientId = PatientId, DoctorProfileId = Doctor.Id, StartedAtUtc = DateTime.UtcNow.AddMinutes(-20), UpdatedAtUtc = DateTime.UtcNow,
            };
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            return consultation.Id;
        });
    }

    public Task<DentalProcedure> ProcedureAsync(Guid id) =>
        Practice.WithContextAsync(db => db.DentalProcedures.AsNoTracking().Include(p => p.Teeth).SingleAsync(p => p.Id == id));

    public Task<List<DentalProcedureEvent>> EventsAsync(Guid id) =>
        Practice.WithContextAsync(db => db.DentalProcedureEvents.AsNoTracking().Where(e => e.ProcedureId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync());

    public Task<List<AuditEvent>> AuditEventsAsync() => Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());

    public async Task<Guid> PlanAsync(string code = "D2391", int[]? teeth = null, Guid[]? observations = null, DateOnly? plannedOn = null, decimal? cost = null) =>
        await ChangeAssert.DoneAsync(Procedures.CreateAsync(PatientId, null, new DentalProcedureInput
        {
            Code = code, Teeth = [.. teeth ?? [36]], ObservationIds = [.. observations ?? []], PlannedOn = plannedOn, EstimatedCost = cost,
        }));
}
