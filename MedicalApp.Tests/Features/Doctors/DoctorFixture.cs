using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// A migrated database with practices A and B. A has two open locations and a closed one, B one location.
/// Tests create their own members and doctors (unique names and numbers), so they do not depend on each other.
/// </summary>
public abstract class DoctorFixture : IAsyncLifetime
{
    /// <summary>Tuesday 10 March 2026, 11:30 in Chennai: "today" for the practice is the 10th.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);

    public TestDatabase Db { get; private set; } = default!;

    public Guid PracticeA { get; private set; }

    public Guid PracticeB { get; private set; }

    public Guid AnnaNagar { get; private set; }

    public Guid TNagar { get; private set; }

    public Guid ClosedLocation { get; private set; }

    public Guid BLocation { get; private set; }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        PracticeA = await Db.CreatePracticeAsync("doctors-a");
        PracticeB = await Db.CreatePracticeAsync("doctors-b");
        AnnaNagar = await AddLocationAsync(PracticeA, "Anna Nagar", active: true);
        TNagar = await AddLocationAsync(PracticeA, "T. Nagar", active: true);
        ClosedLocation = await AddLocationAsync(PracticeA, "Old Town (closed)", active: false);
        BLocation = await AddLocationAsync(PracticeB, "B Clinic", active: true);
        OwnerA = await Db.AddMemberAsync(PracticeA, PracticeRoles.Owner);
        OwnerB = await Db.AddMemberAsync(PracticeB, PracticeRoles.Owner);
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    /// <summary>The practice's doctor profiles as <paramref name="member"/> (an owner of the practice by default) uses them.</summary>
    public DoctorProfileService ServiceFor(Guid practiceId, TestMember? member = null, TimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Now);
        var factory = Db.ContextFactoryFor(practiceId);
        var actors = Db.ActorsFor(practiceId, member ?? (practiceId == PracticeB ? OwnerB : OwnerA));
        return new DoctorProfileService(factory, actors, new PracticeChanges(factory, actors, new PlanLimitService(), clock), clock);
    }

    public TestMember OwnerA { get; private set; } = default!;

    public TestMember OwnerB { get; private set; } = default!;

    /// <summary>A member of the practice with the given roles, and a doctor profile when <paramref name="withProfile"/>.</summary>
    public async Task<DoctorTestMember> CreateMemberAsync(Guid practiceId, PracticeRoles roles, bool withProfile = false, bool active = true, string? registrationNumber = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"member-{tag}@doctors.test";
        await using var db = Db.CreateContext(practiceId);
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = "Dr Test " + tag, SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Users.Add(user);
        var membership = new TenantMembership { User = user, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow };
        db.TenantMemberships.Add(membership);
        DoctorProfile? profile = null;
        if (withProfile)
        {
            profile = new DoctorProfile
            {
                Membership = membership,
                RegistrationNumber = registrationNumber ?? "REG-" + tag.ToUpperInvariant(),
                Specializations = ["General Medicine"],
                ConsultationFee = 500m,
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.DoctorProfiles.Add(profile);
        }

        await db.SaveChangesAsync();
        return new DoctorTestMember(user.Id, profile?.Id ?? Guid.Empty, user.FullName, new TestMember(practiceId, user.Id, email));
    }

    public async Task<T> InPracticeAsync<T>(Guid practiceId, Func<MedicalDbContext, Task<T>> work)
    {
        await using var db = Db.CreateContext(practiceId);
        return await work(db);
    }

    public Task<DoctorProfile> ReadProfileAsync(Guid practiceId, Guid profileId) =>
        InPracticeAsync(practiceId, db => db.DoctorProfiles.AsNoTracking().SingleAsync(d => d.Id == profileId));

    private async Task<Guid> AddLocationAsync(Guid practiceId, string name, bool active)
    {
        await using var db = Db.CreateContext(practiceId);
        var location = new ClinicLocation { Name = name, Address = "1 Test Road", IsActive = active, CreatedAtUtc = DateTime.UtcNow };
        db.ClinicLocations.Add(location);
        await db.SaveChangesAsync();
        return location.Id;
    }
}

/// <summary>A member created by the doctor tests: their account, their doctor profile (if any) and how they sign in.</summary>
public sealed record DoctorTestMember(Guid UserId, Guid ProfileId, string FullName, TestMember Member);

public sealed class SqliteDoctorFixture : DoctorFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresDoctorFixture(PostgresServer server) : DoctorFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}
