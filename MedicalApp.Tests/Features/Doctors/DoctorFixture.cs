using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// A migrated database with practices A and B, whose services run on a fake clock at <see cref="Now"/>. A has two
/// open locations and a closed one, B one location. Tests add their own members and doctors.
/// </summary>
public abstract class DoctorFixture : DatabaseFixture
{
    /// <summary>Tuesday 10 March 2026, 11:30 in Chennai: "today" for the practice is the 10th.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);

    public TestPractice PracticeA { get; private set; } = default!;

    public TestPractice PracticeB { get; private set; } = default!;

    public Guid AnnaNagar { get; private set; }

    public Guid TNagar { get; private set; }

    public Guid ClosedLocation { get; private set; }

    public Guid BLocation { get; private set; }

    public TestMember OwnerA { get; private set; } = default!;

    public TestMember OwnerB { get; private set; } = default!;

    protected override async Task SeedAsync()
    {
        PracticeA = await Db.CreatePracticeAsync("doctors-a", clock: new FakeTimeProvider(Now));
        PracticeB = await Db.CreatePracticeAsync("doctors-b", clock: new FakeTimeProvider(Now));
        AnnaNagar = await PracticeA.AddLocationAsync("Anna Nagar");
        TNagar = await PracticeA.AddLocationAsync("T. Nagar");
        ClosedLocation = await PracticeA.AddLocationAsync("Old Town (closed)", active: false);
        BLocation = await PracticeB.AddLocationAsync("B Clinic");
        OwnerA = await PracticeA.AddMemberAsync(PracticeRoles.Owner);
        OwnerB = await PracticeB.AddMemberAsync(PracticeRoles.Owner);
    }

    public Task<DoctorProfile> ReadProfileAsync(TestPractice practice, Guid profileId) =>
        practice.WithContextAsync(db => db.DoctorProfiles.AsNoTracking().SingleAsync(d => d.Id == profileId));
}

public sealed class SqliteDoctorFixture : DoctorFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresDoctorFixture(PostgresServer server) : DoctorFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
