using System.Diagnostics;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace MedicalApp.Benchmarks;

/// <summary>A doctor of a generated practice, with what the measurements need to book and compute slots.</summary>
public sealed record GeneratedDoctor(Guid ProfileId, int Minutes, IReadOnlyList<DoctorAvailability> Availability, IReadOnlySet<DateOnly> Leave);

/// <summary>What the measurements need to know about the data set.</summary>
public sealed record GeneratedDataSet(
    Guid BigPractice,
    Guid SmallPractice,
    IReadOnlyList<GeneratedDoctor> BigDoctors,
    IReadOnlyList<Guid> BigPatientSample,
    DateOnly Today,
    IReadOnlyDictionary<Guid, int> AppointmentsPerDoctor,
    SearchTerms Terms,
    long Patients,
    long Appointments,
    TimeSpan Elapsed);

/// <summary>The search terms, chosen from the generated data so "rare", "common" and "no match" are what they say.</summary>
public sealed record SearchTerms(string RareName, string CommonName, string NoMatchName, string RareMobile, string CommonMobile, string NoMatchMobile);

/// <summary>
/// Generates the data set. Practices, users, members, doctors and their schedules go through EF as the owner role
/// (small, and the app's own mapping). Patients, appointments and number counters go in by binary COPY: PostgreSQL
/// refuses COPY FROM into a table whose row-level security applies to the caller (and FORCE applies it to the owner),
/// so each practice's rows are copied into temporary staging tables and moved with one INSERT … SELECT per table,
/// as the owner with app.tenant_id set to that practice — every row still passes the policy's WITH CHECK.
/// </summary>
public sealed class DataSetGenerator(BenchmarkDatabase database, BenchmarkOptions options)
{
    private static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById(Practice.DefaultTimeZoneId);

    private static readonly string[] PatientColumns =
    [
        "TenantId", "Id", "FirstName", "LastName", "FirstNameKey", "SearchName", "DateOfBirth", "AgeYears", "AgeRecordedOn", "Gender",
        "Mobile", "IsPrimary", "Relationship", "Email", "Address", "EmergencyContactName", "EmergencyContactPhone", "BloodGroup",
        "Allergies", "ChronicConditions", "Notes", "IsActive", "CreatedAtUtc", "CreatedByUserId", "UpdatedAtUtc",
    ];

    private static readonly string[] AppointmentColumns =
    [
        "TenantId", "Id", "Number", "PatientId", "DoctorProfileId", "ClinicLocationId", "StartsAtUtc", "EndsAtUtc", "Status", "IsWalkIn",
        "Reason", "Notes", "CancellationReason", "CreatedAtUtc", "CreatedByUserId", "StatusChangedAtUtc",
    ];

    private static readonly string[] CounterColumns = ["TenantId", "Id", "Kind", "Day", "LastValue"];

    private readonly Random random = new(options.Seed);
    private readonly DateTime now = DateTime.UtcNow;

    /// <summary>About two years of appointments: 700 days back, 30 days ahead (bookings thin out with distance).</summary>
    private const int DaysBack = 700;

    private const int DaysAhead = 30;

