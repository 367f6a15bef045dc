using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Dashboards;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Dashboards;

/// <summary>
/// The dashboards' figures on both databases, against appointments inserted through EF: a doctor's queue and counts
/// for the practice-local day (IST), the next patient, the admin's location × status table and doctors by
/// specialization, who may read which dashboard, and that another practice's rows are never counted.
/// </summary>
public abstract class DashboardServiceTests(DashboardFixture fixture)
{
    /// <summary>A time in Chennai in March 2026 (IST = UTC+5:30, no daylight saving), as the UTC instant stored.</summary>
    private static DateTime Ist(int day, int hour, int minute) =>
        new DateTime(2026, 3, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-5.5);

    /// <summary>
    /// Practice A: doctor D1 with a full day (including 00:10 and 23:30 IST, which fall on two different UTC dates),
    /// appointments just outside the day on both sides, a second doctor; practice B books at the very same instants.
    /// </summary>
    private async Task<(DashboardPractice A, DashboardMember D1, DashboardMember D2, DashboardPractice B, DashboardMember BDoctor)> BusyDayAsync()
    {
        var a = await fixture.CreatePracticeAsync("Anna Nagar", "T. Nagar", "Velachery");
        a.Locations["Old Town"] = await a.Practice.AddLocationAsync("Old Town", active: false);
        await a.Practice.AddLocationAsync("Closed Quiet", active: false);
        var d1 = await a.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine", "Diabetology"]);
        var d2 = await a.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine", "Cardiology"]);

        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Gopal Krishnan", Ist(10, 0, 10), AppointmentStatus.Completed, walkIn: true, minutes: 15);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Arjun Kumar", Ist(10, 9, 0), AppointmentStatus.Completed);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Chitra Devi", Ist(10, 9, 30), AppointmentStatus.InProgress, walkIn: true);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Farah Khan", Ist(10, 10, 0), AppointmentStatus.Scheduled);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Deepa Nair", Ist(10, 10, 30), AppointmentStatus.Cancelled);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Esha Rao", Ist(10, 10, 30), AppointmentStatus.Confirmed);
        await a.AddAppointmentAsync(d1.ProfileId, "T. Nagar", "Hari Prasad", Ist(10, 17, 0), AppointmentStatus.Scheduled);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Indira Menon", Ist(10, 23, 30), AppointmentStatus.Scheduled, minutes: 15);
        // Just outside the practice's day: 23:50 on the 9th (18:20 UTC on the 9th) and 00:15 on the 11th (18:45 UTC
        // on the 10th, the same UTC date as Indira's 23:30).
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Yesterday Late", Ist(9, 23, 50), AppointmentStatus.Completed, minutes: 10);
        await a.AddAppointmentAsync(d1.ProfileId, "Anna Nagar", "Tomorrow Early", Ist(11, 0, 15), AppointmentStatus.Scheduled, minutes: 10);
        await a.AddAppointmentAsync(d2.ProfileId, "T. Nagar", "Other Doctor", Ist(10, 10, 0), AppointmentStatus.Confirmed);
        await a.AddAppointmentAsync(d2.ProfileId, "Old Town", "Closed Branch", Ist(10, 15, 0), AppointmentStatus.Completed);

        var b = await fixture.CreatePracticeAsync("B Clinic");
        var bDoctor = await b.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor, ["Dermatology"]);
        foreach (var (start, status) in new[] { (Ist(10, 9, 0), AppointmentStatus.Completed), (Ist(10, 10, 0), AppointmentStatus.Scheduled), (Ist(10, 23, 30), AppointmentStatus.Scheduled) })
        {
            await b.AddAppointmentAsync(bDoctor.ProfileId, "B Clinic", "Stranger Patient", start, status);
        }

        return (a, d1, d2, b, bDoctor);
    }

    [Fact]
    public async Task The_doctor_queue_holds_the_practice_local_day_in_time_order_with_names_statuses_and_walk_ins()
    {
        var (a, d1, _, _, _) = await BusyDayAsync();

        var dashboard = await a.Practice.As(d1.Member).Get<DashboardService>().GetDoctorDashboardAsync();

        Assert.NotNull(dashboard);
        Assert.Equal(d1.ProfileId, dashboard.DoctorProfileId);
        Assert.Equal(d1.FullName, dashboard.DoctorName);
        Assert.Equal(new DateOnly(2026, 3, 10), dashboard.Today.Date);
        Assert.Equal(new DateTime(2026, 3, 9, 18, 30, 0, DateTimeKind.Utc), dashboard.Today.StartUtc);
        Assert.Equal(new DateTime(2026, 3, 10, 18, 30, 0, DateTimeKind.Utc), dashboard.Today.EndUtc);
        Assert.Equal(
            ["Gopal Krishnan", "Arjun Kumar", "Chitra Devi", "Farah Khan", "Deepa Nair", "Esha Rao", "Hari Prasad", "Indira Menon"],
            dashboard.Queue.Select(e => e.PatientName));
        Assert.Equal(
            [AppointmentStatus.Completed, AppointmentStatus.Completed, AppointmentStatus.InProgress, AppointmentStatus.Scheduled,
             AppointmentStatus.Cancelled, AppointmentStatus.Confirmed, AppointmentStatus.Scheduled, AppointmentStatus.Scheduled],
            dashboard.Queue.Select(e => e.Status));
        Assert.Equal(["Gopal Krishnan", "Chitra Devi"], dashboard.Queue.Where(e => e.IsWalkIn).Select(e => e.PatientName));

        // Shown in the practice's time: 00:10 and 23:30 on the 10th, although they are stored on two UTC dates.
        Assert.Equal(new DateTime(2026, 3, 10, 0, 10, 0), dashboard.Queue[0].StartsLocal);
        Assert.Equal(new DateTime(2026, 3, 10, 23, 30, 0), dashboard.Queue[^1].StartsLocal);
        Assert.Equal(new DateTime(2026, 3, 10, 23, 45, 0), dashboard.Queue[^1].EndsLocal);
        Assert.Equal("T. Nagar", dashboard.Queue.Single(e => e.PatientName == "Hari Prasad").LocationName);
        Assert.DoesNotContain(dashboard.Queue, e => e.PatientName is "Yesterday Late" or "Tomorrow Early" or "Other Doctor" or "Stranger Patient");
    }

    [Fact]
    public async Task The_doctor_counts_by_status_are_todays_and_the_next_patient_is_the_first_booked_one_not_yet_over()
    {
        var (a, d1, _, _, _) = await BusyDayAsync();

        var dashboard = await a.Practice.As(d1.Member).Get<DashboardService>().GetDoctorDashboardAsync();

        Assert.NotNull(dashboard);
        var counts = dashboard.Counts;
        Assert.Equal(2, counts[AppointmentStatus.Completed]);
        Assert.Equal(1, counts[AppointmentStatus.InProgress]);
        Assert.Equal(3, counts[AppointmentStatus.Scheduled]);
        Assert.Equal(1, counts[AppointmentStatus.Confirmed]);
        Assert.Equal(1, counts[AppointmentStatus.Cancelled]);
        Assert.Equal(0, counts[AppointmentStatus.NoShow]);
        Assert.Equal(8, counts.Total);

        // 10:10 now: Farah's 10:00–10:30 has not ended (she is running late), so she is next, not Esha at 10:30.
        Assert.NotNull(dashboard.NextPatient);
        Assert.Equal("Farah Khan", dashboard.NextPatient.PatientName);
        Assert.Equal(new DateTime(2026, 3, 10, 10, 0, 0), dashboard.NextPatient.StartsLocal);

        // At 10:31 Farah's slot is over and the cancelled 10:30 does not count: Esha (confirmed) is next.
        var later = await a.Practice.As(d1.Member, new FakeTimeProvider(new DateTimeOffset(Ist(10, 10, 31), TimeSpan.Zero))).Get<DashboardService>().GetDoctorDashboardAsync();
        Assert.Equal("Esha Rao", later!.NextPatient!.PatientName);
    }

    [Fact]
    public async Task With_nobody_left_today_the_next_patient_is_the_next_booked_day_and_a_quiet_day_counts_zero()
    {
        var practice = await fixture.CreatePracticeAsync("Anna Nagar");
        var doctor = await practice.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine"]);
        await practice.AddAppointmentAsync(doctor.ProfileId, "Anna Nagar", "Early Bird", Ist(10, 8, 0), AppointmentStatus.Completed);
        await practice.AddAppointmentAsync(doctor.ProfileId, "Anna Nagar", "Called Off", Ist(10, 11, 0), AppointmentStatus.Cancelled);
        await practice.AddAppointmentAsync(doctor.ProfileId, "Anna Nagar", "Missed Today", Ist(10, 9, 0), AppointmentStatus.Scheduled);
        await practice.AddAppointmentAsync(doctor.ProfileId, "Anna Nagar", "Thursday First", Ist(12, 9, 0), AppointmentStatus.Scheduled);
        await practice.AddAppointmentAsync(doctor.ProfileId, "Anna Nagar", "Wednesday First", Ist(11, 9, 30), AppointmentStatus.Confirmed);

        var dashboard = await practice.Practice.As(doctor.Member).Get<DashboardService>().GetDoctorDashboardAsync();

        Assert.NotNull(dashboard);
        Assert.Equal("Wednesday First", dashboard.NextPatient!.PatientName);
        Assert.Equal(new DateTime(2026, 3, 11, 9, 30, 0), dashboard.NextPatient.StartsLocal);
        Assert.Equal(3, dashboard.Counts.Total);

        var quiet = await practice.Practice.As(doctor.Member, new FakeTimeProvider(new DateTimeOffset(Ist(15, 12, 0), TimeSpan.Zero))).Get<DashboardService>()
            .GetDoctorDashboardAsync();
        Assert.Empty(quiet!.Queue);
        Assert.Equal(0, quiet.Counts.Total);
        Assert.Null(quiet.NextPatient);
    }

    [Fact]
    public async Task Only_a_member_with_an_active_doctor_profile_gets_a_doctor_dashboard()
    {
        var practice = await fixture.CreatePracticeAsync("Anna Nagar");
        var receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        var onLeaveForGood = await practice.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine"], profileActive: false);
        var deactivated = await practice.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine"], membershipActive: false);
        var doctor = await practice.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine"]);

        Assert.Null(await practice.Practice.As(receptionist.Member).Get<DashboardService>().GetDoctorDashboardAsync());
        Assert.Null(await practice.Practice.As(onLeaveForGood.Member).Get<DashboardService>().GetDoctorDashboardAsync());
        Assert.Null(await practice.Practice.As(deactivated.Member).Get<DashboardService>().GetDoctorDashboardAsync());
        Assert.Null(await practice.Practice.As(new TestMember(practice.Id, Guid.NewGuid(), "stranger@dashboards.test")).Get<DashboardService>().GetDoctorDashboardAsync());
        Assert.NotNull(await practice.Practice.As(doctor.Member).Get<DashboardService>().GetDoctorDashboardAsync());
    }

    [Fact]
    public async Task The_admin_summary_counts_today_per_location_and_status_and_never_another_practice()
    {
        var (a, _, _, _, _) = await BusyDayAsync();
        var admin = await a.AddMemberAsync(PracticeRoles.Admin);

        var dashboard = await a.Practice.As(admin.Member).Get<DashboardService>().GetAdminDashboardAsync();

        Assert.NotNull(dashboard);
        var summary = dashboard.Today;
        Assert.Equal(new DateOnly(2026, 3, 10), summary.Today.Date);
        // Open locations always (the registered one first), the closed Old Town because it has an appointment today,
        // never the closed location without one, never practice B's clinic.
        Assert.Equal(["Anna Nagar", "Old Town", "T. Nagar", "Velachery"], summary.Locations.Select(l => l.LocationName));
        Assert.False(summary.Locations.Single(l => l.LocationName == "Old Town").IsActive);

        var annaNagar = summary.Locations.Single(l => l.LocationName == "Anna Nagar").Counts;
        Assert.Equal(2, annaNagar[AppointmentStatus.Completed]);
        Assert.Equal(1, annaNagar[AppointmentStatus.InProgress]);
        Assert.Equal(2, annaNagar[AppointmentStatus.Scheduled]);
        Assert.Equal(1, annaNagar[AppointmentStatus.Confirmed]);
        Assert.Equal(1, annaNagar[AppointmentStatus.Cancelled]);
        Assert.Equal(7, annaNagar.Total);

        var tNagar = summary.Locations.Single(l => l.LocationName == "T. Nagar").Counts;
        Assert.Equal(1, tNagar[AppointmentStatus.Scheduled]);
        Assert.Equal(1, tNagar[AppointmentStatus.Confirmed]);
        Assert.Equal(2, tNagar.Total);
        Assert.Equal(1, summary.Locations.Single(l => l.LocationName == "Old Town").Counts[AppointmentStatus.Completed]);
        Assert.Equal(0, summary.Locations.Single(l => l.LocationName == "Velachery").Counts.Total);

        Assert.Equal(3, summary.Totals[AppointmentStatus.Completed]);
        Assert.Equal(3, summary.Totals[AppointmentStatus.Scheduled]);
        Assert.Equal(2, summary.Totals[AppointmentStatus.Confirmed]);
        Assert.Equal(10, summary.Totals.Total);
    }

    [Fact]
    public async Task Doctors_by_specialization_count_active_profiles_of_active_members_under_each_specialization()
    {
        var practice = await fixture.CreatePracticeAsync("Anna Nagar");
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor, ["General Medicine", "Diabetology"]);
        await practice.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine", "Cardiology"]);
        await practice.AddMemberAsync(PracticeRoles.Doctor, ["cardiology"]);
        await practice.AddMemberAsync(PracticeRoles.Doctor, ["Dermatology"], profileActive: false);
        await practice.AddMemberAsync(PracticeRoles.Doctor, ["Neurology"], membershipActive: false);
        var other = await fixture.CreatePracticeAsync("Elsewhere");
        await other.AddMemberAsync(PracticeRoles.Doctor, ["Cardiology", "Paediatrics"]);

        var dashboard = await practice.Practice.As(owner.Member).Get<DashboardService>().GetAdminDashboardAsync();

        Assert.NotNull(dashboard);
        Assert.Equal(
            [new SpecializationCount("Cardiology", 2), new SpecializationCount("General Medicine", 2), new SpecializationCount("Diabetology", 1)],
            dashboard.DoctorsBySpecialization);
        Assert.Equal(3, dashboard.ActiveDoctors);
    }

    [Fact]
    public async Task The_admin_dashboard_is_for_owners_and_admins_and_the_day_summary_for_active_members()
    {
        var practice = await fixture.CreatePracticeAsync("Anna Nagar");
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner);
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        var receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        var nurse = await practice.AddMemberAsync(PracticeRoles.Nurse);
        var doctor = await practice.AddMemberAsync(PracticeRoles.Doctor, ["General Medicine"]);
        var formerAdmin = await practice.AddMemberAsync(PracticeRoles.Admin, membershipActive: false);
        await practice.AddAppointmentAsync(doctor.ProfileId, "Anna Nagar", "Someone Waiting", Ist(10, 11, 0), AppointmentStatus.Confirmed);

        Assert.NotNull(await practice.Practice.As(owner.Member).Get<DashboardService>().GetAdminDashboardAsync());
        Assert.NotNull(await practice.Practice.As(admin.Member).Get<DashboardService>().GetAdminDashboardAsync());
        Assert.Null(await practice.Practice.As(receptionist.Member).Get<DashboardService>().GetAdminDashboardAsync());
        Assert.Null(await practice.Practice.As(doctor.Member).Get<DashboardService>().GetAdminDashboardAsync());
        Assert.Null(await practice.Practice.As(formerAdmin.Member).Get<DashboardService>().GetAdminDashboardAsync());

        var reception = await practice.Practice.As(receptionist.Member).Get<DashboardService>().GetDaySummaryAsync();
        Assert.NotNull(reception);
        Assert.Equal(1, reception.Locations.Single().Counts[AppointmentStatus.Confirmed]);
        Assert.Equal(1, (await practice.Practice.As(nurse.Member).Get<DashboardService>().GetDaySummaryAsync())!.Totals.Total);
        Assert.Null(await practice.Practice.As(formerAdmin.Member).Get<DashboardService>().GetDaySummaryAsync());
    }

    [Fact]
    public async Task Practice_B_cannot_read_practice_A_dashboards_by_user_id_and_its_own_counts_only_its_rows()
    {
        var (a, d1, _, b, bDoctor) = await BusyDayAsync();
        var aAdmin = await a.AddMemberAsync(PracticeRoles.Owner);

        Assert.Null(await b.Practice.As(d1.Member).Get<DashboardService>().GetDoctorDashboardAsync());
        Assert.Null(await b.Practice.As(aAdmin.Member).Get<DashboardService>().GetAdminDashboardAsync());
        Assert.Null(await b.Practice.As(aAdmin.Member).Get<DashboardService>().GetDaySummaryAsync());
        Assert.Null(await a.Practice.As(bDoctor.Member).Get<DashboardService>().GetDoctorDashboardAsync());

        var own = await b.Practice.As(bDoctor.Member).Get<DashboardService>().GetDoctorDashboardAsync();
        Assert.Equal(3, own!.Counts.Total);
        Assert.All(own.Queue, e => Assert.Equal("Stranger Patient", e.PatientName));
        var admin = await b.Practice.As(bDoctor.Member).Get<DashboardService>().GetAdminDashboardAsync();
        Assert.Equal(["B Clinic"], admin!.Today.Locations.Select(l => l.LocationName));
        Assert.Equal(3, admin.Today.Totals.Total);
        Assert.Equal([new SpecializationCount("Dermatology", 1)], admin.DoctorsBySpecialization);
    }
}

