using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Changes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>The seeded app on SQLite whose clock stands still at <see cref="AppointmentFixture.Now"/> (Tuesday 09:40 in Chennai).</summary>
public sealed class FixedClockAppFactory(TestDatabase database) : MedicalAppFactory(database)
{
    public FakeTimeProvider Clock { get; } = AppointmentFixture.NewClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class FixedClockAppFixture : IAsyncLifetime
{
    public FixedClockAppFactory App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new FixedClockAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
        _ = App.Server;
        await App.ClearDemoPatientsAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The appointment pages over HTTP (the first, prerendered GET) in the seeded demo practice: Vikram Iyer has today's
/// bookings and a walk-in; who may open which page. Interactive actions are covered by the service tests.
/// </summary>
public sealed class AppointmentPagesTests(FixedClockAppFixture fixture) : IClassFixture<FixedClockAppFixture>
{
    private FixedClockAppFactory App => fixture.App;

    /// <summary>Today's demo day, made once: a booking at 10:00 and a walk-in for Vikram at Anna Nagar.</summary>
    private async Task<DemoDay> DemoDayAsync()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(App);
        var reception = await App.InPracticeAsync("demo", db => Task.FromResult(db.PracticeMemberships
            .Where(m => m.User!.Email == "reception@demo.test").Select(m => m.UserId).Single()));
        return await App.WithPracticeServicesAsync("demo", reception, async services =>
        {
            var queries = services.GetRequiredService<AppointmentQueries>();
            var existing = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Today, DoctorId: vikram));
            var options = await queries.BookingOptionsAsync();
            var annaNagar = options.Locations.Single(l => l.Name.EndsWith("Anna Nagar", StringComparison.Ordinal)).Id;
            if (existing.Items.Count > 0)
            {
                return new DemoDay(vikram, annaNagar, existing.Items.Single(i => !i.IsWalkIn), existing.Items.Single(i => i.IsWalkIn));
            }

            var lakshmi = await AddPatientAsync("Lakshmi", "Venkat", "9840012345");
            var arjun = await AddPatientAsync("Arjun", "Das", "9840067890");
            var booked = await services.GetRequiredService<AppointmentService>()
                .BookAsync(lakshmi, vikram, annaNagar, AppointmentFixture.Today, new TimeOnly(11, 0), "Fever", null);
            var walkIn = await services.GetRequiredService<WalkInQueueService>().AddWalkInAsync(arjun, vikram, annaNagar);
            Assert.True(booked.Succeeded, string.Join("; ", booked.AllMessages()));
            Assert.True(walkIn.Succeeded, string.Join("; ", walkIn.AllMessages()));
            var today = await queries.ListAsync(new AppointmentListQuery(AppointmentPeriod.Today, DoctorId: vikram));
            return new DemoDay(vikram, annaNagar, today.Items.Single(i => !i.IsWalkIn), today.Items.Single(i => i.IsWalkIn));
        });
    }

    private Task<Guid> AddPatientAsync(string first, string last, string mobile) => App.InPracticeAsync("demo", async db =>
    {
        var patient = new Patient
        {
            FirstName = first, LastName = last, FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} {last}".ToLowerInvariant(),
            Mobile = mobile, IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, AgeYears = 40,
            AgeRecordedOn = AppointmentFixture.Today, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    });

    [Fact]
    public async Task Todays_list_shows_the_booking_and_the_walk_in_in_time_order()
    {
        var day = await DemoDayAsync();
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync("/t/demo/appointments");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Today (Tue 10 Mar)", html, StringComparison.Ordinal);
        var walkIn = html.IndexOf(day.WalkIn.Number, StringComparison.Ordinal);
        var booked = html.IndexOf(day.Booked.Number, StringComparison.Ordinal);
        Assert.True(walkIn > 0 && booked > walkIn, "The 10:00 walk-in is listed before the 11:00 booking.");
        Assert.Contains("Lakshmi Venkat", html, StringComparison.Ordinal);
        Assert.Contains("Arjun Das", html, StringComparison.Ordinal);
        Assert.Contains("10:00–10:30", html, StringComparison.Ordinal);
        Assert.Contains("walk-in-chip", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_day_calendar_of_a_doctor_draws_each_appointment_as_a_button_with_its_details()
    {
        var day = await DemoDayAsync();
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync($"/t/demo/appointments/calendar?mode=doctor&id={day.Vikram}&view=day&date=2026-03-10");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tuesday 10 Mar 2026", html, StringComparison.Ordinal);
        // The button is named by what it shows (time, patient, number and status), and reads out the place it has no
        // room for; no aria-label that would hide its visible text (WCAG 2.5.3).
        var booked = System.Text.RegularExpressions.Regex.Match(html,
            $"<button[^>]*data-number=\"{day.Booked.Number}\"[^>]*>(.*?)</button>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(booked.Success, "The booked appointment is drawn as a button.");
        Assert.DoesNotContain("aria-label", booked.Value, StringComparison.Ordinal);
        var shown = System.Text.RegularExpressions.Regex.Replace(booked.Groups[1].Value, "<[^>]+>", " ");
        Assert.Matches($"11:00–11:30\\s+Lakshmi Venkat\\s+{day.Booked.Number} · Scheduled\\s+, Demo Family Clinic, Anna Nagar", shown);
        Assert.Matches("<span class=\"visually-hidden\"[^>]*>, Demo Family Clinic, Anna Nagar</span>", booked.Value);
        Assert.Contains($"data-number=\"{day.WalkIn.Number}\"", html, StringComparison.Ordinal);
        // Time rows from Vikram's earliest hours (09:00) to his latest (21:00).
        Assert.Contains(">09:00</div>", html, StringComparison.Ordinal);
        Assert.Contains(">20:30</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">21:00</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_week_calendar_of_a_location_shows_seven_days()
    {
        var day = await DemoDayAsync();
        var client = await SignedInAsync("owner@demo.test");

        var html = await MedicalAppFactory.TextAsync(await client.GetAsync($"/t/demo/appointments/calendar?mode=location&id={day.AnnaNagar}&view=week&date=2026-03-12"));

        Assert.Contains("9 Mar – 15 Mar 2026", html, StringComparison.Ordinal);
        Assert.Equal(7, CountOf(html, "data-testid=\"calendar-column\""));
        Assert.Contains(day.Booked.Number, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reception_sees_the_doctors_queue_with_the_walk_in_marked()
    {
        var day = await DemoDayAsync();
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync("/t/demo/reception");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-doctor=\"Vikram Iyer\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-number=\"{day.WalkIn.Number}\"", html, StringComparison.Ordinal);
        // The walk-in is checked in and waiting; the 11:00 booking has not arrived yet.
        Assert.Contains("Waiting 1", html, StringComparison.Ordinal);
        Assert.Contains("Not arrived 1", html, StringComparison.Ordinal);
        Assert.Contains("data-token=\"T-01\"", html, StringComparison.Ordinal);
        Assert.Contains("09:00–13:00, 17:00–21:00", html, StringComparison.Ordinal);
        // Finding or quick-registering the walk-in happens in the patient picker.
        Assert.Contains("data-testid=\"quick-register\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doctor_is_not_offered_the_reception_page()
    {
        var client = await SignedInAsync("doctor@demo.test");

        var response = await client.GetAsync("/t/demo/reception");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/t/demo/Account/AccessDenied", MedicalAppFactory.RedirectTarget(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_booking_page_shows_the_free_times_of_the_doctor_named_in_the_address()
    {
        var day = await DemoDayAsync();
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync($"/t/demo/appointments/book?doctorId={day.Vikram}&date=2026-03-10");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Book an appointment", html, StringComparison.Ordinal);
        // 09:00 and 09:30 have passed, 10:00 went to the walk-in and 11:00 is booked.
        Assert.DoesNotContain("data-time=\"09:30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-time=\"10:00\"", html, StringComparison.Ordinal);
        Assert.Contains("data-time=\"10:30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-time=\"11:00\"", html, StringComparison.Ordinal);
        Assert.Contains("data-time=\"20:30\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        var client = App.CreateBrowserLikeClient();

        var response = await client.GetAsync("/t/demo/appointments/calendar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_slip_is_a_private_pdf_for_the_desk_and_nothing_for_the_signed_out_another_practice_or_a_visit_without_a_token()
    {
        var day = await DemoDayAsync();
        var slip = $"/t/demo/appointments/{day.WalkIn.Id}/token-slip";
        Assert.NotNull(day.WalkIn.Token); // a walk-in is checked in at once
        Assert.Null(day.Booked.Token);

        var desk = await SignedInAsync("reception@demo.test");
        var printed = await desk.GetAsync(slip);
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.Equal("application/pdf", printed.Content.Headers.ContentType?.MediaType);
        Assert.True(printed.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control was “{printed.Headers.CacheControl}”.");
        using (var pdf = new MedicalApp.Tests.Printing.PdfReadBack(await printed.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains(day.WalkIn.Token, pdf.PageText(1), StringComparison.Ordinal);
        }

        // A booked patient who has not arrived has no token, so no slip: not found, as for an unknown id.
        foreach (var id in new[] { day.Booked.Id, Guid.NewGuid() })
        {
            var none = await desk.GetAsync($"/t/demo/appointments/{id}/token-slip");
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.NotEqual("application/pdf", none.Content.Headers.ContentType?.MediaType);
        }

        var signedOut = await App.CreateBrowserLikeClient().GetAsync(slip);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(signedOut), StringComparison.Ordinal);

        // Sunrise's owner with demo's visit id: not found at sunrise's address, and nothing at demo's.
        var stranger = App.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await MedicalAppFactory.SignInAsync(stranger, "/t/sunrise/Account/Login", "owner@sunrise.test")).StatusCode);
        var atSunrise = await stranger.GetAsync($"/t/sunrise/appointments/{day.WalkIn.Id}/token-slip");
        Assert.Equal(HttpStatusCode.NotFound, atSunrise.StatusCode);
        Assert.NotEqual("application/pdf", atSunrise.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("application/pdf", (await stranger.GetAsync(slip)).Content.Headers.ContentType?.MediaType);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private sealed record DemoDay(Guid Vikram, Guid AnnaNagar, AppointmentRow Booked, AppointmentRow WalkIn);
}
