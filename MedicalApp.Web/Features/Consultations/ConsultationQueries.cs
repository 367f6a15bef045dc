using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.ShortKeys;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Consultations;

public sealed record PatientHeader(
    Guid Id, string Name, int? Age, Gender Gender, string Mobile, string? BloodGroup, string? Allergies, string? ChronicConditions);

public sealed record PastVisit(DateTime LocalStart, string Number, string Doctor, string? Diagnosis, IReadOnlyList<string> Medicines);

/// <summary>Everything the consultation page shows and edits, as the database says now.</summary>
public sealed record ConsultationView(
    Guid AppointmentId,
    string AppointmentNumber,
    AppointmentStatus Status,
    DateTime LocalStart,
    string DoctorName,
    string LocationName,
    PatientHeader Patient,
    IReadOnlyList<PastVisit> LastVisits,
    ConsultationInput Input,
    int Version,
    bool IsOwnDoctor,
    bool CanWrite,
    bool IsCorrection,
    bool IsPaused,
    IReadOnlyList<LineWarning> Warnings,
    Guid? FinalPrescriptionId,
    string? FinalPrescriptionNumber,
    string TimeZoneId,
    bool IsDental = false,
    Guid? ConsultationId = null);

/// <summary>
/// Reading a consultation: for its doctor (who may write while it is open) and for administrators (read only). Opening
/// it is recorded against the patient, so it shows in the "who accessed this record" report.
/// </summary>
public sealed class ConsultationQueries(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, AuditTrail audit, TimeProvider clock)
{
    public const int VisitsShown = 3;

    public async Task<ConsultationView?> OpenAsync(Guid appointmentId, bool recordView = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor)
        {
            return null;
        }

        var visit = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
            .Select(a => new
            {
                a.Id, a.Number, a.Status, a.StartsAtUtc, a.DoctorProfileId, a.PatientId,
                Doctor = a.Doctor!.Membership!.User!.FullName,
                Location = a.ClinicLocation!.Name,
            })
            .FirstOrDefaultAsync(cancellationToken);
        var isOwnDoctor = visit is not null && visit.DoctorProfileId == actor.DoctorProfileId && actor.May(PracticePermission.WritePrescriptions);
        if (visit is null || !(isOwnDoctor || actor.May(PracticePermission.TreatAnyPatient)))
        {
            return null;
        }