public sealed class SqliteDashboardServiceTests(SqliteDashboardFixture fixture)
    : DashboardServiceTests(fixture), IClassFixture<SqliteDashboardFixture>;

public sealed class PostgresDashboardServiceTests(PostgresDashboardFixture fixture)
    : DashboardServiceTests(fixture), IClassFixture<PostgresDashboardFixture>;

/// <summary>The practice-local day around the IST midnight, where the UTC date and the practice's date differ.</summary>
public sealed class PracticeDayTests
{
    [Theory]
    [InlineData("2026-03-10T18:00:00Z", "2026-03-10")] // 23:30 IST on the 10th
    [InlineData("2026-03-10T18:29:59Z", "2026-03-10")] // 23:59:59 IST
    [InlineData("2026-03-10T18:30:00Z", "2026-03-11")] // midnight IST: the 11th begins while UTC is still on the 10th
    [InlineData("2026-03-09T18:40:00Z", "2026-03-10")] // 00:10 IST on the 10th, stored on the 9th in UTC
    public void An_instant_belongs_to_the_practice_local_date(string utc, string expected)
    {
        var day = PracticeDay.Containing(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), "Asia/Kolkata");

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), day.Date);
        Assert.Equal(day.Date.ToDateTime(TimeOnly.MinValue).AddHours(-5.5), day.StartUtc);
        Assert.Equal(TimeSpan.FromHours(24), day.EndUtc - day.StartUtc);
        Assert.Equal(DateTimeKind.Utc, day.StartUtc.Kind);
    }

    [Fact]
    public void A_day_with_a_daylight_saving_change_is_not_24_hours_long()
    {
        // London moved its clocks forward on 29 March 2026: that day lasts 23 hours.
        var day = PracticeDay.Containing(new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc), "Europe/London");

        Assert.Equal(new DateTime(2026, 3, 29, 0, 0, 0, DateTimeKind.Utc), day.StartUtc);
        Assert.Equal(new DateTime(2026, 3, 29, 23, 0, 0, DateTimeKind.Utc), day.EndUtc);
    }
}
