using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Benchmarks.Finalising;

/// <summary>A doctor of the big practice as the benchmark needs them: who signs in, and where and how long they see patients.</summary>
public sealed record BenchmarkDoctor(Guid ProfileId, Guid UserId, string Name, int Minutes, Guid LocationId);

/// <summary>A visit in consultation with its five-line draft saved, ready to be finalised as the page would send it.</summary>
public sealed record PreparedVisit(BenchmarkDoctor Doctor, Guid AppointmentId, ConsultationInput Input, int Version);

/// <summary>
/// Today's visits of the big practice that the benchmark finalises, prepared the way a doctor's page gets there: the
/// appointment is booked for today (written as the owner, numbered by the day's counter like a booking, at times
/// outside the doctor's weekly hours so the generated appointments never clash with them), then, as the visit's
/// doctor, through the app's own services: started (<c>StartAsync</c>, putting the doctor's previous visit aside as
/// "Put … aside and see now" does, so a doctor has several visits in consultation, one of them open; finalising
/// does the same work for either), opened (<c>ConsultationQueries.OpenAsync</c>, which gives the version) and written
/// (<c>SaveDraftAsync</c>): a diagnosis, vitals and five global medicines, one of them amoxicillin for a patient with
/// a recorded penicillin allergy, whose warning the doctor then confirms.
/// </summary>
public sealed class FinaliseVisits(BenchmarkDatabase database, Guid practiceId)
{
    /// <summary>The five medicines of every draft (brand, strength), from the migrations' global catalogue.</summary>
    public static readonly (string Brand, string Strength)[] Medicines =
    [
        ("Dolo 650", "650 mg"), ("Mox 500", "500 mg"), ("Levocet", "5 mg"), ("Pan 40", "40 mg"), ("Becosules", "B-complex + 150 mg"),
    ];

    /// <summary>The line that warns (amoxicillin, a penicillin) for the benchmark's patients.</summary>
    public const int WarnedLine = 1;

    public const string Allergy = "Penicillin";

    private readonly MedicalDatabase owner = new(DatabaseProvider.Postgres, role => database.ConnectionString(role));
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(MedicalApp.Data.Entities.Practice.DefaultTimeZoneId);

    public TenantSnapshot Practice { get; private set; } = default!;

    public IReadOnlyList<BenchmarkDoctor> Doctors { get; private set; } = [];

    /// <summary>Patients with a penicillin allergy recorded by the generator, and how many the benchmark had to record itself.</summary>
    public int AllergiesRecordedByBenchmark { get; private set; }

    private List<Guid> patients = [];
    private List<Guid> medicineIds = [];

    private CurrentTenant Tenant
    {
        get
        {
            var tenant = new CurrentTenant();
            tenant.Set(Practice);
            return tenant;
        }
    }

    /// <summary>The practice, its doctors, the catalogue's five medicines and <paramref name="patientCount"/> patients with the allergy.</summary>
    public async Task LoadAsync(int patientCount)
    {
        await using (var root = owner.CreateContext(DatabaseRole.Migrations, new CurrentTenant()))
        {
            Practice = TenantSnapshot.From(await root.Practices.AsNoTracking().SingleAsync(p => p.Id == practiceId));
        }

        await using var db = owner.CreateContext(DatabaseRole.Migrations, Tenant);
        Doctors = await db.DoctorProfiles.AsNoTracking().Where(d => d.IsActive)
            .OrderBy(d => d.CreatedAtUtc).ThenBy(d => d.RegistrationNumber)
            .Select(d => new BenchmarkDoctor(d.Id, d.Membership!.UserId, d.Membership.User!.FullName, d.ConsultationMinutes,
                db.DoctorLocations.Where(l => l.DoctorProfileId == d.Id).OrderBy(l => l.ClinicLocationId).Select(l => l.ClinicLocationId).First()))
            .ToListAsync();

        var catalogue = await db.GlobalMedicines.AsNoTracking().Where(m => m.IsActive).ToListAsync();
        medicineIds = [.. Medicines.Select(wanted => catalogue.FirstOrDefault(m => m.BrandName == wanted.Brand && m.Strength == wanted.Strength)?.Id
            ?? throw new InvalidOperationException($"The global catalogue has no {wanted.Brand} {wanted.Strength}: the migrations' catalogue changed."))];

        patients = await db.Patients.AsNoTracking().Where(p => p.IsActive && p.Allergies == Allergy).OrderBy(p => p.Id).Select(p => p.Id).Take(patientCount).ToListAsync();
        if (patients.Count < patientCount)
        {
            // A small data set has few allergies: record the allergy on patients who have none, as a receptionist would.
            var more = await db.Patients.Where(p => p.IsActive && p.Allergies == null).OrderBy(p => p.Id).Take(patientCount - patients.Count).ToListAsync();
            foreach (var patient in more)
            {
                patient.Allergies = Allergy;
            }

            await db.SaveChangesAsync();
            AllergiesRecordedByBenchmark = more.Count;
            patients.AddRange(more.Select(p => p.Id));
        }
    }

