using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Dashboards;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Dashboards;

/// <summary>
/// A migrated database in which every test builds its own practices (<see cref="DashboardPractice"/>), so the counts
/// a test checks are exactly the appointments it inserted.
/// </summary>
public abstract class DashboardFixture : IAsyncLifetime
{
    /// <summary>Tuesday 10 March 2026, 10:10 in Chennai (04:40 UTC): "today" for an IST practice is the 10th.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 40, 0, TimeSpan.Zero);

    public TestDatabase Db { get; private set; } = default!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync() => Db = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    /// <summary>The practice's dashboards as the account <paramref name="userId"/> signed in to it sees them.</summary>
    public DashboardService ServiceFor(Guid practiceId, Guid userId, TimeProvider? clock = null) =>
        new(Db.ContextFactoryFor(practiceId), Db.ActorsFor(practiceId, new TestMember(practiceId, userId, "member@dashboards.test")),
            clock ?? new FakeTimeProvider(Now));

    /// <summary>A new practice (IST, the default) with the named locations; the first is the registered one.</summary>
    public async Task<DashboardPractice> CreatePracticeAsync(params string[] locations)
    {
        var id = await Db.CreatePracticeAsync("dash-" + Guid.NewGuid().ToString("N")[..10], PracticePlan.Basic);
        var practice = new DashboardPractice(Db, id);
        foreach (var (name, index) in locations.Select((n, i) => (n, i)))
        {
            await practice.AddLocationAsync(name, registered: index == 0);
        }

        return practice;
    }
}

public sealed class SqliteDashboardFixture : DashboardFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresDashboardFixture(PostgresServer server) : DashboardFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}

/// <summary>One practice of a dashboard test: its locations, members, patients and appointments, written through EF.</summary>
public sealed class DashboardPractice(TestDatabase db, Guid id)
{
    private int number;

    public Guid Id { get; } = id;

    public Dictionary<string, Guid> Locations { get; } = [];

    public async Task<Guid> AddLocationAsync(string name, bool registered = false, bool active = true)
    {
        await using var context = db.CreateContext(Id);
        var location = new ClinicLocation
        {
            Name = name, Address = "1 Test Road, Chennai", IsRegisteredLocation = registered, IsActive = active, CreatedAtUtc = DateTime.UtcNow,
        };
        context.ClinicLocations.Add(location);
        await context.SaveChangesAsync();
        Locations[name] = location.Id;
        return location.Id;
    }

    /// <summary>A member with the given roles; with <paramref name="specializations"/> also a doctor profile.</summary>
    public async Task<DashboardMember> AddMemberAsync(
        PracticeRoles roles, string[]? specializations = null, bool profileActive = true, bool membershipActive = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"member-{tag}@dashboards.test";
        await using var context = db.CreateContext(Id);
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = "Dr Dash " + tag, SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        context.Users.Add(user);
        var membership = new TenantMembership { User = user, Roles = roles, IsActive = membershipActive, CreatedAtUtc = DateTime.UtcNow };
        context.TenantMemberships.Add(membership);
        DoctorProfile? profile = null;
        if (specializations is not null)
        {
            profile = new DoctorProfile
            {
                Membership = membership, RegistrationNumber = "REG-" + tag.ToUpperInvariant(), Specializations = [.. specializations],
                ConsultationFee = 500m, IsActive = profileActive, CreatedAtUtc = DateTime.UtcNow,
            };
            context.DoctorProfiles.Add(profile);
        }

        await context.SaveChangesAsync();
        return new DashboardMember(user.Id, profile?.Id ?? Guid.Empty, user.FullName);
    }

    public async Task<Guid> AddPatientAsync(string firstName, string lastName)
    {
        await using var context = db.CreateContext(Id);
        var patient = new Patient
        {
            FirstName = firstName, LastName = lastName, FirstNameKey = firstName.ToLowerInvariant(),
            SearchName = $"{firstName} {lastName}".ToLowerInvariant(), Gender = Gender.Other,
            Mobile = "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            IsPrimary = true, Relationship = FamilyRelationship.Self, CreatedAtUtc = DateTime.UtcNow,
        };
        context.Patients.Add(patient);
        await context.SaveChangesAsync();
        return patient.Id;
    }

    /// <summary>An appointment for a new patient called <paramref name="patientName"/>, starting at a UTC instant.</summary>
    public async Task<Guid> AddAppointmentAsync(
        Guid doctorProfileId, string location, string patientName, DateTime startsAtUtc, AppointmentStatus status,
        bool walkIn = false, int minutes = 30)
    {
        var names = patientName.Split(' ', 2);
        var patientId = await AddPatientAsync(names[0], names.Length > 1 ? names[1] : "");
        await using var context = db.CreateContext(Id);
        var appointment = new Appointment
        {
            Number = $"APT-{startsAtUtc:yyyyMMdd}-{++number:0000}",
            PatientId = patientId, DoctorProfileId = doctorProfileId, ClinicLocationId = Locations[location],
            StartsAtUtc = DateTime.SpecifyKind(startsAtUtc, DateTimeKind.Utc), EndsAtUtc = DateTime.SpecifyKind(startsAtUtc.AddMinutes(minutes), DateTimeKind.Utc),
            Status = status, IsWalkIn = walkIn, CreatedAtUtc = DateTime.UtcNow,
        };
        context.Appointments.Add(appointment);
        await context.SaveChangesAsync();
        return appointment.Id;
    }
}

public sealed record DashboardMember(Guid UserId, Guid ProfileId, string FullName);
