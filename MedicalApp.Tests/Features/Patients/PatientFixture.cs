using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// A migrated database with practices A and B (Trial plans). Tests register their own patients on fresh mobile
/// numbers, or make a practice of their own when they count (search, limits), so they do not depend on each other.
/// </summary>
public abstract class PatientFixture : DatabaseFixture
{
    /// <summary>20:00 UTC on Tuesday 10 March 2026 is already Wednesday the 11th (01:30) in Chennai.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 20, 0, 0, TimeSpan.Zero);

    /// <summary>The practice's "today" at <see cref="Now"/>.</summary>
    public static readonly DateOnly Today = new(2026, 3, 11);

    public TestPractice PracticeA { get; private set; } = default!;

    public TestPractice PracticeB { get; private set; } = default!;

    /// <summary>An owner who also practises, in A: may do everything.</summary>
    public TestMember OwnerA { get; private set; } = default!;

    public TestMember OwnerB { get; private set; } = default!;

    protected override async Task SeedAsync()
    {
        (PracticeA, OwnerA) = await NewPracticeAsync("patients-a");
        (PracticeB, OwnerB) = await NewPracticeAsync("patients-b");
    }

    /// <summary>A new practice of its own (Trial, services on a clock at <see cref="Now"/>), with an owner who practises.</summary>
    public async Task<(TestPractice Practice, TestMember Owner)> NewPracticeAsync(string prefix)
    {
        var practice = await Db.CreatePracticeAsync($"{prefix}-{Guid.NewGuid():N}"[..30], clock: new FakeTimeProvider(Now));
        return (practice, await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor));
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

    /// <summary>A valid mobile number nobody else in the run has (10 digits starting with 9).</summary>
    public static string NewMobile() => TestPractice.NewMobile();

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
