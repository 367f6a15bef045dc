using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Dashboards;

/// <summary>The seeded app with its clock replaced, so "today" on the home page is a day the test chose.</summary>
public sealed class FixedClockAppFactory(TestDatabase database, TimeProvider clock) : MedicalAppFactory(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}

/// <summary>
/// The demo practice on Tuesday 24 November 2026, 10:10 in Chennai, with three of Vikram Iyer's appointments today
/// (one at 23:30 IST, stored on the same UTC date but shown on the same local day) and one tomorrow at 00:15 IST.
/// </summary>
public abstract class DashboardAppFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 4, 40, 0, TimeSpan.Zero);

    public MedicalAppFactory App { get; private set; } = default!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Starts the app (in memory by default; the browser fixture puts it on a port).</summary>
    protected virtual void Configure(MedicalAppFactory app) => _ = app?.Server;

    public async ValueTask InitializeAsync()
    {
        App = new FixedClockAppFactory(await CreateDatabaseAsync(), new FakeTimeProvider(Now));
        Configure(App);
        // The development seed books today's demo appointments; these tests count exactly their own.
        await App.ClearDemoPatientsAsync();
        await App.InPracticeAsync("demo", async db =>
        {
            var vikram = await db.DoctorProfiles.Where(d => d.Membership!.User!.Email == "doctor@demo.test").Select(d => d.Id).SingleAsync();
            var annaNagar = await db.ClinicLocations.Where(l => l.Name == "Demo Family Clinic, Anna Nagar").Select(l => l.Id).SingleAsync();
            var tNagar = await db.ClinicLocations.Where(l => l.Name == "Demo Family Clinic, T. Nagar").Select(l => l.Id).SingleAsync();
            var booked = new (string First, string Last, int Hour, int Minute, int DayOffset, AppointmentStatus Status, bool WalkIn, Guid Location)[]
            {
                ("Lakshmi", "Narayan", 9, 0, 0, AppointmentStatus.Completed, false, annaNagar),
                ("Mohan", "Das", 10, 0, 0, AppointmentStatus.Scheduled, true, annaNagar),
                ("Nila", "Rajan", 23, 30, 0, AppointmentStatus.Confirmed, false, tNagar),
                ("Omkar", "Joshi", 0, 15, 1, AppointmentStatus.Scheduled, false, annaNagar),
            };
            var number = 0;
            foreach (var (first, last, hour, minute, dayOffset, status, walkIn, location) in booked)
            {
                var patient = new Patient
                {
                    FirstName = first, LastName = last, FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} {last}".ToLowerInvariant(),
                    Mobile = $"98400000{number:00}", IsPrimary = true, Relationship = FamilyRelationship.Self, CreatedAtUtc = DateTime.UtcNow,
                };
                db.Patients.Add(patient);
                var starts = new DateTime(2026, 11, 24 + dayOffset, hour, minute, 0, DateTimeKind.Utc).AddHours(-5.5);
                db.Appointments.Add(new Appointment
                {
                    Number = $"APT-20261124-{++number:0000}", Patient = patient, DoctorProfileId = vikram, ClinicLocationId = location,
                    StartsAtUtc = starts, EndsAtUtc = starts.AddMinutes(30), Status = status, IsWalkIn = walkIn, CreatedAtUtc = DateTime.UtcNow,
                });
            }

            return await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteDashboardAppFixture : DashboardAppFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
}

public sealed class PostgresDashboardAppFixture(PostgresServer server) : DashboardAppFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server, migrate: false);
}

/// <summary>The home page shows each member the dashboard of their roles, with the numbers the database counted.</summary>
public abstract class DashboardPageTests(DashboardAppFixture fixture)
{
    private Task<string> HomeOfAsync(string email) => HomeOfAsync(email, "demo");

    /// <summary>The figure of one location (or "All locations") and status (or "Total") in the given table.</summary>
    private static string Cell(string html, string tableTestId, string location, string status)
    {
        var table = Regex.Match(html, $"data-testid=\"{tableTestId}\".*?</table>", RegexOptions.Singleline).Value;
        var cell = Regex.Match(table, $"data-location=\"{Regex.Escape(location)}\" data-status=\"{status}\">(?:<strong>)?(\\d+)");
        Assert.True(cell.Success, $"No cell for {location} / {status} in {tableTestId}");
        return cell.Groups[1].Value;
    }