        var practice = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == visit.PatientId, cancellationToken);
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.AppointmentId == appointmentId, cancellationToken);
        var prescriptions = await db.Prescriptions.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.AppointmentId == appointmentId).OrderByDescending(p => p.VersionNumber).ThenByDescending(p => p.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var draft = prescriptions.FirstOrDefault(p => p.Status == PrescriptionStatus.Draft);
        var final = prescriptions.FirstOrDefault(p => p.Status is PrescriptionStatus.Active or PrescriptionStatus.Completed or PrescriptionStatus.Cancelled);
        var isCorrection = draft is { VersionNumber: > 1 };
        var canWrite = isOwnDoctor && (visit.Status == AppointmentStatus.InProgress || (visit.Status == AppointmentStatus.Completed && isCorrection));

        var input = ToInput(consultation, draft ?? final);
        var terms = AllergyCheck.Terms(patient.Allergies);
        var warnings = Warnings(draft ?? final, terms);

        if (recordView)
        {
            await audit.RecordAsync(actor.Entry(AuditActions.PatientViewed, nameof(Patient), patient.Id.ToString(),
                $"Opened the consultation {visit.Number} of {patient.FirstName} {patient.LastName}."), cancellationToken);
        }

        return new ConsultationView(
            visit.Id, visit.Number, visit.Status, practice.ToLocal(visit.StartsAtUtc), visit.Doctor, visit.Location,
            new PatientHeader(patient.Id, $"{patient.FirstName} {patient.LastName}".Trim(), patient.AgeOn(practice.Today), patient.Gender,
                patient.Mobile, patient.BloodGroup, patient.Allergies, patient.ChronicConditions),
            await LastVisitsAsync(db, practice, patient.Id, appointmentId, cancellationToken),
            input, consultation?.Version ?? 0, isOwnDoctor, canWrite, isCorrection, consultation?.PausedAtUtc is not null, warnings,
            final?.Id, final?.Number, practice.ZoneId,
            (await db.DoctorProfiles.AsNoTracking().FirstOrDefaultAsync(d => d.Id == visit.DoctorProfileId, cancellationToken))?.IsDental == true, consultation?.Id);
    }

    /// <summary>
    /// The medicines of the patient's previous prescription ("repeat last prescription"), as new editable lines; those
    /// the practice no longer offers are left out and named.
    /// </summary>
    public async Task<(IReadOnlyList<PrescriptionLineInput> Lines, IReadOnlyList<string> Unavailable)> LastPrescriptionAsync(
        Guid appointmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.WritePrescriptions, cancellationToken: cancellationToken);
        var patientId = await db.Appointments.Where(a => a.Id == appointmentId).Select(a => (Guid?)a.PatientId).FirstOrDefaultAsync(cancellationToken);
        var last = patientId is null ? null : await db.Prescriptions.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.PatientId == patientId && p.AppointmentId != appointmentId
                && (p.Status == PrescriptionStatus.Active || p.Status == PrescriptionStatus.Completed))
            .OrderByDescending(p => p.FinalisedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return ([], []);
        }

        return await AvailableLinesAsync(db, last.Lines.OrderBy(l => l.Position).ToList(), l => $"{l.BrandName} {l.Strength}", cancellationToken);
    }

    /// <summary>
    /// The lines of the short key <paramref name="code"/> (with or without its slash) for the signed-in doctor, counted
    /// as used; null when there is no such key for them (see <see cref="ShortKeyExpansion"/>).
    /// </summary>
    public async Task<ShortKeyExpanded?> ExpandShortKeyAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.WritePrescriptions, cancellationToken: cancellationToken);
        var expanded = await ShortKeyExpansion.ExpandAsync(db, actor, code.Trim().TrimStart('/'), cancellationToken);
        if (expanded is not null)
        {
            await ShortKeyExpansion.RecordUseAsync(db, expanded.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return expanded;
    }

    /// <summary>A short key's lines as editable prescription lines.</summary>
    public static List<PrescriptionLineInput> LinesOf(ShortKeyExpanded key) =>
        key.Lines.Select(l => new PrescriptionLineInput
        {
            IsGlobal = l.IsGlobal, MedicineId = l.Medicine.Id, MedicineLabel = Label(l.Medicine), Dose = l.Dose, Frequency = l.Frequency,
            Duration = l.Duration, Timing = l.Timing, Instructions = l.Instructions, Quantity = l.Quantity,
        }).ToList();

    private static async Task<(IReadOnlyList<PrescriptionLineInput>, IReadOnlyList<string>)> AvailableLinesAsync<TLine>(
        MedicalDbContext db, IReadOnlyList<TLine> source, Func<TLine, string> describe, CancellationToken cancellationToken)
        where TLine : IMedicineLine
    {
        var refs = source.Select(Ref).ToList();
        var medicines = await MedicineLookup.FindAsync(db, refs, cancellationToken);
        var lines = new List<PrescriptionLineInput>();
        var unavailable = new List<string>();
        foreach (var line in source)
        {
            if (!medicines.TryGetValue(Ref(line), out var medicine))
            {
                unavailable.Add(describe(line));
                continue;
            }

            lines.Add(new PrescriptionLineInput
            {
                IsGlobal = line.GlobalMedicineId is not null, MedicineId = medicine.Id, MedicineLabel = Label(medicine),
                Dose = line.Dose, Frequency = line.Frequency, Duration = line.Duration, Timing = line.Timing,
                Instructions = line.Instructions, Quantity = line.Quantity,
            });
        }

        return (lines, unavailable);

        static (bool, Guid) Ref(TLine line) => (line.GlobalMedicineId is not null, line.GlobalMedicineId ?? line.PracticeMedicineId!.Value);
    }

    /// <summary>The open locations where the signed-in doctor practises (for "See now"); none for anyone who does not prescribe.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> MyLocationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { DoctorProfileId: { } doctorId } actor || !actor.May(PracticePermission.WritePrescriptions))
        {
            return [];
        }

        var rows = await db.DoctorLocations.AsNoTracking().Where(l => l.DoctorProfileId == doctorId && l.ClinicLocation!.IsActive)
            .OrderBy(l => l.ClinicLocation!.Name).Select(l => new { l.ClinicLocationId, l.ClinicLocation!.Name }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.ClinicLocationId, r.Name)).ToList();
    }

    public static string Label(IMedicine medicine) => $"{medicine.BrandName} · {medicine.GenericName} {medicine.Strength} {medicine.DosageForm}";

    private static ConsultationInput ToInput(Consultation? consultation, Prescription? prescription) => new()
    {
        ChiefComplaint = consultation?.ChiefComplaint,
        Symptoms = consultation?.Symptoms,
        Findings = consultation?.Findings,
        Diagnosis = consultation?.Diagnosis,
        Advice = consultation?.Advice,
        FollowUpOn = consultation?.FollowUpOn,
        BloodPressureSystolic = consultation?.BloodPressureSystolic,
        BloodPressureDiastolic = consultation?.BloodPressureDiastolic,
        PulsePerMinute = consultation?.PulsePerMinute,
        TemperatureCelsius = consultation?.TemperatureCelsius,
        WeightKg = consultation?.WeightKg,
        SpO2Percent = consultation?.SpO2Percent,
        Lines = prescription?.Lines.OrderBy(l => l.Position).Select(l => new PrescriptionLineInput
        {
            IsGlobal = l.GlobalMedicineId is not null,
            MedicineId = l.GlobalMedicineId ?? l.PracticeMedicineId,
            MedicineLabel = $"{l.BrandName} · {l.GenericName} {l.Strength} {l.DosageForm}",
            Dose = l.Dose, Frequency = l.Frequency, Duration = l.Duration, Timing = l.Timing, Instructions = l.Instructions,
            Quantity = l.Quantity, WarningConfirmed = l.ConfirmedWarning is not null,
        }).ToList() ?? [],
    };

    private static List<LineWarning> Warnings(Prescription? prescription, IReadOnlyList<string> terms)
    {
        var warnings = new List<LineWarning>();
        var lines = prescription?.Lines.OrderBy(l => l.Position).ToList() ?? [];
        var generics = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var warning = AllergyCheck.NextLineWarning(terms, line.BrandName, line.GenericName, line.DrugClass, generics);
            if (warning is not null)
            {
                warnings.Add(new LineWarning(i, warning));
            }
        }

        return warnings;
    }

    private static async Task<IReadOnlyList<PastVisit>> LastVisitsAsync(
        MedicalDbContext db, PracticeClock practice, Guid patientId, Guid exceptAppointmentId, CancellationToken cancellationToken)
    {
        var visits = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.Id != exceptAppointmentId && a.Status == AppointmentStatus.Completed)
            .OrderByDescending(a => a.StartsAtUtc).Take(VisitsShown)
            .Select(a => new { a.Id, a.Number, a.StartsAtUtc, Doctor = a.Doctor!.Membership!.User!.FullName })
            .ToListAsync(cancellationToken);
        var ids = visits.Select(v => v.Id).ToList();
        var diagnoses = await db.Consultations.AsNoTracking().Where(c => ids.Contains(c.AppointmentId))
            .ToDictionaryAsync(c => c.AppointmentId, c => c.Diagnosis, cancellationToken);
        // A plain join: reaching the lines through the navigation inside SelectMany needs APPLY, which SQLite lacks.
        var medicines = await db.Prescriptions.AsNoTracking()
            .Where(p => ids.Contains(p.AppointmentId) && (p.Status == PrescriptionStatus.Active || p.Status == PrescriptionStatus.Completed))
            .Join(db.PrescriptionLines.AsNoTracking(), p => p.Id, l => l.PrescriptionId,
                (p, l) => new { p.AppointmentId, l.Position, Name = l.BrandName + " " + l.Strength })
            .ToListAsync(cancellationToken);
        return visits.Select(v => new PastVisit(practice.ToLocal(v.StartsAtUtc), v.Number, v.Doctor, diagnoses.GetValueOrDefault(v.Id),
            medicines.Where(m => m.AppointmentId == v.Id).OrderBy(m => m.Position).Select(m => m.Name).ToList())).ToList();
    }
}
