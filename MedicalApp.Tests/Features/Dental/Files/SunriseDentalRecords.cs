using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Dental.Attachments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// A new patient of Sunrise Dental Care (the dental demo practice) with a visit of its owner, a caries observation
/// and the filling that treated it, written straight into the app's database, for the endpoint and browser tests.
/// </summary>
public sealed record SunriseDentalRecords(Guid PatientId, string PatientName, Guid ObservationId, Guid ProcedureId, Guid ConsultationId, Guid OwnerUserId)
{
    public const string Slug = "sunrise";

    public const string OwnerEmail = "owner@sunrise.test";

    public static async Task<SunriseDentalRecords> CreateAsync(MedicalAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tag = Guid.NewGuid().ToString("N")[..6];
        return await app.InPracticeAsync(Slug, async db =>
        {
            var doctor = await db.DoctorProfiles.Where(d => d.Membership!.User!.Email == OwnerEmail).Select(d => new { d.Id, d.Membership!.UserId }).SingleAsync();
            var location = await db.ClinicLocations.OrderBy(l => l.CreatedAtUtc).Select(l => l.Id).FirstAsync();
            var patient = new Patient
            {
                FirstName = "Lakshmi", LastName = "Rao " + tag, FirstNameKey = "lakshmi", SearchName = $"lakshmi rao {tag}", Mobile = TestPractice.NewMobile(),
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1987, 3, 9), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            // A past half hour of its own: the doctor's appointments may not overlap (PostgreSQL's exclusion constraint).
            var startedAt = DateTime.UtcNow.Date.AddDays(-2).AddMinutes(-30 * Random.Shared.Next(0, 200_000));
            var appointment = new Appointment
            {
                Number = $"APT-{startedAt:yyyyMMdd}-S{Random.Shared.Next(1000, 9999)}", PatientId = patient.Id, DoctorProfileId = doctor.Id, ClinicLocationId = location,
                StartsAtUtc = startedAt, EndsAtUtc = startedAt.AddMinutes(30), Status = AppointmentStatus.Completed, CreatedAtUtc = startedAt,
            };
            db.Appointments.Add(appointment);
            var consultation = new Consultation
            {
                AppointmentId = appointment.Id, PatientId = patient.Id, DoctorProfileId = doctor.Id, StartedAtUtc = startedAt, CompletedAtUtc = startedAt.AddMinutes(30),
                ChiefComplaint = "Food lodgement lower right", Diagnosis = "Caries 46", UpdatedAtUtc = startedAt,
            };
            db.Consultations.Add(consultation);
            var observation = new DentalObservation
            {
                PatientId = patient.Id, ConsultationId = consultation.Id, DoctorProfileId = doctor.Id, Tooth = 46, Surfaces = ToothSurfaces.OcclusalIncisal,
                Condition = DentalCondition.Caries, Severity = DentalSeverity.Mild, Notes = "Occlusal pit caries", RecordedAtUtc = startedAt, UpdatedAtUtc = startedAt,
            };
            db.DentalObservations.Add(observation);
            var procedure = new DentalProcedure
            {
                PatientId = patient.Id, DoctorProfileId = doctor.Id, ConsultationId = consultation.Id, CompletedInConsultationId = consultation.Id, Code = "D2391",
                Name = "Resin composite, one surface, posterior", EstimatedCost = 1800m, ActualCost = 1800m, Status = DentalProcedureStatus.Completed,
                CompletedOn = DateOnly.FromDateTime(startedAt), CreatedAtUtc = startedAt, UpdatedAtUtc = startedAt,
            };
            procedure.Teeth.Add(new DentalProcedureTooth { PatientId = patient.Id, Tooth = 46 });
            db.DentalProcedures.Add(procedure);
            await db.SaveChangesAsync();
            db.Add(new DentalProcedureObservation { ProcedureId = procedure.Id, ObservationId = observation.Id });
            await db.SaveChangesAsync();
            return new SunriseDentalRecords(patient.Id, $"{patient.FirstName} {patient.LastName}", observation.Id, procedure.Id, consultation.Id, doctor.UserId);
        });
    }

    /// <summary>An offline case study of the observation and the procedure, as Sunrise's owner composes it.</summary>
    public async Task<Guid> CaseStudyAsync(MedicalAppFactory app, string title = "Occlusal caries 46")
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = new MedicalApp.Web.Features.Dental.CaseStudies.CaseStudyRequest { Title = title };
        request.ObservationIds.Add(ObservationId);
        request.ProcedureIds.Add(ProcedureId);
        var result = await app.WithPracticeServicesAsync(Slug, OwnerUserId, services =>
            services.GetRequiredService<MedicalApp.Web.Features.Dental.CaseStudies.CaseStudyService>().CreateAsync(PatientId, request));
        Assert.True(result.Outcome == MedicalApp.Web.Services.Changes.ChangeOutcome.Done, result.Message);
        return result.Value;
    }

    /// <summary>Uploads a file onto the visit as Sunrise's owner, through the service as the gallery does.</summary>
    public async Task<Guid> UploadAsync(MedicalAppFactory app, byte[] content, string fileName, DentalAttachmentKind kind = DentalAttachmentKind.XRay)
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.WithPracticeServicesAsync(Slug, OwnerUserId, services => services.GetRequiredService<AttachmentService>()
            .UploadAsync(AttachmentOwner.Visit(PatientId, ConsultationId), new AttachmentUploadInput { Kind = kind }, new MemoryStream(content), fileName));
        Assert.True(result.Outcome == MedicalApp.Web.Services.Changes.ChangeOutcome.Done, result.Message);
        return result.Value;
    }
}
