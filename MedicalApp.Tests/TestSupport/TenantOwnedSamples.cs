using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// A valid new row of each tenant-owned entity, and a change to make to it. The isolation matrix runs over this list,
/// and a test fails when the model has a tenant-owned entity that is missing here: a new entity joins the matrix
/// by adding one line.
/// </summary>
public sealed record TenantOwnedSample(Type EntityType, Func<MedicalDbContext, ITenantOwned> Create, Action<ITenantOwned> Change)
{
    public override string ToString() => EntityType.Name;
}

public static class TenantOwnedSamples
{
    public static IReadOnlyList<TenantOwnedSample> All { get; } =
    [
        new(typeof(ClinicLocation),
            _ => new ClinicLocation { Name = "Sample clinic", Address = "1 Sample Street", CreatedAtUtc = DateTime.UtcNow },
            e => ((ClinicLocation)e).Name = "Renamed clinic"),
        new(typeof(PracticeMembership), NewMembership, e => ((PracticeMembership)e).Roles = PracticeRoles.Admin),
        new(typeof(StaffInvitation),
            _ =>
            {
                var email = $"invited-{Guid.NewGuid():N}@sample.test";
                return new StaffInvitation
                {
                    Email = email, NormalizedEmail = email.ToUpperInvariant(), FullName = "Invited Person", Roles = PracticeRoles.Nurse,
                    TokenHash = Guid.NewGuid().ToString("N"), ExpiresAtUtc = DateTime.UtcNow.AddDays(7), CreatedAtUtc = DateTime.UtcNow,
                };
            },
            e => ((StaffInvitation)e).Status = StaffInvitationStatus.Revoked),
        new(typeof(DoctorProfile), NewDoctor, e => ((DoctorProfile)e).ConsultationFee = 750m),
        new(typeof(DoctorLocation),
            db =>
            {
                var location = new DoctorLocation { ClinicLocation = NewLocation() };
                NewDoctor(db).Locations.Add(location);
                return location;
            },
            e => ((DoctorLocation)e).ClinicLocationId = Guid.CreateVersion7()),
        new(typeof(DoctorAvailability),
            db =>
            {
                var location = NewLocation();
                db.Add(location);
                var slot = new DoctorAvailability { ClinicLocationId = location.Id, Day = DayOfWeek.Monday, StartTime = new(9, 0), EndTime = new(13, 0) };
                NewDoctor(db).Availability.Add(slot);
                return slot;
            },
            e => ((DoctorAvailability)e).EndTime = new(14, 0)),
        new(typeof(DoctorLeave),
            db =>
            {
                var leave = new DoctorLeave { Date = new DateOnly(2026, 12, 25), Reason = "Holiday" };
                NewDoctor(db).Leave.Add(leave);
                return leave;
            },
            e => ((DoctorLeave)e).Reason = "Conference"),
        new(typeof(StoredFile),
            _ => new StoredFile { Purpose = StoredFilePurpose.Logo, FileName = "logo.png", ContentType = "image/png", SizeBytes = 1234, StorageKey = "logo/sample.png", CreatedAtUtc = DateTime.UtcNow },
            e => ((StoredFile)e).FileName = "renamed.png"),
        new(typeof(OutboxEmail),
            _ => new OutboxEmail { ToAddress = "someone@sample.test", Subject = "Welcome", Purpose = "Sample", ProtectedBody = "x", CreatedAtUtc = DateTime.UtcNow, NextAttemptAtUtc = DateTime.UtcNow },
            e => ((OutboxEmail)e).Subject = "Changed"),
        new(typeof(Patient), _ => NewPatient(), e => ((Patient)e).Allergies = "Penicillin"),
        new(typeof(Appointment), NewAppointment, e => ((Appointment)e).Status = AppointmentStatus.Confirmed),
        new(typeof(BusinessNumberCounter),
            _ => new BusinessNumberCounter { Kind = "T" + Guid.NewGuid().ToString("N")[..6], Day = new DateOnly(2026, 12, 1), LastValue = 1 },
            e => ((BusinessNumberCounter)e).LastValue = 99),
        new(typeof(SubscriptionChange),
            _ => new SubscriptionChange { FromPlan = PracticePlan.Trial, ToPlan = PracticePlan.Basic, Description = "Upgraded to Basic", ChangedAtUtc = DateTime.UtcNow },
            e => ((SubscriptionChange)e).Description = "Rewritten"),
        new(typeof(AuditEvent),
            _ => new AuditEvent { Action = "SampleAction", EntityType = "Sample", EntityId = "1", OccurredAtUtc = DateTime.UtcNow },
            e => ((AuditEvent)e).Details = "rewritten"),
        new(typeof(PracticeMedicine), NewPracticeMedicine, e => ((PracticeMedicine)e).Strength = "650 mg"),
        new(typeof(HiddenGlobalMedicine),
            db => new HiddenGlobalMedicine
            {
                // One the practice has not hidden yet (a practice hides a global medicine once).
                GlobalMedicineId = db.GlobalMedicines.Where(g => !db.HiddenGlobalMedicines.IgnoreQueryFilters().Any(h => h.GlobalMedicineId == g.Id))
                    .OrderBy(g => g.Id).Select(g => g.Id).First(),
                HiddenAtUtc = DateTime.UtcNow,
            },
            e => ((HiddenGlobalMedicine)e).HiddenAtUtc = DateTime.UtcNow.AddDays(-1)),
        new(typeof(MedicineUsage),
            db => new MedicineUsage { PracticeMedicineId = NewPracticeMedicine(db).Id, TimesPrescribed = 1, LastPrescribedAtUtc = DateTime.UtcNow },
            e => ((MedicineUsage)e).TimesPrescribed = 99),
        new(typeof(ShortKey), _ => NewShortKey(), e => ((ShortKey)e).Name = "Renamed key"),
        new(typeof(ShortKeyLine),
            db =>
            {
                var key = NewShortKey();
                db.Add(key);
                var line = new ShortKeyLine { PracticeMedicineId = NewPracticeMedicine(db).Id, Position = 1, Dose = "1 tablet", Frequency = "1-0-1" };
                key.Lines.Add(line);
                return line;
            },
            e => ((ShortKeyLine)e).Dose = "2 tablets"),
        new(typeof(Consultation), NewConsultation, e => ((Consultation)e).Diagnosis = "Viral fever"),
        new(typeof(Prescription), NewPrescription, e => ((Prescription)e).Advice = "Plenty of fluids"),
        new(typeof(PrescriptionLine),
            db =>
            {
                var prescription = NewPrescription(db);
                db.Add(prescription);
                var medicine = NewPracticeMedicine(db);
                var line = new PrescriptionLine
                {
                    PracticeMedicineId = medicine.Id, Position = 1, BrandName = medicine.BrandName, GenericName = medicine.GenericName,
                    Strength = medicine.Strength, DosageForm = medicine.DosageForm, DrugClass = medicine.DrugClass, Dose = "1 tablet",
                };
                prescription.Lines.Add(line);
                return line;
            },
            e => ((PrescriptionLine)e).Dose = "2 tablets"),
        new(typeof(PrintSetting),
            db =>
            {
                var doctor = NewDoctor(db);
                return new PrintSetting
                {
                    DoctorProfileId = doctor.Id, ScopeKey = PrintSetting.ScopeKeyFor(doctor.Id, null), Template = PrintTemplate.Modern,
                    MarginMm = 15, LogoPosition = PrintLogoPosition.Left, FontSizePt = 10m, UpdatedAtUtc = DateTime.UtcNow,
                };
            },
            e => ((PrintSetting)e).MarginMm = 20),
        new(typeof(DentalChart),
            db => new DentalChart { PatientId = AddPatient(db).Id, Dentition = Dentition.Mixed, UpdatedAtUtc = DateTime.UtcNow },
            e => ((DentalChart)e).Dentition = Dentition.Primary),
        new(typeof(DentalObservation), NewObservation, e => ((DentalObservation)e).Severity = DentalSeverity.Severe),
        new(typeof(DentalNoteTemplate),
            _ => new DentalNoteTemplate { Condition = DentalCondition.Caries, Text = "Caries on the occlusal surface.", CreatedAtUtc = DateTime.UtcNow },
            e => ((DentalNoteTemplate)e).Text = "Deep caries."),
        new(typeof(DentalProcedure), NewProcedure, e => ((DentalProcedure)e).EstimatedCost = 2500m),
        new(typeof(DentalProcedureTooth),
            db =>
            {
                var procedure = NewProcedure(db);
                db.Add(procedure);
                var tooth = new DentalProcedureTooth { PatientId = procedure.PatientId, Tooth = 26 };
                procedure.Teeth.Add(tooth);
                return tooth;
            },
            e => ((DentalProcedureTooth)e).Tooth = 27),
        new(typeof(DentalProcedureObservation),
            db =>
            {
                var procedure = NewProcedure(db);
                db.Add(procedure);
                var observation = NewObservation(db);
                observation.PatientId = procedure.PatientId;
                db.Add(observation);
                return new DentalProcedureObservation { ProcedureId = procedure.Id, ObservationId = observation.Id };
            },
            e => ((DentalProcedureObservation)e).ObservationId = Guid.CreateVersion7()),
        new(typeof(DentalProcedureEvent),
            db =>
            {
                var procedure = NewProcedure(db);
                db.Add(procedure);
                return new DentalProcedureEvent { ProcedureId = procedure.Id, Kind = DentalProcedureEventKind.Created, ToStatus = DentalProcedureStatus.Planned, AtUtc = DateTime.UtcNow };
            },
            e => ((DentalProcedureEvent)e).Note = "Changed"),
        new(typeof(DentalPrice), _ => new DentalPrice { Code = "D" + Random.Shared.Next(1000, 9999), Price = 1200m }, e => ((DentalPrice)e).Price = 1500m),
        new(typeof(TreatmentPlan), NewTreatmentPlan, e => ((TreatmentPlan)e).Title = "Revised plan"),
        new(typeof(TreatmentPlanPhase),
            db =>
            {
                var plan = NewTreatmentPlan(db);
                db.Add(plan);
                var phase = new TreatmentPlanPhase { Position = 1, Name = "Phase 1" };
                plan.Phases.Add(phase);
                return phase;
            },
            e => ((TreatmentPlanPhase)e).Name = "Urgent care"),
        new(typeof(DentalAttachment),
            db =>
            {
                var observation = NewObservation(db);
                db.Add(observation);
                var file = NewStoredFile(StoredFilePurpose.Attachment);
                db.Add(file);
                return new DentalAttachment
                {
                    PatientId = observation.PatientId, ObservationId = observation.Id, Kind = DentalAttachmentKind.XRay, Format = AttachmentFormat.Png,
                    StoredFileId = file.Id, FileName = "xray.png", SizeBytes = file.SizeBytes, UploadedAtUtc = DateTime.UtcNow,
                };
            },
            e => ((DentalAttachment)e).Caption = "Bitewing, left"),
        new(typeof(CaseStudy), NewCaseStudy, e => ((CaseStudy)e).Summary = "Revised summary"),
        new(typeof(CaseStudySource),
            db =>
            {
                var study = NewCaseStudy(db);
                db.Add(study);
                var source = new CaseStudySource { Kind = CaseStudySourceKind.Observation, SourceId = Guid.CreateVersion7() };
                study.Sources.Add(source);
                return source;
            },
            e => ((CaseStudySource)e).SourceId = Guid.CreateVersion7()),
        new(typeof(CaseStudyRevision),
            db =>
            {
                var study = NewCaseStudy(db);
                db.Add(study);
                return new CaseStudyRevision { CaseStudyId = study.Id, RevisionNumber = 1, SectionsJson = "{}", SavedAtUtc = DateTime.UtcNow };
            },
            e => ((CaseStudyRevision)e).Reason = "Edited"),
        new(typeof(CaseStudyGeneratorSetting),
            _ => new CaseStudyGeneratorSetting { EndpointUrl = "http://127.0.0.1:9/v1", Model = "sample-model", UpdatedAtUtc = DateTime.UtcNow },
            e => ((CaseStudyGeneratorSetting)e).Model = "other-model"),
        new(typeof(LocationOpeningHours),
            db =>
            {
                var location = NewLocation();
                location.Id = Guid.CreateVersion7();
                db.Add(location);
                return new LocationOpeningHours { ClinicLocationId = location.Id, Day = DayOfWeek.Monday, Opens = new(9, 0), Closes = new(13, 0) };
            },
            e => ((LocationOpeningHours)e).Closes = new(14, 0)),
        new(typeof(ReminderSettings),
            _ => new ReminderSettings { SmsUrlTemplate = "http://127.0.0.1:9/send?to={to}&text={message}", UpdatedAtUtc = DateTime.UtcNow },
            e => ((ReminderSettings)e).HoursBefore = 3),
        new(typeof(ReminderTemplate),
            _ => new ReminderTemplate { Kind = ReminderKind.DayBefore, Channel = ReminderChannel.Sms, Language = "en", Body = "See you tomorrow, {patient}.", UpdatedAtUtc = DateTime.UtcNow },
            e => ((ReminderTemplate)e).Body = "Rewritten"),
        new(typeof(AppointmentMessage),
            db =>
            {
                var appointment = NewAppointment(db);
                db.Add(appointment);
                return new AppointmentMessage
                {
                    AppointmentId = appointment.Id, Kind = ReminderKind.DayBefore, Channel = ReminderChannel.Sms, ForStartsAtUtc = appointment.StartsAtUtc,
                    To = "9876543210", Status = AppointmentMessageStatus.Pending, ProtectedBody = "x", CreatedAtUtc = DateTime.UtcNow, NextAttemptAtUtc = DateTime.UtcNow,
                };
            },
            e => ((AppointmentMessage)e).Status = AppointmentMessageStatus.Skipped),
    ];