    [Fact]
    public async Task A_doctor_sees_todays_queue_in_practice_time_the_counts_and_the_next_patient()
    {
        var html = await HomeOfAsync("doctor@demo.test");

        Assert.Contains("Welcome, Vikram Iyer.", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"doctor-dashboard\"", html, StringComparison.Ordinal);
        Assert.Contains("Tuesday 24 November 2026", html, StringComparison.Ordinal);
        var queue = Regex.Match(html, "data-testid=\"doctor-queue\".*?</table>", RegexOptions.Singleline).Value;
        var lakshmi = queue.IndexOf("Lakshmi Narayan", StringComparison.Ordinal);
        var mohan = queue.IndexOf("Mohan Das", StringComparison.Ordinal);
        var nila = queue.IndexOf("Nila Rajan", StringComparison.Ordinal);
        Assert.True(lakshmi >= 0 && lakshmi < mohan && mohan < nila, "Today's three appointments, in time order");
        Assert.Contains("23:30–00:00", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("Omkar Joshi", queue, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(queue, ">Walk-in<"));
        // The scheduled and the confirmed appointment can be started from the queue; the completed one has no action.
        Assert.Equal(2, Regex.Matches(queue, "data-testid=\"start\"").Count);
        Assert.DoesNotContain("data-testid=\"complete\"", queue, StringComparison.Ordinal);
        // Quick actions by role: a doctor books and registers, the walk-in queue is the front desk's.
        var actions = Regex.Match(html, "data-testid=\"quick-actions\".*?</nav>", RegexOptions.Singleline).Value;
        Assert.Contains("href=\"appointments/book\"", actions, StringComparison.Ordinal);
        Assert.Contains("href=\"patients/new\"", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"reception\"", actions, StringComparison.Ordinal);
        Assert.Matches("Next patient: <strong[^>]*>Mohan Das</strong> at 10:00", html); // [^>]*: the panel's scoped-CSS attribute
        Assert.Contains("Completed: 1", html, StringComparison.Ordinal);
        Assert.Contains("Scheduled: 1", html, StringComparison.Ordinal);
        Assert.Contains("Confirmed: 1", html, StringComparison.Ordinal);
        Assert.Contains("Total: 3", html, StringComparison.Ordinal);
        // Not an administrator: no practice-wide figures.
        Assert.DoesNotContain("data-testid=\"admin-dashboard\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"reception-summary\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_who_practises_sees_an_empty_queue_of_their_own_and_the_admin_dashboard()
    {
        var html = await HomeOfAsync("owner@demo.test");

        Assert.Contains("data-testid=\"doctor-dashboard\"", html, StringComparison.Ordinal);
        Assert.Contains("No patient is waiting or booked from now on.", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"admin-dashboard\"", html, StringComparison.Ordinal);
        Assert.Equal("1", Cell(html, "admin-day-summary", "Demo Family Clinic, Anna Nagar", "Completed"));
        Assert.Equal("1", Cell(html, "admin-day-summary", "Demo Family Clinic, Anna Nagar", "Scheduled"));
        Assert.Equal("1", Cell(html, "admin-day-summary", "Demo Family Clinic, T. Nagar", "Confirmed"));
        Assert.Equal("0", Cell(html, "admin-day-summary", "Demo Family Clinic, T. Nagar", "Scheduled"));
        Assert.Equal("2", Cell(html, "admin-day-summary", "Demo Family Clinic, Anna Nagar", "Total"));
        Assert.Equal("1", Cell(html, "admin-day-summary", "All locations", "Confirmed"));
        Assert.Equal("3", Cell(html, "admin-day-summary", "All locations", "Total"));

        var specializations = Regex.Match(html, "data-testid=\"doctors-by-specialization\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Matches("General Medicine</td><td>2<", specializations);
        Assert.Contains("2 active doctors", html, StringComparison.Ordinal);
        // The plan's usage bars: Basic allows 3 locations and the demo has 2.
        Assert.Contains("data-testid=\"admin-usage\"", html, StringComparison.Ordinal);
        Assert.Contains("2 / 3", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"usage-Patients\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reception_sees_the_day_summary_per_location_and_no_doctor_or_admin_figures()
    {
        var html = await HomeOfAsync("reception@demo.test");

        Assert.Contains("data-testid=\"reception-summary\"", html, StringComparison.Ordinal);
        Assert.Equal("1", Cell(html, "reception-day-summary", "Demo Family Clinic, Anna Nagar", "Scheduled"));
        Assert.Equal("1", Cell(html, "reception-day-summary", "Demo Family Clinic, T. Nagar", "Confirmed"));
        Assert.DoesNotContain("data-testid=\"doctor-dashboard\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"admin-dashboard\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Doctors by specialization", html, StringComparison.Ordinal);
        Assert.Contains("href=\"reception\"", Regex.Match(html, "data-testid=\"quick-actions\".*?</nav>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_practice_home_shows_none_of_the_demo_appointments()
    {
        var html = await HomeOfAsync("owner@sunrise.test", "sunrise");

        Assert.Contains("data-testid=\"admin-dashboard\"", html, StringComparison.Ordinal);
        Assert.Equal("0", Cell(html, "admin-day-summary", "Sunrise Dental Care", "Scheduled"));
        Assert.Equal("0", Cell(html, "admin-day-summary", "Sunrise Dental Care", "Total"));
        Assert.DoesNotContain("All locations", html, StringComparison.Ordinal); // one location: no repeated totals column
        Assert.DoesNotContain("Lakshmi Narayan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo Family Clinic, Anna Nagar", html, StringComparison.Ordinal);
    }

    private async Task<string> HomeOfAsync(string email, string practice)
    {
        var client = fixture.App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(client, $"/t/{practice}/Account/Login", email);
        var response = await client.GetAsync($"/t/{practice}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await MedicalAppFactory.TextAsync(response);
    }
}

public sealed class SqliteDashboardPageTests(SqliteDashboardAppFixture fixture)
    : DashboardPageTests(fixture), IClassFixture<SqliteDashboardAppFixture>;

public sealed class PostgresDashboardPageTests(PostgresDashboardAppFixture fixture)
    : DashboardPageTests(fixture), IClassFixture<PostgresDashboardAppFixture>;
