using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// A migrated database with practices A (locations Anna Nagar and T. Nagar) and B (one location). Tests create their
/// own doctors, members and patients, so they do not depend on each other; "now" is a fake clock (see <see cref="Now"/>).
/// </summary>
public abstract class AppointmentFixture : IAsyncLifetime
{
    /// <summary>Tuesday 10 March 2026, 09:40 in Chennai (04:10 UTC).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 10, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 3, 10);

    public static readonly DateOnly Wednesday = new(2026, 3, 11);

    public static readonly DateOnly Thursday = new(2026, 3, 12);

    public static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    private MedicalDatabase? wide;

    public TestDatabase Db { get; private set; } = default!;

    /// <summary>
    /// The same database with a connection pool large enough for 60 transactions open at once (the test database's
    /// pool holds 20), for the tests that run 50 requests in parallel.
    /// </summary>
    public MedicalDatabase Wide => wide ??= new MedicalDatabase(Db.Provider, role => Db.Provider == DatabaseProvider.Postgres
        ? new Npgsql.NpgsqlConnectionStringBuilder(Db.ConnectionStrings(role)) { MaxPoolSize = 60 }.ConnectionString
        : Db.ConnectionStrings(role));

    public Guid PracticeA { get; private set; }

    public Guid PracticeB { get; private set; }

    public Guid AnnaNagar { get; private set; }

    public Guid TNagar { get; private set; }

    public Guid BLocation { get; private set; }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        PracticeA = await Db.CreatePracticeAsync("appointments-a");
        PracticeB = await Db.CreatePracticeAsync("appointments-b");
        AnnaNagar = await AddLocationAsync(PracticeA, "Anna Nagar");
        TNagar = await AddLocationAsync(PracticeA, "T. Nagar");
        BLocation = await AddLocationAsync(PracticeB, "B Clinic");
        DeskA = await Db.AddMemberAsync(PracticeA, PracticeRoles.Receptionist);
        DeskB = await Db.AddMemberAsync(PracticeB, PracticeRoles.Receptionist);
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    public MedicalDbContext CreateWideContext(Guid practiceId) => Wide.CreateContext(DatabaseRole.Application, TestDatabase.TenantFor(practiceId));

    public IDbContextFactory<MedicalDbContext> WideContextFactoryFor(Guid practiceId) => new MedicalDbContextFactory(Wide, TestDatabase.TenantFor(practiceId));

    public static FakeTimeProvider NewClock(DateTimeOffset? at = null) => new(at ?? Now);