    private static Patient AddPatient(MedicalDbContext db)
    {
        var patient = NewPatient();
        patient.Id = Guid.CreateVersion7();
        db.Add(patient);
        return patient;
    }

    private static DentalObservation NewObservation(MedicalDbContext db) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = AddPatient(db).Id, DoctorProfileId = NewDoctor(db).Id, Tooth = 16, Surfaces = ToothSurfaces.OcclusalIncisal,
        Condition = DentalCondition.Caries, RecordedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    private static DentalProcedure NewProcedure(MedicalDbContext db) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = AddPatient(db).Id, DoctorProfileId = NewDoctor(db).Id, Code = "D2391", Name = "Resin composite, one surface, posterior",
        EstimatedCost = 1800m, Status = DentalProcedureStatus.Planned, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    private static TreatmentPlan NewTreatmentPlan(MedicalDbContext db) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = AddPatient(db).Id, DoctorProfileId = NewDoctor(db).Id, Title = "Restorative plan",
        CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    private static CaseStudy NewCaseStudy(MedicalDbContext db) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = AddPatient(db).Id, DoctorProfileId = NewDoctor(db).Id, Title = "Caries on 16 and 26",
        GeneratedBy = "Offline composer", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    private static StoredFile NewStoredFile(StoredFilePurpose purpose) => new()
    {
        Id = Guid.CreateVersion7(), Purpose = purpose, FileName = "sample.png", ContentType = "image/png", SizeBytes = 1234,
        StorageKey = $"attachments/{Guid.NewGuid():N}.png", CreatedAtUtc = DateTime.UtcNow,
    };

