using MedicalApp.Data.Plans;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// A migrated database with practices A and B (Trial plans). Tests register their own patients on fresh mobile
/// numbers, or make a practice of their own when they count (search, limits), so they do not depend on each other.
/// </summary>
public abstract class PatientFixture : IAsyncLifetime
{
    /// <summary>20:00 UTC on Tuesday 10 March 2026 is already Wednesday the 11th (01:30) in Chennai.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 20, 0, 0, TimeSpan.Zero);

    /// <summary>The practice's "today" at <see cref="Now"/>.</summary>
    public static readonly DateOnly Today = new(2026, 3, 11);

    public TestDatabase Db { get; private set; } = default!;

    public Guid PracticeA { get; private set; }

    public Guid PracticeB { get; private set; }

    /// <summary>An owner who also practises, in A: may do everything.</summary>
    public TestMember OwnerA { get; private set; } = default!;

    public TestMember OwnerB { get; private set; } = default!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        PracticeA = await Db.CreatePracticeAsync("patients-a");
        PracticeB = await Db.CreatePracticeAsync("patients-b");
        OwnerA = await CreateMemberAsync(PracticeA, PracticeRoles.Owner | PracticeRoles.Doctor);
        OwnerB = await CreateMemberAsync(PracticeB, PracticeRoles.Owner | PracticeRoles.Doctor);
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    /// <summary>Registration in the practice as <paramref name="member"/> (its owner by default) uses it.</summary>
    public PatientRegistration RegistrationFor(Guid practiceId, TestMember? member = null, TimeProvider? clock = null) =>
        new(ChangesFor(practiceId, member, clock));

    /// <summary>Changes to patients' records in the practice as <paramref name="member"/> (its owner by default) makes them.</summary>
    public PatientRecords RecordsFor(Guid practiceId, TestMember? member = null, TimeProvider? clock = null) =>
        new(ChangesFor(practiceId, member, clock));

    /// <summary>The patient pages' reads in the practice as <paramref name="member"/> (its owner by default) sees them.</summary>
    public PatientQueries QueriesFor(Guid practiceId, TestMember? member = null, TimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Now);
        var factory = Db.ContextFactoryFor(practiceId);
        var audit = new AuditTrail(factory, new PlatformDbContextFactory(Db.Database), TestDatabase.TenantFor(practiceId), clock);
        return new PatientQueries(factory, Db.ActorsFor(practiceId, MemberOf(practiceId, member)), audit, clock);
    }

    private PracticeChanges ChangesFor(Guid practiceId, TestMember? member, TimeProvider? clock) =>
        new(Db.ContextFactoryFor(practiceId), Db.ActorsFor(practiceId, MemberOf(practiceId, member)), new PlanLimitService(), clock ?? new FakeTimeProvider(Now));

    private TestMember MemberOf(Guid practiceId, TestMember? member) =>
        member ?? (practiceId == PracticeA ? OwnerA : practiceId == PracticeB ? OwnerB : throw new ArgumentException("Name the member for this practice.", nameof(member)));

    /// <summary>A new practice of its own (Trial), with an owner, for tests that count patients.</summary>
    public async Task<(Guid Practice, TestMember Owner)> NewPracticeAsync(string prefix)
    {
        var practice = await Db.CreatePracticeAsync($"{prefix}-{Guid.NewGuid():N}"[..30]);
        return (practice, await CreateMemberAsync(practice, PracticeRoles.Owner | PracticeRoles.Doctor));
    }

    public async Task<TestMember> CreateMemberAsync(Guid practiceId, PracticeRoles roles, bool active = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"member-{tag}@patients.test";
        await using var db = Db.CreateContext(practiceId);
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = "Staff " + tag, SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Users.Add(user);
        db.TenantMemberships.Add(new TenantMembership { User = user, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return new TestMember(practiceId, user.Id, email);
    }

    public async Task<T> InPracticeAsync<T>(Guid practiceId, Func<MedicalDbContext, Task<T>> work)
    {
        await using var db = Db.CreateContext(practiceId);
        return await work(db);
    }

    public Task<Patient> ReadAsync(Guid practiceId, Guid patientId) =>
        InPracticeAsync(practiceId, db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));

    public Task<List<Patient>> FamilyAsync(Guid practiceId, string mobile) =>
        InPracticeAsync(practiceId, db => db.Patients.AsNoTracking().Where(p => p.Mobile == mobile).OrderBy(p => p.CreatedAtUtc).ThenBy(p => p.FirstName).ToListAsync());

    public Task<List<AuditEvent>> AuditAsync(Guid practiceId, string action, Guid patientId) =>
        InPracticeAsync(practiceId, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == action && e.EntityType == nameof(Patient) && e.EntityId == patientId.ToString()).ToListAsync());

    public async Task SetMaxPatientsAsync(Guid practiceId, int? max)
    {
        await using var db = Db.CreateContext(null);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == practiceId);
        tenant.Limits.MaxPatients = max;
        await db.SaveChangesAsync();
    }

    /// <summary>A valid mobile number nobody else in the run has (10 digits starting with 9).</summary>
    public static string NewMobile() => "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static PatientForm Person(string firstName, string lastName = "Kumar", string? mobile = null, FamilyRelationship? relationship = null,
        Gender gender = Gender.Male, DateOnly? born = null, int? age = null) => new()
    {
        FirstName = firstName,
        LastName = lastName,
        DateOfBirth = age is null ? born ?? new DateOnly(1985, 6, 15) : null,
        AgeYears = age,
        Gender = gender,
        Mobile = mobile,
        Relationship = relationship,
    };
}

public sealed class SqlitePatientFixture : PatientFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresPatientFixture(PostgresServer server) : PatientFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