    /// <summary>The UTC instant of a Chennai-local day and time.</summary>
    public static DateTime Utc(DateOnly date, int hour, int minute = 0) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), Ist).UtcDateTime;

    /// <summary>A receptionist of A and of B: who reads lists and calendars when a test does not name anyone.</summary>
    public TestMember DeskA { get; private set; } = default!;

    public TestMember DeskB { get; private set; } = default!;

    /// <summary>The practice's appointment services as <paramref name="member"/> (its front desk by default) uses them.</summary>
    public AppointmentService Appointments(Guid practiceId, TestMember? member = null, TimeProvider? clock = null)
    {
        clock ??= NewClock();
        return new(Db.ContextFactoryFor(practiceId), Changes(Db.ContextFactoryFor(practiceId), practiceId, member, clock), clock);
    }

    /// <summary>The appointment service over <see cref="Wide"/>, for the tests that book in parallel.</summary>
    public AppointmentService WideAppointments(Guid practiceId, TestMember member)
    {
        var clock = NewClock();
        return new(WideContextFactoryFor(practiceId), Changes(WideContextFactoryFor(practiceId), practiceId, member, clock), clock);
    }

    public AppointmentQueries Queries(Guid practiceId, TestMember? member = null, TimeProvider? clock = null) =>
        new(Db.ContextFactoryFor(practiceId), Db.ActorsFor(practiceId, member ?? DeskOf(practiceId)), clock ?? NewClock());

    public SlotService Slots(Guid practiceId, TimeProvider? clock = null) => new(Db.ContextFactoryFor(practiceId), clock ?? NewClock());

    public WalkInQueueService WalkIns(Guid practiceId, TestMember? member = null, TimeProvider? clock = null)
    {
        clock ??= NewClock();
        return new(Db.ContextFactoryFor(practiceId), Db.ActorsFor(practiceId, member ?? DeskOf(practiceId)),
            Changes(Db.ContextFactoryFor(practiceId), practiceId, member, clock), clock);
    }

    /// <summary>The change frame as the app builds it for a scope of the practice, with <paramref name="member"/> acting.</summary>
    private PracticeChanges Changes(IDbContextFactory<MedicalDbContext> contexts, Guid practiceId, TestMember? member, TimeProvider clock) =>
        new(contexts, Db.ActorsFor(practiceId, member ?? DeskOf(practiceId)), new PlanLimitService(), clock);

    /// <summary>A member with the given roles; the services are built for them.</summary>
    public Task<TestMember> CreateMemberAsync(Guid practiceId, PracticeRoles roles, bool active = true) =>
        Db.AddMemberAsync(practiceId, roles, active);

    private TestMember DeskOf(Guid practiceId) =>
        practiceId == PracticeA ? DeskA : practiceId == PracticeB ? DeskB : throw new ArgumentException("Name the member acting in this practice.", nameof(practiceId));

    /// <summary>
    /// A doctor with a profile at the given locations and weekly hours (no check of the schedule rules: tests may give
    /// a doctor hours at two locations at once to prove "busy anywhere" blocks).
    /// </summary>
    public async Task<TestDoctor> CreateDoctorAsync(Guid practiceId, int minutes = 30, params DoctorHours[] hours)
    {
        await using var db = Db.CreateContext(practiceId);
        var user = NewUser(db, "Dr");
        var membership = new TenantMembership { User = user, Roles = PracticeRoles.Doctor, CreatedAtUtc = DateTime.UtcNow };
        db.TenantMemberships.Add(membership);
        var doctor = new DoctorProfile
        {
            Membership = membership, RegistrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Specializations = ["General Medicine"], ConsultationFee = 500m, ConsultationMinutes = minutes, CreatedAtUtc = DateTime.UtcNow,
        };
        foreach (var locationId in hours.Select(h => h.LocationId).Distinct())
        {
            doctor.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
        }

        foreach (var range in hours)
        {
            foreach (var day in range.Days)
            {
                doctor.Availability.Add(new DoctorAvailability { ClinicLocationId = range.LocationId, Day = day, StartTime = range.From, EndTime = range.To });
            }
        }

        db.DoctorProfiles.Add(doctor);
        await db.SaveChangesAsync();
        return new TestDoctor(doctor.Id, user.Id, user.FullName, new TestMember(practiceId, user.Id, user.Email!));
    }

    /// <summary>A doctor at Anna Nagar, Monday to Friday 09:00–13:00 (the usual morning).</summary>
    public Task<TestDoctor> CreateWeekdayDoctorAsync(Guid? practiceId = null, Guid? locationId = null, int minutes = 30) =>
        CreateDoctorAsync(practiceId ?? PracticeA, minutes, DoctorHours.Weekdays(locationId ?? AnnaNagar, 9, 13));

    public async Task AddLeaveAsync(Guid practiceId, Guid doctorId, DateOnly date)
    {
        await using var db = Db.CreateContext(practiceId);
        db.DoctorLeave.Add(new DoctorLeave { DoctorProfileId = doctorId, Date = date, Reason = "Conference" });
        await db.SaveChangesAsync();
    }

    public async Task<Guid> CreatePatientAsync(Guid practiceId, string firstName = "Ravi", string lastName = "Kumar", string? mobile = null)
    {
        await using var db = Db.CreateContext(practiceId);
        mobile ??= "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var patient = new Patient
        {
            FirstName = firstName, LastName = lastName, FirstNameKey = firstName.ToLowerInvariant(), SearchName = $"{firstName} {lastName}".ToLowerInvariant(),
            Mobile = mobile, IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Male, DateOfBirth = new DateOnly(1980, 5, 17),
            CreatedAtUtc = DateTime.UtcNow,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    /// <summary>An appointment written straight through EF (no service checks), for setting up a day.</summary>
    public async Task<Guid> InsertAppointmentAsync(
        Guid practiceId, Guid doctorId, Guid locationId, Guid patientId, DateTime startsAtUtc, int minutes = 30,
        AppointmentStatus status = AppointmentStatus.Scheduled)
    {
        await using var db = Db.CreateContext(practiceId);
        var appointment = NewAppointment(doctorId, locationId, patientId, startsAtUtc, minutes, status);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    public static Appointment NewAppointment(Guid doctorId, Guid locationId, Guid patientId, DateTime startsAtUtc, int minutes = 30,
        AppointmentStatus status = AppointmentStatus.Scheduled) => new()
    {
        Number = "APT-TEST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
        PatientId = patientId, DoctorProfileId = doctorId, ClinicLocationId = locationId,
        StartsAtUtc = startsAtUtc, EndsAtUtc = startsAtUtc.AddMinutes(minutes), Status = status, CreatedAtUtc = DateTime.UtcNow,
    };

    public async Task<T> InPracticeAsync<T>(Guid practiceId, Func<MedicalDbContext, Task<T>> work)
    {
        await using var db = Db.CreateContext(practiceId);
        return await work(db);
    }

    public Task<Appointment> ReadAsync(Guid practiceId, Guid appointmentId) =>
        InPracticeAsync(practiceId, db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == appointmentId));

    public Task<List<Appointment>> AppointmentsOfAsync(Guid practiceId, Guid doctorId) =>
        InPracticeAsync(practiceId, db => db.Appointments.AsNoTracking().Where(a => a.DoctorProfileId == doctorId).OrderBy(a => a.StartsAtUtc).ToListAsync());

    public Task<List<AuditEvent>> AuditOfAsync(Guid practiceId, Guid appointmentId) =>
        InPracticeAsync(practiceId, db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == appointmentId.ToString()).OrderBy(e => e.OccurredAtUtc).ToListAsync());

    private static ApplicationUser NewUser(MedicalDbContext db, string prefix)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"{prefix.ToLowerInvariant()}-{tag}@appointments.test";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = $"{prefix} Test {tag}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Users.Add(user);
        return user;
    }

    private async Task<Guid> AddLocationAsync(Guid practiceId, string name)
    {
        await using var db = Db.CreateContext(practiceId);
        var location = new ClinicLocation { Name = name, Address = "1 Test Road", IsActive = true, CreatedAtUtc = DateTime.UtcNow };
        db.ClinicLocations.Add(location);
        await db.SaveChangesAsync();
        return location.Id;
    }
}

public sealed record TestDoctor(Guid Id, Guid UserId, string Name, TestMember Actor);

public sealed record DoctorHours(Guid LocationId, DayOfWeek[] Days, TimeOnly From, TimeOnly To)
{
    public static DoctorHours Weekdays(Guid locationId, int fromHour, int toHour) =>
        new(locationId, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new(fromHour, 0), new(toHour, 0));

    public static DoctorHours On(Guid locationId, DayOfWeek day, int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(locationId, [day], new(fromHour, fromMinute), new(toHour, toMinute));
}

public sealed class SqliteAppointmentFixture : AppointmentFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresAppointmentFixture(PostgresServer server) : AppointmentFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
