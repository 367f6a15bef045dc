using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Administration;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Services.Files;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// A practice with a dental doctor and one patient who has an observation, a procedure and a visit, written straight
/// into the database (the chart and procedure services are another part of the work), for the attachment and
/// case-study tests.
/// </summary>
public sealed class DentalFilesArrange
{
    public required PracticeUnderTest Practice { get; init; }

    public required TestDoctor Doctor { get; init; }

    public required TestMember Nurse { get; init; }

    public required Guid PatientId { get; init; }

    public required Guid ObservationId { get; init; }

    public required Guid ProcedureId { get; init; }

    public required Guid ConsultationId { get; init; }

    public TestMember Owner => Practice.Owner;

    public TestMember Receptionist => Practice.Receptionist;

    public AttachmentService AttachmentsAs(TestMember member) => Practice.Practice.As(member).Get<AttachmentService>();

    public AttachmentOwner OnObservation => AttachmentOwner.Observation(PatientId, ObservationId);

    public AttachmentOwner OnProcedure => AttachmentOwner.Procedure(PatientId, ProcedureId);

    public AttachmentOwner OnVisit => AttachmentOwner.Visit(PatientId, ConsultationId);

    public static async Task<DentalFilesArrange> CreateAsync(DatabaseFixture fixture)
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var doctor = await practice.Practice.AddDoctorAsync(locations: [practice.RegisteredLocationId!.Value], specializations: ["Dentistry"]);
        var nurse = await practice.Practice.AddMemberAsync(PracticeRoles.Nurse);
        var patientId = await practice.Practice.AddPatientAsync("Meena", "Iyer");
        var records = await AddRecordsAsync(practice.Practice, doctor.Id, practice.RegisteredLocationId.Value, patientId);
        return new DentalFilesArrange
        {
            Practice = practice, Doctor = doctor, Nurse = nurse, PatientId = patientId,
            ObservationId = records.ObservationId, ProcedureId = records.ProcedureId, ConsultationId = records.ConsultationId,
        };
    }

    /// <summary>A visit, a caries observation on 36 recorded at it, and a completed filling of 36 that treats it.</summary>
    public static async Task<(Guid ObservationId, Guid ProcedureId, Guid ConsultationId)> AddRecordsAsync(
        TestPractice practice, Guid doctorId, Guid locationId, Guid patientId)
    {
        var startedAt = DateTime.UtcNow.AddHours(-1);
        var appointmentId = await practice.AddAppointmentAsync(doctorId, locationId, patientId, startedAt, status: AppointmentStatus.Completed);
        await using var db = practice.Db.CreateContext(practice.Id, DatabaseRole.Platform);
        var consultation = new Consultation
        {
            AppointmentId = appointmentId, PatientId = patientId, DoctorProfileId = doctorId, StartedAtUtc = startedAt, CompletedAtUtc = startedAt.AddMinutes(30),
            ChiefComplaint = "Pain on chewing, lower left", Diagnosis = "Deep caries 36", UpdatedAtUtc = startedAt,
        };
        db.Consultations.Add(consultation);
        var observation = new DentalObservation
        {
            PatientId = patientId, ConsultationId = consultation.Id, DoctorProfileId = doctorId, Tooth = 36,
            Surfaces = ToothSurfaces.Mesial | ToothSurfaces.OcclusalIncisal | ToothSurfaces.Distal, Condition = DentalCondition.Caries,
            Severity = DentalSeverity.Moderate, Notes = "Sensitive to cold", RecordedAtUtc = startedAt, UpdatedAtUtc = startedAt, TreatedAtUtc = startedAt.AddMinutes(25),
        };
        db.DentalObservations.Add(observation);
        var procedure = new DentalProcedure
        {
            PatientId = patientId, DoctorProfileId = doctorId, ConsultationId = consultation.Id, CompletedInConsultationId = consultation.Id,
            Code = "D2393", Name = "Resin composite, three surfaces, posterior", EstimatedCost = 3500m, ActualCost = 3200m,
            Status = DentalProcedureStatus.Completed, CompletedOn = DateOnly.FromDateTime(startedAt), Notes = "MOD composite under rubber dam",
            CreatedAtUtc = startedAt, UpdatedAtUtc = startedAt,
        };
        procedure.Teeth.Add(new DentalProcedureTooth { PatientId = patientId, Tooth = 36 });
        db.DentalProcedures.Add(procedure);
        await db.SaveChangesAsync();
        db.Add(new DentalProcedureObservation { ProcedureId = procedure.Id, ObservationId = observation.Id });
        await db.SaveChangesAsync();
        return (observation.Id, procedure.Id, consultation.Id);
    }
}

/// <summary>Files of each attachment format, made in code.</summary>
public static class AttachmentSamples
{
    /// <summary>A real PNG of <paramref name="width"/>×<paramref name="height"/> (an X-ray-like grey gradient).</summary>
    public static byte[] Png(int width = 640, int height = 480) => Encode(width, height, SkiaSharp.SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width = 800, int height = 600) => Encode(width, height, SkiaSharp.SKEncodedImageFormat.Jpeg);

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A DICOM Part 10 start: 128 zero bytes, "DICM", then a group-2 element.</summary>
    public static byte[] Dicom() => [.. new byte[128], .. "DICM"u8, 0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L', 0x04, 0x00, 0x00, 0x00, 0x00, 0x00];

    /// <summary>A Windows program's start (MZ header), as a renamed .exe would be.</summary>
    public static byte[] Executable() => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. new byte[200]];

    public static bool IsJpeg(byte[] content) => ImageFormats.Detect(content) == ImageFormats.Jpeg;

    private static byte[] Encode(int width, int height, SkiaSharp.SKEncodedImageFormat format)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            using var shader = SkiaSharp.SKShader.CreateLinearGradient(new SkiaSharp.SKPoint(0, 0), new SkiaSharp.SKPoint(width, height),
                [SkiaSharp.SKColors.Black, SkiaSharp.SKColors.LightGray], SkiaSharp.SKShaderTileMode.Clamp);
            using var paint = new SkiaSharp.SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