    // Numbers are unique per practice: a counter, not a random suffix (two random ones collided once in the matrix).
    private static int sampleAppointments;

    private static Appointment NewAppointment(MedicalDbContext db)
    {
        var location = NewLocation();
        location.Id = Guid.CreateVersion7();
        db.Add(location);
        var patient = NewPatient();
        patient.Id = Guid.CreateVersion7();
        db.Add(patient);
        var doctor = NewDoctor(db);
        var start = new DateTime(2026, 12, 1, 4, 30, 0, DateTimeKind.Utc).AddMinutes(30 * Random.Shared.Next(0, 10_000));
        // Ids as well as navigations: the consultation and prescription samples copy them.
        return new Appointment
        {
            Id = Guid.CreateVersion7(), Number = $"APT-20261201-{Interlocked.Increment(ref sampleAppointments):000000}", Patient = patient, PatientId = patient.Id,
            Doctor = doctor, DoctorProfileId = doctor.Id, ClinicLocation = location, ClinicLocationId = location.Id, StartsAtUtc = start, EndsAtUtc = start.AddMinutes(30), Status = AppointmentStatus.Scheduled,
            CreatedAtUtc = DateTime.UtcNow,
        };
    }

    private static Consultation NewConsultation(MedicalDbContext db)
    {
        var appointment = NewAppointment(db);
        db.Add(appointment);
        return new Consultation
        {
            Id = Guid.CreateVersion7(), Appointment = appointment, PatientId = appointment.PatientId, DoctorProfileId = appointment.DoctorProfileId,
            StartedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
    }

    private static Prescription NewPrescription(MedicalDbContext db)
    {
        var consultation = NewConsultation(db);
        db.Add(consultation);
        var appointment = consultation.Appointment!;
        return new Prescription
        {
            ConsultationId = consultation.Id, Appointment = appointment, PatientId = consultation.PatientId, DoctorProfileId = consultation.DoctorProfileId,
            ClinicLocationId = appointment.ClinicLocationId, Status = PrescriptionStatus.Draft, CreatedAtUtc = DateTime.UtcNow,
        };
    }

    private static PracticeMedicine NewPracticeMedicine(MedicalDbContext db)
    {
        var medicine = new PracticeMedicine
        {
            Id = Guid.CreateVersion7(), BrandName = "Sample " + Guid.NewGuid().ToString("N")[..6], GenericName = "Paracetamol", Strength = "500 mg",
            DosageForm = "Tablet", DrugClass = "Analgesics", Category = "Pain and fever", Manufacturer = "Sample Pharma",
            Schedule = MedicineSchedule.OTC, SearchText = "sample paracetamol", CreatedAtUtc = DateTime.UtcNow,
        };
        db.Add(medicine);
        return medicine;
    }

    private static ShortKey NewShortKey() =>
        new() { Code = "K" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = "Sample key", CreatedAtUtc = DateTime.UtcNow };

    private static PracticeMembership NewMembership(MedicalDbContext db)
    {
        var email = $"member-{Guid.NewGuid():N}@sample.test";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = "Sample Member", SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Users.Add(user);
        return new PracticeMembership { User = user, Roles = PracticeRoles.Doctor, CreatedAtUtc = DateTime.UtcNow };
    }

    private static DoctorProfile NewDoctor(MedicalDbContext db)
    {
        var membership = NewMembership(db);
        db.Add(membership);
        var doctor = new DoctorProfile
        {
            Id = Guid.CreateVersion7(), Membership = membership, RegistrationNumber = "TN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Specializations = ["General Medicine"], ConsultationFee = 500m, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Add(doctor);
        return doctor;
    }

    private static Patient NewPatient()
    {
        var mobile = "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Patient
        {
            FirstName = "Ravi", LastName = "Kumar", FirstNameKey = "ravi", SearchName = "ravi kumar", Mobile = mobile, IsPrimary = true,
            Relationship = FamilyRelationship.Self, Gender = Gender.Male, DateOfBirth = new DateOnly(1980, 5, 17), CreatedAtUtc = DateTime.UtcNow,
        };
    }

    private static ClinicLocation NewLocation() =>
        new() { Name = "Sample clinic " + Guid.NewGuid().ToString("N")[..6], Address = "1 Sample Street", CreatedAtUtc = DateTime.UtcNow };

    public static TenantOwnedSample For(string entityName) => All.Single(s => s.EntityType.Name == entityName);

    public static TheoryData<string> EntityNames => new(All.Select(s => s.EntityType.Name));
}

public static class TenantGraph
{
    /// <summary>
    /// Makes every new row in the context claim <paramref name="practiceId"/>: the sample and the rows it needs
    /// (a doctor for a doctor's leave), so the whole graph is an attempt to write into that practice.
    /// </summary>
    public static void ClaimFor(MedicalDbContext db, Guid practiceId)
    {
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.Property(e => e.TenantId).CurrentValue = practiceId;
        }
    }
}

/// <summary>Generic queries over one tenant-owned entity type, called with the type chosen at run time.</summary>
public static class TenantRows
{
    public static Task<int> CountVisibleAsync(MedicalDbContext db, Type type, Guid id) => Invoke<int>(nameof(CountVisible), type, db, id);