    public async Task<GeneratedDataSet> GenerateAsync()
    {
        var clock = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, India));
        var medical = new MedicalDatabase(DatabaseProvider.Postgres, role => database.ConnectionString(role));

        var practices = Enumerable.Range(0, options.Practices).Select(i => new Practice
        {
            Name = i == 0 ? "Chennai City Multispeciality Clinic" : $"Neighbourhood Clinic {i:000}",
            Slug = i == 0 ? "bench-big" : $"bench-small-{i:000}",
            Plan = i == 0 ? PracticePlan.Enterprise : PracticePlan.Basic,
            Status = PracticeStatus.Active,
            Limits = i == 0 ? new PlanLimits() : PlanCatalog.For(PracticePlan.Basic).CreateLimits(),
            Phone = "98" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            CreatedAtUtc = now.AddDays(-DaysBack - 30),
        }).ToList();
        await using (var db = medical.CreateContext(DatabaseRole.Migrations, new CurrentTenant()))
        {
            db.Practices.AddRange(practices);
            await db.SaveChangesAsync();
        }

        Console.WriteLine($"  {practices.Count} practices created ({clock.Elapsed.TotalSeconds:0.0} s)");

        var ownerSource = NpgsqlDataSource.Create(database.ConnectionString(DatabaseRole.Migrations));
        await using var _ = ownerSource;
        await using var connection = await ownerSource.OpenConnectionAsync();
        // With the tables' defaults: a column the generator does not write (a later migration's, such as the patients'
        // Version) takes its default in staging as it would in the table, instead of failing its NOT NULL.
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE "stage_Patients" (LIKE "Patients" INCLUDING DEFAULTS);
            CREATE TEMP TABLE "stage_Appointments" (LIKE "Appointments" INCLUDING DEFAULTS);
            CREATE TEMP TABLE "stage_BusinessNumberCounters" (LIKE "BusinessNumberCounters" INCLUDING DEFAULTS);
            """);

        GeneratedDataSet? result = null;
        long patientCount = 0, appointmentCount = 0;
        var perDoctor = new Dictionary<Guid, int>();
        for (var i = 0; i < practices.Count; i++)
        {
            var big = i == 0;
            var practice = practices[i];
            var phase = Stopwatch.StartNew();
            var staff = await CreateStaffAsync(medical, practice, big);
            var staffTime = phase.Elapsed;
            var patients = GeneratePatients(practice.Id, big ? options.BigPatients : options.SmallPatients);
            var appointments = GenerateAppointments(practice.Id, staff, patients, big ? options.BigAppointments : options.SmallAppointments, today);
            var generateTime = phase.Elapsed - staffTime;
            await LoadAsync(connection, practice.Id, patients, appointments, analyze: i <= 1);
            var loadTime = phase.Elapsed - staffTime - generateTime;
            patientCount += patients.Count;
            appointmentCount += appointments.Count;
            if (big)
            {
                foreach (var group in appointments.GroupBy(a => a.DoctorProfileId))
                {
                    perDoctor[group.Key] = group.Count();
                }

                result = new GeneratedDataSet(practice.Id, practices[1].Id, staff, patients.Select(p => p.Id).Where((_, n) => n % 97 == 0).ToList(),
                    today, perDoctor, ChooseTerms(patients), 0, 0, TimeSpan.Zero);
                Console.WriteLine($"  big practice: {patients.Count:N0} patients, {appointments.Count:N0} appointments, {staff.Count} doctors " +
                                  $"(staff through EF {staffTime.TotalSeconds:0.0} s, generation {generateTime.TotalSeconds:0.0} s, COPY and move {loadTime.TotalSeconds:0.0} s)");
            }
            else if (i % 50 == 0 || i == practices.Count - 1)
            {
                Console.WriteLine($"  {i} small practices loaded ({clock.Elapsed.TotalSeconds:0.0} s)");
            }
        }

        // Fresh statistics and visibility maps, as autovacuum would give a database that has been running a while.
        foreach (var table in new[] { "Patients", "Appointments", "BusinessNumberCounters", "DoctorProfiles", "DoctorAvailability", "DoctorLeave", "TenantMemberships", "ClinicLocations", "Tenants", "AspNetUsers" })
        {
            await ExecuteAsync(connection, $"VACUUM (ANALYZE) \"{table}\"");
        }

        Console.WriteLine($"  vacuumed and analysed ({clock.Elapsed.TotalSeconds:0.0} s)");
        return result! with { Patients = patientCount, Appointments = appointmentCount, Elapsed = clock.Elapsed };
    }

    // ---------- Staff: members, doctor profiles, locations, weekly hours, leave (through EF, as the app writes them) ----------

    private async Task<List<GeneratedDoctor>> CreateStaffAsync(MedicalDatabase medical, Practice practice, bool big)
    {
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(practice.Id, practice.Slug, practice.Name, practice.Status, practice.Plan, practice.TrialEndsAtUtc, practice.TimeZoneId));
        await using var db = medical.CreateContext(DatabaseRole.Migrations, tenant);

        var locationNames = big ? new[] { "Anna Nagar", "T. Nagar", "Velachery" } : ["Main Road"];
        var locations = locationNames.Select((name, n) => new ClinicLocation
        {
            Name = $"{practice.Name}, {name}", Address = $"{10 + n} {name} Main Road, Chennai", IsRegisteredLocation = n == 0,
            Timings = "Mon–Sat 09:00–13:00, 17:00–21:00", CreatedAtUtc = practice.CreatedAtUtc,
        }).ToList();
        db.ClinicLocations.AddRange(locations);

        var doctorCount = big ? options.BigDoctors : 2;
        var others = big ? new[] { PracticeRoles.Receptionist, PracticeRoles.Receptionist, PracticeRoles.Receptionist, PracticeRoles.Receptionist, PracticeRoles.Nurse, PracticeRoles.Nurse, PracticeRoles.Admin }
                         : [PracticeRoles.Receptionist];
        var profiles = new List<DoctorProfile>();
        for (var n = 0; n < doctorCount + others.Length; n++)
        {
            var isDoctor = n < doctorCount;
            var roles = isDoctor ? (n == 0 ? PracticeRoles.Owner | PracticeRoles.Doctor : PracticeRoles.Doctor) : others[n - doctorCount];
            var female = random.Next(2) == 0;
            var first = female ? IndianNames.Female[random.Next(IndianNames.Female.Length)] : IndianNames.Male[random.Next(IndianNames.Male.Length)];
            var last = IndianNames.Surnames[random.Next(IndianNames.Surnames.Length)];
            var email = $"{first}.{last}.{Guid.NewGuid().ToString("N")[..6]}@{practice.Slug}.bench".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, FullName = (isDoctor ? "Dr. " : "") + $"{first} {last}", SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, CreatedAtUtc = practice.CreatedAtUtc,
            };
            var membership = new PracticeMembership { User = user, Roles = roles, CreatedAtUtc = practice.CreatedAtUtc };
            db.PracticeMemberships.Add(membership);
            if (!isDoctor)
            {
                continue;
            }

            var profile = new DoctorProfile
            {
                Membership = membership,
                RegistrationNumber = $"TN-{practice.Slug.ToUpperInvariant()}-{n:000}",
                Specializations = n % 7 == 3
                    ? [IndianNames.Specializations[n % IndianNames.Specializations.Length], IndianNames.Specializations[(n + 5) % IndianNames.Specializations.Length]]
                    : [IndianNames.Specializations[big ? n % IndianNames.Specializations.Length : 0]],
                Qualification = "MBBS, MD", ExperienceYears = 3 + random.Next(30), ConsultationFee = 300 + 50 * random.Next(12),
                // A mix of consultation lengths; the first doctors of the big practice are the busy 10–15 minute ones.
                ConsultationMinutes = big ? (n < 8 ? 10 : n < 20 ? 15 : n < 32 ? 20 : 30) : 15,
                CreatedAtUtc = practice.CreatedAtUtc,
            };
            db.DoctorProfiles.Add(profile);
            profiles.Add(profile);
        }

        await db.SaveChangesAsync();

        // Weekly hours: Mon–Sat mornings at one location, evenings at another (or the same), some doctors mornings only.
        // Ranges never overlap for a doctor, so the generated appointments cannot overlap either.
        var doctors = new List<GeneratedDoctor>();
        foreach (var (profile, n) in profiles.Select((p, n) => (p, n)))
        {
            var morningAt = locations[n % locations.Count];
            var eveningAt = locations[(n + 1) % locations.Count];
            var days = n % 5 == 4 ? new[] { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday } : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];
            var availability = new List<DoctorAvailability>();
            foreach (var day in days)
            {
                availability.Add(new DoctorAvailability { DoctorProfileId = profile.Id, ClinicLocationId = morningAt.Id, Day = day, StartTime = new(9, 0), EndTime = new(13, 0) });
                if (n % 3 != 2)
                {
                    availability.Add(new DoctorAvailability { DoctorProfileId = profile.Id, ClinicLocationId = eveningAt.Id, Day = day, StartTime = new(17, 0), EndTime = new(21, 0) });
                }
            }

            db.DoctorLocations.AddRange(availability.Select(a => a.ClinicLocationId).Distinct()
                .Select(l => new DoctorLocation { DoctorProfileId = profile.Id, ClinicLocationId = l }));
            db.DoctorAvailability.AddRange(availability);
            var leave = new HashSet<DateOnly>();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, India));
            while (leave.Count < 12)
            {
                leave.Add(today.AddDays(random.Next(-DaysBack, DaysAhead + 60)));
            }

            db.DoctorLeave.AddRange(leave.Select(d => new DoctorLeave { DoctorProfileId = profile.Id, Date = d, Reason = "Leave" }));
            doctors.Add(new GeneratedDoctor(profile.Id, profile.ConsultationMinutes, availability, leave));
        }

        await db.SaveChangesAsync();
        return doctors;
    }

    // ---------- Patients: families sharing a mobile ----------

    private sealed record PatientRow(
        Guid Id, string FirstName, string LastName, DateOnly? DateOfBirth, int? AgeYears, Gender Gender, string Mobile, bool IsPrimary,
        FamilyRelationship Relationship, string? Email, string Address, string? EmergencyName, string? EmergencyPhone, string? BloodGroup,
        string? Allergies, string? Conditions, bool IsActive, DateTime CreatedAtUtc);

    private List<PatientRow> GeneratePatients(Guid practiceId, int count)
    {
        _ = practiceId;
        var patients = new List<PatientRow>(count);
        var mobiles = new HashSet<string>();
        var today = DateOnly.FromDateTime(now);
        while (patients.Count < count)
        {
            var size = Math.Min(count - patients.Count, random.NextDouble() switch
            {
                < 0.30 => 1,
                < 0.50 => 2,
                < 0.72 => 3,
                < 0.89 => 4,
                < 0.97 => 5,
                _ => 6,
            });
            string mobile;
            do
            {
                mobile = IndianNames.MobilePrefixes[IndianNames.Skewed(random, IndianNames.MobilePrefixes.Length)]
                         + random.Next(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
            }
            while (!mobiles.Add(mobile));

            var surname = IndianNames.Surnames[IndianNames.Skewed(random, IndianNames.Surnames.Length)];
            var address = $"{random.Next(1, 250)}, {random.Next(1, 40)}th Street, {IndianNames.Cities[random.Next(IndianNames.Cities.Length)]}";
            var created = now.AddDays(-random.Next(0, DaysBack + 20)).AddMinutes(-random.Next(0, 1440));
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var primaryGender = random.Next(2) == 0 ? Gender.Female : Gender.Male;
            var primaryAge = 25 + random.Next(45);
            string? primaryName = null;
            for (var member = 0; member < size; member++)
            {
                var (relationship, gender, age) = member switch
                {
                    0 => (FamilyRelationship.Self, primaryGender, primaryAge),
                    1 => (FamilyRelationship.Spouse, primaryGender == Gender.Female ? Gender.Male : Gender.Female, Math.Max(20, primaryAge + random.Next(-6, 7))),
                    _ when random.Next(5) == 0 => (FamilyRelationship.Parent, random.Next(2) == 0 ? Gender.Female : Gender.Male, Math.Min(95, primaryAge + 22 + random.Next(10))),
                    _ => (FamilyRelationship.Child, random.Next(2) == 0 ? Gender.Female : Gender.Male, Math.Max(0, primaryAge - 22 - random.Next(12))),
                };
                var first = FirstName(gender, used);
                primaryName ??= first;
                var last = relationship == FamilyRelationship.Parent && random.Next(3) == 0 ? IndianNames.Surnames[IndianNames.Skewed(random, IndianNames.Surnames.Length)] : surname;
                var born = today.AddYears(-age).AddDays(-random.Next(0, 365));
                var knowsBirthDate = random.NextDouble() < 0.85;
                patients.Add(new PatientRow(
                    Guid.CreateVersion7(),
                    first,
                    last,
                    knowsBirthDate ? born : null,
                    knowsBirthDate ? null : age,
                    gender,
                    mobile,
                    member == 0,
                    relationship,
                    member == 0 && random.NextDouble() < 0.3 ? $"{first}.{last}{random.Next(1, 99)}@gmail.com".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal) : null,
                    address,
                    member == 0 ? (size > 1 ? "Family" : $"{IndianNames.Male[random.Next(IndianNames.Male.Length)]} {surname}") : primaryName,
                    member == 0 ? "9" + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) : mobile,
                    random.NextDouble() < 0.6 ? IndianNames.BloodGroups[IndianNames.Skewed(random, IndianNames.BloodGroups.Length)] : null,
                    random.NextDouble() < 0.08 ? IndianNames.Allergies[random.Next(IndianNames.Allergies.Length)] : null,
                    age > 35 && random.NextDouble() < 0.25 ? IndianNames.Conditions[random.Next(IndianNames.Conditions.Length)] : null,
                    member == 0 || random.NextDouble() > 0.01,
                    created));
            }
        }

        return patients;
    }

    private string FirstName(Gender gender, HashSet<string> usedInFamily)
    {
        while (true)
        {
            var rare = random.Next(400) == 0;
            var list = (gender, rare) switch
            {
                (Gender.Female, true) => IndianNames.RareFemale,
                (_, true) => IndianNames.RareMale,
                (Gender.Female, false) => IndianNames.Female,
                _ => IndianNames.Male,
            };
            var name = list[rare ? random.Next(list.Length) : IndianNames.Skewed(random, list.Length)];
            if (usedInFamily.Add(name))
            {
                return name;
            }
        }
    }

    /// <summary>Rare: the least frequent unusual first name; common: the most frequent surname; mobile terms likewise.</summary>
    private static SearchTerms ChooseTerms(List<PatientRow> patients)
    {
        var active = patients.Where(p => p.IsActive).ToList();
        var rareNames = IndianNames.RareFemale.Concat(IndianNames.RareMale).ToHashSet();
        var rare = active.Where(p => rareNames.Contains(p.FirstName)).GroupBy(p => p.FirstName)
            .OrderBy(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? active[0].FirstName;
        var common = active.GroupBy(p => p.LastName).OrderByDescending(g => g.Count()).First().Key;
        var mobiles = active.Select(p => p.Mobile).Distinct().ToList();
        // Seven digits of one family's mobile: a receptionist typing most of a number.
        var rareMobile = mobiles[mobiles.Count / 2][3..];
        var noMatchMobile = Enumerable.Range(0, 1_000_000).Select(n => n.ToString("000000", CultureInfo.InvariantCulture))
            .First(fragment => !mobiles.Any(m => m.Contains(fragment, StringComparison.Ordinal)));
        return new SearchTerms(rare.ToLowerInvariant(), common.ToLowerInvariant(), "qxzv", rareMobile, IndianNames.MobilePrefixes[0], noMatchMobile);
    }

    // ---------- Appointments: never overlapping per doctor, statuses by time ----------

    private sealed record AppointmentRow(
        Guid Id, string Number, Guid PatientId, Guid DoctorProfileId, Guid ClinicLocationId, DateTime StartsAtUtc, DateTime EndsAtUtc,
        AppointmentStatus Status, bool IsWalkIn, string? Reason, string? CancellationReason, DateTime CreatedAtUtc, DateTime? StatusChangedAtUtc);

    private List<AppointmentRow> GenerateAppointments(Guid practiceId, List<GeneratedDoctor> doctors, List<PatientRow> patients, int target, DateOnly today)
    {
        _ = practiceId;
        var first = today.AddDays(-DaysBack);
        var popularity = doctors.Select((_, n) => 0.6 + 0.8 * ((n * 7919) % 100) / 100.0).ToArray();
        static double DayWeight(DateOnly day, DateOnly today) =>
            day <= today ? 1 : Math.Max(0.08, 1 - 0.92 * (day.DayNumber - today.DayNumber) / DaysAhead);

        // First pass: how many slots exist, weighted, so the rate gives the target count.
        double capacity = 0;
        for (var day = first; day <= today.AddDays(DaysAhead); day = day.AddDays(1))
        {
            for (var d = 0; d < doctors.Count; d++)
            {
                if (!doctors[d].Leave.Contains(day))
                {
                    capacity += SlotsOn(doctors[d], day).Count() * popularity[d] * DayWeight(day, today);
                }
            }
        }

        var rate = target / capacity;
        var appointments = new List<AppointmentRow>(target + target / 10);
        var numbers = new Dictionary<DateOnly, int>();
        var activePatients = patients.Where(p => p.IsActive).Select(p => p.Id).ToArray();
        for (var day = first; day <= today.AddDays(DaysAhead); day = day.AddDays(1))
        {
            for (var d = 0; d < doctors.Count; d++)
            {
                if (doctors[d].Leave.Contains(day))
                {
                    continue;
                }

                var slots = SlotsOn(doctors[d], day).ToList();
                var expected = slots.Count * popularity[d] * DayWeight(day, today) * rate;
                var take = Math.Min(slots.Count, (int)expected + (random.NextDouble() < expected - Math.Floor(expected) ? 1 : 0));
                for (var k = 0; k < take; k++)
                {
                    // A partial shuffle picks distinct slots; sorting afterwards is not needed for the data.
                    var pick = k + random.Next(slots.Count - k);
                    (slots[k], slots[pick]) = (slots[pick], slots[k]);
                }

                foreach (var (location, startsLocal) in slots.Take(take).OrderBy(s => s.Start))
                {
                    var starts = TimeZoneInfo.ConvertTimeToUtc(startsLocal, India);
                    var ends = starts.AddMinutes(doctors[d].Minutes);
                    var status = StatusFor(starts, ends);
                    var number = numbers[day] = numbers.GetValueOrDefault(day) + 1;
                    var walkIn = starts <= now && random.NextDouble() < 0.12;
                    var created = walkIn ? starts.AddMinutes(-random.Next(5, 90)) : starts.AddDays(-random.Next(0, 15)).AddHours(-random.Next(0, 10));
                    if (created > now)
                    {
                        created = now.AddMinutes(-random.Next(1, 600));
                    }

                    // Regular patients come back: a skew towards the first families registered.
                    var patient = activePatients[(int)(activePatients.Length * Math.Pow(random.NextDouble(), 1.6))];
                    appointments.Add(new AppointmentRow(
                        Guid.CreateVersion7(),
                        $"APT-{day:yyyyMMdd}-{number:0000}",
                        patient,
                        doctors[d].ProfileId,
                        location,
                        starts,
                        ends,
                        status,
                        walkIn,
                        IndianNames.Reasons[IndianNames.Skewed(random, IndianNames.Reasons.Length)],
                        status == AppointmentStatus.Cancelled ? "Patient asked to cancel" : null,
                        created,
                        status is AppointmentStatus.Scheduled ? null : status == AppointmentStatus.Cancelled ? created.AddHours(random.Next(1, 48)) : ends));
                }
            }
        }

        return appointments;
    }

    private static IEnumerable<(Guid Location, DateTime Start)> SlotsOn(GeneratedDoctor doctor, DateOnly day)
    {
        foreach (var range in doctor.Availability.Where(a => a.Day == day.DayOfWeek))
        {
            for (var start = range.StartTime; start.AddMinutes(doctor.Minutes) <= range.EndTime && start >= range.StartTime; start = start.AddMinutes(doctor.Minutes))
            {
                yield return (range.ClinicLocationId, day.ToDateTime(start, DateTimeKind.Unspecified));
            }
        }
    }

    private AppointmentStatus StatusFor(DateTime starts, DateTime ends)
    {
        var roll = random.NextDouble();
        if (ends <= now)
        {
            return roll < 0.86 ? AppointmentStatus.Completed : roll < 0.93 ? AppointmentStatus.Cancelled : AppointmentStatus.NoShow;
        }

        if (starts <= now)
        {
            return AppointmentStatus.InProgress;
        }

        return roll < 0.72 ? AppointmentStatus.Scheduled : roll < 0.92 ? AppointmentStatus.Confirmed : AppointmentStatus.Cancelled;
    }

    // ---------- Loading: binary COPY into staging, then INSERT … SELECT under the practice's app.tenant_id ----------

    private static async Task LoadAsync(NpgsqlConnection connection, Guid practiceId, List<PatientRow> patients, List<AppointmentRow> appointments, bool analyze)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(CopyInto("stage_Patients", PatientColumns)))
        {
            foreach (var p in patients)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(practiceId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(p.FirstName, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.LastName, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.FirstName.Trim().ToLowerInvariant(), NpgsqlDbType.Varchar);
                await writer.WriteAsync($"{p.FirstName} {p.LastName}".ToLowerInvariant(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.DateOfBirth, NpgsqlDbType.Date);
                await WriteNullableAsync(writer, p.AgeYears, NpgsqlDbType.Integer);
                await WriteNullableAsync(writer, p.AgeYears is null ? (DateOnly?)null : DateOnly.FromDateTime(p.CreatedAtUtc), NpgsqlDbType.Date);
                await writer.WriteAsync(p.Gender.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.Mobile, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.IsPrimary, NpgsqlDbType.Boolean);
                await writer.WriteAsync(p.Relationship.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.Email, NpgsqlDbType.Varchar);
                await writer.WriteAsync(p.Address, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.EmergencyName, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.EmergencyPhone, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.BloodGroup, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.Allergies, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, p.Conditions, NpgsqlDbType.Varchar);
                await writer.WriteNullAsync();
                await writer.WriteAsync(p.IsActive, NpgsqlDbType.Boolean);
                await writer.WriteAsync(p.CreatedAtUtc, NpgsqlDbType.TimestampTz);
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(CopyInto("stage_Appointments", AppointmentColumns)))
        {
            foreach (var a in appointments)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(practiceId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.Number, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.PatientId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.DoctorProfileId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.ClinicLocationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.StartsAtUtc, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.EndsAtUtc, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.Status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.IsWalkIn, NpgsqlDbType.Boolean);
                await WriteNullableAsync(writer, a.Reason, NpgsqlDbType.Varchar);
                await writer.WriteNullAsync();
                await WriteNullableAsync(writer, a.CancellationReason, NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.CreatedAtUtc, NpgsqlDbType.TimestampTz);
                await writer.WriteNullAsync();
                await WriteNullableAsync(writer, a.StatusChangedAtUtc, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(CopyInto("stage_BusinessNumberCounters", CounterColumns)))
        {
            foreach (var day in appointments.GroupBy(a => a.Number[4..12]))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(practiceId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync("APT", NpgsqlDbType.Varchar);
                await writer.WriteAsync(DateOnly.ParseExact(day.Key, "yyyyMMdd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                await writer.WriteAsync(day.Count(), NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync();
        }

        // As the owner, inside the practice: FORCE row-level security checks every moved row against the policy.
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setTenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, true)", connection, transaction))
        {
            setTenant.Parameters.AddWithValue("tenant", practiceId.ToString());
            await setTenant.ExecuteNonQueryAsync();
        }

        foreach (var (table, columns) in new[] { ("Patients", PatientColumns), ("Appointments", AppointmentColumns), ("BusinessNumberCounters", CounterColumns) })
        {
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
            await ExecuteAsync(connection, $"INSERT INTO \"{table}\" ({list}) SELECT {list} FROM \"stage_{table}\"; TRUNCATE \"stage_{table}\"", transaction);
            if (table == "Patients" && analyze)
            {
                // The foreign-key checks of the appointments plan their lookups once per session: with the tables
                // still looking empty to the planner they would scan every patient for every appointment.
                await ExecuteAsync(connection, "ANALYZE \"Patients\", \"DoctorProfiles\", \"ClinicLocations\", \"Tenants\"", transaction);
            }
        }

        await transaction.CommitAsync();
    }

    private static string CopyInto(string table, string[] columns) =>
        $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type) =>
        value is not null ? writer.WriteAsync(value, type) : writer.WriteNullAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
