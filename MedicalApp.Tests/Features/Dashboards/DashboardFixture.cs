using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Dashboards;

/// <summary>
/// A migrated database in which every test builds its own practices (<see cref="DashboardPractice"/>), so the counts
/// a test checks are exactly the appointments it added.
/// </summary>
public abstract class DashboardFixture : DatabaseFixture
{
    /// <summary>Tuesday 10 March 2026, 10:10 in Chennai (04:40 UTC): "today" for an IST practice is the 10th.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 40, 0, TimeSpan.Zero);

    /// <summary>A new practice (IST, the default; services on a clock at <see cref="Now"/>) with the named locations; the first is the registered one.</summary>
    public async Task<DashboardPractice> CreatePracticeAsync(params string[] locations)
    {
        var practice = new DashboardPractice(await Db.CreatePracticeAsync(plan: PracticePlan.Basic, clock: new FakeTimeProvider(Now)));
        foreach (var (name, index) in locations.Select((n, i) => (n, i)))
        {
            practice.Locations[name] = await practice.Practice.AddLocationAsync(name, registered: index == 0);
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

/// <summary>One practice of a dashboard test, with its locations and patients named as the dashboards show them.</summary>
public sealed class DashboardPractice(TestPractice practice)
{
    public TestPractice Practice { get; } = practice;

    public Guid Id => Practice.Id;

    public Dictionary<string, Guid> Locations { get; } = [];

    /// <summary>A member with the given roles; with <paramref name="specializations"/> also a doctor profile.</summary>
    public async Task<DashboardMember> AddMemberAsync(
        PracticeRoles roles, string[]? specializations = null, bool profileActive = true, bool membershipActive = true)
    {
        if (specializations is null)
        {
            var name = "Staff " + Guid.NewGuid().ToString("N")[..8];
            return new DashboardMember(await Practice.AddMemberAsync(roles, membershipActive, name), Guid.Empty, name);
        }

        var doctor = await Practice.AddDoctorAsync(roles: roles, specializations: specializations, active: membershipActive, profileActive: profileActive);
        return new DashboardMember(doctor.Member, doctor.Id, doctor.Name);
    }

    /// <summary>An appointment for a new patient called <paramref name="patientName"/>, starting at a UTC instant.</summary>
    public async Task<Guid> AddAppointmentAsync(
        Guid doctorProfileId, string location, string patientName, DateTime startsAtUtc, AppointmentStatus status,
        bool walkIn = false, int minutes = 30)
    {
        var names = patientName.Split(' ', 2);
        var patientId = await Practice.AddPatientAsync(names[0], names.Length > 1 ? names[1] : "", gender: Gender.Other);
        return await Practice.AddAppointmentAsync(doctorProfileId, Locations[location], patientId, startsAtUtc, minutes, status, walkIn);
    }
}

public sealed record DashboardMember(TestMember Member, Guid ProfileId, string FullName)
{
    public Guid UserId => Member.UserId;
}