    public static Task<ITenantOwned?> LoadAcrossPracticesAsync(MedicalDbContext db, Type type, Guid id) =>
        Invoke<ITenantOwned?>(nameof(LoadAcrossPractices), type, db, id);

    public static Task<int> ExecuteDeleteVisibleAsync(MedicalDbContext db, Type type, Guid id) => Invoke<int>(nameof(ExecuteDeleteVisible), type, db, id);

    private static Task<int> CountVisible<T>(MedicalDbContext db, Guid id)
        where T : class, ITenantOwned => db.Set<T>().CountAsync(e => e.Id == id);

    private static async Task<ITenantOwned?> LoadAcrossPractices<T>(MedicalDbContext db, Guid id)
        where T : class, ITenantOwned => await db.Set<T>().IgnoreQueryFilters([MedicalDbContext.TenantFilter]).SingleOrDefaultAsync(e => e.Id == id);

    private static Task<int> ExecuteDeleteVisible<T>(MedicalDbContext db, Guid id)
        where T : class, ITenantOwned => db.Set<T>().Where(e => e.Id == id).ExecuteDeleteAsync();

    private static Task<TResult> Invoke<TResult>(string method, Type type, params object[] arguments) =>
        (Task<TResult>)typeof(TenantRows).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, arguments)!;
}