    /// <summary>
    /// Books one visit today for each doctor in <paramref name="doctorOfEach"/> (in that order) and returns their
    /// appointment ids, each with a different patient while there are enough.
    /// </summary>
    public async Task<List<(BenchmarkDoctor Doctor, Guid AppointmentId)>> BookTodayAsync(IReadOnlyList<BenchmarkDoctor> doctorOfEach)
    {
        ArgumentNullException.ThrowIfNull(doctorOfEach);
        var nowUtc = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        var freeTimes = doctorOfEach.Distinct().ToDictionary(d => d, d => new Queue<DateTime>(FreeStartsUtc(today, d.Minutes)));
        await using var db = owner.CreateContext(DatabaseRole.Migrations, Tenant);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var booked = new List<(BenchmarkDoctor, Appointment)>();
        for (var i = 0; i < doctorOfEach.Count; i++)
        {
            var doctor = doctorOfEach[i];
            if (!freeTimes[doctor].TryDequeue(out var startsAtUtc))
            {
                throw new InvalidOperationException($"{doctor.Name} has no free time left today for visit {i + 1}: ask for fewer visits.");
            }

            var appointment = new Appointment
            {
                Number = await BusinessNumbers.NextAppointmentNumberAsync(db, today),
                PatientId = patients[i % patients.Count],
                DoctorProfileId = doctor.ProfileId,
                ClinicLocationId = doctor.LocationId,
                StartsAtUtc = startsAtUtc,
                EndsAtUtc = startsAtUtc.AddMinutes(doctor.Minutes),
                Status = AppointmentStatus.Scheduled,
                Reason = "Fever and sore throat",
                CreatedAtUtc = nowUtc,
            };
            db.Appointments.Add(appointment);
            booked.Add((doctor, appointment));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [.. booked.Select(b => (b.Item1, b.Item2.Id))];
    }

    /// <summary>
    /// Starts the visit as its doctor, putting aside the doctor's visit in consultation before it (every visit is
    /// started before any draft is written: putting a visit aside moves its version on, which would make the draft's
    /// version stale).
    /// </summary>
    public static async Task StartAsync(DoctorSession doctor, Guid appointmentId)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        Require(await doctor.Consultations.StartAsync(appointmentId, pauseOpenConsultation: true), "starting the visit");
    }

    /// <summary>Opens and writes the started visit as its doctor; the warning is confirmed on the page afterwards.</summary>
    public static async Task<PreparedVisit> WriteDraftAsync(DoctorSession doctor, BenchmarkDoctor who, Guid appointmentId, IReadOnlyList<Guid> medicines)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        ArgumentNullException.ThrowIfNull(medicines);
        var view = await doctor.Queries.OpenAsync(appointmentId)
            ?? throw new InvalidOperationException($"The consultation page of {appointmentId} did not open for its doctor.");
        var input = view.Input;
        input.Symptoms = "Fever for two days, sore throat, mild cough";
        input.Findings = "Throat congested, tonsils enlarged";
        input.Diagnosis = "Acute pharyngitis";
        input.Advice = "Warm saline gargles; plenty of fluids; rest";
        input.FollowUpOn = DateOnly.FromDateTime(view.LocalStart).AddDays(5);
        input.BloodPressureSystolic = 124;
        input.BloodPressureDiastolic = 82;
        input.PulsePerMinute = 88;
        input.TemperatureCelsius = 38.4m;
        input.WeightKg = 68.5m;
        input.SpO2Percent = 98;
        input.Lines =
        [
            Line(medicines[0], "1 tablet", "1-1-1", "3 days", MedicineTiming.AfterFood, "Only while the temperature is above 100 °F.", 9),
            Line(medicines[1], "1 capsule", "1-0-1", "5 days", MedicineTiming.AfterFood, "Complete the course.", 10),
            Line(medicines[2], "1 tablet", "0-0-1", "5 days", MedicineTiming.AtBedtime, "May cause drowsiness.", 5),
            Line(medicines[3], "1 tablet", "1-0-0", "5 days", MedicineTiming.EmptyStomach, "30 minutes before breakfast.", 5),
            Line(medicines[4], "1 capsule", "0-1-0", "10 days", MedicineTiming.AfterFood, null, 10),
        ];
        var saved = Require(await doctor.Consultations.SaveDraftAsync(appointmentId, input, view.Version), "saving the draft");
        if (saved.Warnings is not [{ Index: WarnedLine }])
        {
            throw new InvalidOperationException(
                $"Expected one warning, on amoxicillin, for a patient allergic to penicillin; the draft has {saved.Warnings.Count}: {string.Join(" / ", saved.Warnings.Select(w => w.Message))}");
        }

        // The doctor ticks "prescribe anyway" on the warned line, and finalises from the version the save returned.
        input.Lines[WarnedLine].WarningConfirmed = true;
        return new PreparedVisit(who, appointmentId, input, saved.Version);
    }

    public IReadOnlyList<Guid> MedicineIds => medicineIds;

    private static PrescriptionLineInput Line(Guid medicine, string dose, string frequency, string duration, MedicineTiming timing, string? instructions, int quantity) => new()
    {
        IsGlobal = true, MedicineId = medicine, Dose = dose, Frequency = frequency, Duration = duration, Timing = timing,
        Instructions = instructions, Quantity = quantity,
    };

    public static T Require<T>(ChangeResult<T> result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome == ChangeOutcome.Done && result.Value is { } value
            ? value
            : throw new InvalidOperationException($"{what} was not done: {result.Outcome} — {result.Summary()}");
    }

    /// <summary>
    /// Start times today outside the generated weekly hours (09:00–13:00 and 17:00–21:00 local): the afternoon, the
    /// late evening, then the early morning, each visit as long as the doctor's consultations.
    /// </summary>
    private IEnumerable<DateTime> FreeStartsUtc(DateOnly today, int minutes)
    {
        foreach (var (from, to) in new[] { (13, 17), (21, 24), (0, 9) })
        {
            var end = today.ToDateTime(TimeOnly.MinValue).AddHours(to);
            for (var start = today.ToDateTime(TimeOnly.MinValue).AddHours(from); start.AddMinutes(minutes) <= end; start = start.AddMinutes(minutes))
            {
                yield return TimeZoneInfo.ConvertTimeToUtc(start, zone);
            }
        }
    }
}
