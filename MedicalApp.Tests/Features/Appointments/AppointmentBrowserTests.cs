using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>The fixed-clock app (Tuesday 10 March 2026, 09:40 in Chennai) on a loopback port, for Chromium.</summary>
public sealed class FixedClockKestrelFixture : IAsyncLifetime
{
    public FixedClockAppFactory App { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = new FixedClockAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        await App.ClearDemoPatientsAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The front desk and the doctor in Chromium, over live circuits: reception books Vikram's 10:30 through the patient
/// lookup and the slot buttons, adds a walk-in at the reception queue (where starting a consultation is not theirs),
/// walks the calendar with the keyboard; Vikram starts the walk-in's consultation and the reception queue shows it
/// by itself on its next refresh. Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class AppointmentBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    [Fact]
    public async Task Reception_books_and_adds_a_walk_in_and_the_doctor_starts_a_consultation()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        await AddPatientAsync("Lakshmi", "Venkat", "9840012345");
        await AddPatientAsync("Arjun", "Das", "9840067890");
        await using var browser = await ChromiumSession.StartAsync();
        var reception = await browser.NewPageAsync();
        var doctor = await browser.NewPageAsync();
        var at = reception;
        try
        {
            await ReceptionBooksAsync(browser, reception, vikram);
            await ReceptionAddsAWalkInAsync(browser, reception);
            await ReceptionWalksTheCalendarAsync(browser, reception, vikram);
            at = doctor;
            await TheDoctorStartsTheWalkInAsync(browser, doctor, reception);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "appointments-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    private async Task ReceptionBooksAsync(ChromiumSession browser, IPage page, Guid vikram)
    {
        await SignInAsync(page, "reception@demo.test");
        await page.GotoAsync($"{fixture.BaseUrl}/t/demo/appointments/book?doctorId={vikram}");
        await ChromiumSession.WaitForCircuitAsync(page);

        await TypeInLookupAsync(page, "laksh");
        await page.GetByTestId("patient-match").Filter(new() { HasText = "Lakshmi Venkat" }).ClickAsync();
        await page.Locator("[data-testid=slot][data-time='10:30']").ClickAsync();
        await page.GetByLabel("Reason for the visit (optional)").FillAsync("Fever for three days");
        await browser.ScreenshotAsync(page, "appointments-01-booking");
        await page.GetByTestId("book").ClickAsync();

        await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("Booked APT-20260310-");
        await Assertions.Expect(page.Locator("[data-testid=slot][data-time='10:30']")).ToHaveCountAsync(0);
        var booked = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Patient!.FirstName == "Lakshmi"));
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Today, 10, 30), booked.StartsAtUtc);
        Assert.Equal("Fever for three days", booked.Reason);
    }

    private async Task ReceptionAddsAWalkInAsync(ChromiumSession browser, IPage page)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/t/demo/reception");
        await ChromiumSession.WaitForCircuitAsync(page);

        await TypeInLookupAsync(page, "9840067");
        await page.GetByTestId("patient-match").Filter(new() { HasText = "Arjun Das" }).ClickAsync();
        await page.GetByLabel("Doctor").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Vikram Iyer" }).ClickAsync();
        await page.GetByTestId("add-walk-in").ClickAsync();

        await Assertions.Expect(page.GetByText("Arjun Das is in Vikram Iyer's queue at 10:00")).ToBeVisibleAsync();
        var column = page.Locator("[data-testid=queue-column][data-doctor='Vikram Iyer']");
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(2);
        await Assertions.Expect(column.GetByTestId("waiting").First).ToContainTextAsync("Arjun Das");
        await Assertions.Expect(column.GetByTestId("waiting").First.GetByTestId("walk-in-chip")).ToBeVisibleAsync();
        // Starting a consultation is the doctor's: reception sees the button, disabled.
        await Assertions.Expect(column.GetByTestId("start").First).ToBeDisabledAsync();
        await browser.ScreenshotAsync(page, "appointments-02-reception-queue");
    }

    private async Task ReceptionWalksTheCalendarAsync(ChromiumSession browser, IPage page, Guid vikram)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/t/demo/appointments/calendar?mode=doctor&id={vikram}&view=week&date=2026-03-10");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync(page, "appointments-03-calendar-week");

        // Keyboard: focus the first block (the 10:00 walk-in), Tab to the next (10:30), Enter opens it.
        await page.GetByTestId("calendar-block").First.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Lakshmi Venkat");
        await Assertions.Expect(page.GetByTestId("action-start")).ToBeDisabledAsync();
        await browser.ScreenshotAsync(page, "appointments-04-details");
        await page.GetByTestId("dialog-close").ClickAsync();

        await page.GetByTestId("calendar-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("16 Mar – 22 Mar 2026");
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(0);
        await page.GetByTestId("calendar-today").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(2);

        // Back to the desk, where the queue stays open while the doctor works.
        await page.GotoAsync($"{fixture.BaseUrl}/t/demo/reception");
        await ChromiumSession.WaitForCircuitAsync(page);
    }

    private async Task TheDoctorStartsTheWalkInAsync(ChromiumSession browser, IPage page, IPage reception)
    {
        await SignInAsync(page, "doctor@demo.test");
        await page.GotoAsync($"{fixture.BaseUrl}/t/demo/appointments");
        await ChromiumSession.WaitForCircuitAsync(page);
        var walkIn = page.Locator("tr").Filter(new() { HasText = "Arjun Das" });
        await walkIn.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(walkIn.GetByTestId("status-chip")).ToHaveTextAsync("In consultation");
        await browser.ScreenshotAsync(page, "appointments-05-doctor-list");

        // The reception page refreshes by itself (every 15 seconds) and moves Arjun to "In consultation".
        var column = reception.Locator("[data-testid=queue-column][data-doctor='Vikram Iyer']");
        await Assertions.Expect(column.GetByTestId("in-consultation")).ToContainTextAsync("Arjun Das", new() { Timeout = 40_000 });
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(reception, "appointments-06-reception-refreshed");
        var status = await fixture.App.InPracticeAsync("demo", db => db.Appointments.Where(a => a.Patient!.FirstName == "Arjun").Select(a => a.Status).SingleAsync());
        Assert.Equal(AppointmentStatus.InProgress, status);
    }

    /// <summary>Types key by key, as a person does: the lookup must search again as the text grows.</summary>
    private static async Task TypeInLookupAsync(IPage page, string text)
    {
        var field = page.GetByLabel("Patient");
        await field.ClickAsync();
        await field.PressSequentiallyAsync(text, new() { Delay = 80 });
        await Assertions.Expect(field).ToHaveValueAsync(text);
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/t/demo/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{fixture.BaseUrl}/t/demo/");
    }

    private Task AddPatientAsync(string first, string last, string mobile) => fixture.App.InPracticeAsync("demo", db =>
    {
        db.Patients.Add(new Patient
        {
            FirstName = first, LastName = last, FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} {last}".ToLowerInvariant(),
            Mobile = mobile, IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, AgeYears = 40,
            AgeRecordedOn = AppointmentFixture.Today, CreatedAtUtc = DateTime.UtcNow,
        });
        return db.SaveChangesAsync();
    });
}
