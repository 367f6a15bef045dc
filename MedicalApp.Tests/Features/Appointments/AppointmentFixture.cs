using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// A migrated database with practices A (locations Anna Nagar and T. Nagar) and B (one location), whose services run
/// on a fake clock at <see cref="Now"/>. Tests add their own doctors, members and patients, so they do not depend on each other.
/// </summary>
public abstract class AppointmentFixture : DatabaseFixture
{
    /// <summary>Tuesday 10 March 2026, 09:40 in Chennai (04:10 UTC).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 10, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 3, 10);

    public static readonly DateOnly Wednesday = new(2026, 3, 11);

    public static readonly DateOnly Thursday = new(2026, 3, 12);

    public static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    private MedicalDatabase? wide;
    private TestServices? wideServices;

    /// <summary>
    /// The same database with a connection pool large enough for 60 transactions open at once (the test database's
    /// pool holds 20), for the tests that run 50 requests in parallel.
    /// </summary>
    public MedicalDatabase Wide => wide ??= new MedicalDatabase(Db.Provider, role => Db.Provider == DatabaseProvider.Postgres
        ? new Npgsql.NpgsqlConnectionStringBuilder(Db.ConnectionStrings(role)) { MaxPoolSize = 60 }.ConnectionString
        : Db.ConnectionStrings(role));

    /// <summary>The app's services over <see cref="Wide"/>.</summary>
    public TestServices WideServices => wideServices ??= new TestServices(Wide, Db.AppSettings, Db.FilesRoot);

    public TestPractice PracticeA { get; private set; } = default!;

    public TestPractice PracticeB { get; private set; } = default!;

    public Guid AnnaNagar { get; private set; }

    public Guid TNagar { get; private set; }

    public Guid BLocation { get; private set; }

    /// <summary>A receptionist of A and of B: who reads lists and calendars when a test does not name anyone.</summary>
    public TestMember DeskA { get; private set; } = default!;

    public TestMember DeskB { get; private set; } = default!;

    protected override async Task SeedAsync()
    {
        PracticeA = await Db.CreatePracticeAsync("appointments-a", clock: NewClock());
        PracticeB = await Db.CreatePracticeAsync("appointments-b", clock: NewClock());
        AnnaNagar = await PracticeA.AddLocationAsync("Anna Nagar");
        TNagar = await PracticeA.AddLocationAsync("T. Nagar");
        BLocation = await PracticeB.AddLocationAsync("B Clinic");
        DeskA = await PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        DeskB = await PracticeB.AddMemberAsync(PracticeRoles.Receptionist);
    }

    public override async ValueTask DisposeAsync()
    {
        if (wideServices is not null)
        {
            await wideServices.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    public MedicalDbContext CreateWideContext(Guid practiceId) => Wide.CreateContext(DatabaseRole.Application, TestDatabase.TenantFor(practiceId));

    public static FakeTimeProvider NewClock(DateTimeOffset? at = null) => new(at ?? Now);

    /// <summary>The UTC instant of a Chennai-local day and time.</summary>
    public static DateTime Utc(DateOnly date, int hour, int minute = 0) =>
        new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), Ist).UtcDateTime;

    public Task<Appointment> ReadAsync(TestPractice practice, Guid appointmentId) =>
        practice.WithContextAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == appointmentId));

    public Task<List<Appointment>> AppointmentsOfAsync(TestPractice practice, Guid doctorId) =>
        practice.WithContextAsync(db => db.Appointments.AsNoTracking().Where(a => a.DoctorProfileId == doctorId).OrderBy(a => a.StartsAtUtc).ToListAsync());

    public Task<List<AuditEvent>> AuditOfAsync(TestPractice practice, Guid appointmentId) =>
        practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityId == appointmentId.ToString()).OrderBy(e => e.OccurredAtUtc).ToListAsync());
}

public sealed class SqliteAppointmentFixture : AppointmentFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresAppointmentFixture(PostgresServer server) : AppointmentFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
