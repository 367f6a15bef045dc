using System.Text.RegularExpressions;
using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

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
/// The front desk and the doctor in Chromium, over live circuits. Reception registers a family with the wizard, books
/// Vikram's 10:30 for a family member through the patient picker and the slot buttons, quick-registers a new patient
/// at the reception queue and adds them as a walk-in (starting a consultation is not reception's), and walks the
/// calendar with the keyboard (the arrow keys, within its one Tab stop). Vikram signs in, sees both in today's queue on his home page and starts the walk-in;
/// its consultation page opens, and the open reception queue shows it by itself (a live notice). Screenshots go to
/// TestResults/screenshots.
/// </summary>
public sealed class AppointmentBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private const string FamilyMobile = "9840012345";
    private const string WalkInMobile = "9840067890";

    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task Reception_registers_a_family_books_for_a_member_adds_a_walk_in_and_the_doctor_starts_a_consultation()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        await using var browser = await ChromiumSession.StartAsync();
        var reception = await browser.NewPageAsync();
        var doctor = await browser.NewPageAsync();
        var at = reception;
        try
        {
            await ChromiumSession.SignInAsync(reception, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);
            await ReceptionRegistersAFamilyAsync(browser, reception);
            await ReceptionBooksForTheSpouseAsync(browser, reception, vikram);
            await ReceptionQuickRegistersAWalkInAsync(browser, reception);
            await ReceptionWalksTheCalendarAsync(browser, reception, vikram);
            at = doctor;
            await TheDoctorStartsTheWalkInFromTheQueueAsync(browser, doctor, reception);
            at = reception;
            await ReceptionCancelsWithADoubleClickAsync(reception);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "appointments-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    private async Task ReceptionRegistersAFamilyAsync(ChromiumSession browser, IPage page)
    {
        await page.GotoAsync($"{PracticeUrl}/patients/new");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Field(page, "primary-first-name").FillAsync("Venkat");
        await Field(page, "primary-last-name").FillAsync("Raman");
        await Field(page, "primary-mobile").FillAsync(FamilyMobile);
        await page.GetByTestId("primary-gender").GetByText("Male", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("primary-age-only").ClickAsync();
        await Field(page, "primary-age").FillAsync("46");
        await page.GetByTestId("next").ClickAsync();

        await page.GetByTestId("add-member").ClickAsync();
        await Field(page, "member-0-first-name").FillAsync("Lakshmi");
        await Field(page, "member-0-last-name").FillAsync("Venkat");
        await ChooseAsync(page, "member-0-relationship", "Spouse");
        await page.GetByTestId("member-0-gender").GetByText("Female", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("member-0-age-only").ClickAsync();
        await Field(page, "member-0-age").FillAsync("41");
        await page.GetByTestId("next").ClickAsync();

        await Assertions.Expect(page.GetByTestId("review-table")).ToContainTextAsync("Lakshmi Venkat");
        await page.GetByTestId("save-registration").ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-name")).ToHaveTextAsync("Venkat Raman");
        await Assertions.Expect(page.GetByTestId("family-members")).ToContainTextAsync("Lakshmi Venkat");
        await browser.ScreenshotAsync(page, "appointments-01-family-registered");
    }

    private async Task ReceptionBooksForTheSpouseAsync(ChromiumSession browser, IPage page, Guid vikram)
    {
        await page.GotoAsync($"{PracticeUrl}/appointments/book?doctorId={vikram}");
        await ChromiumSession.WaitForCircuitAsync(page);

        // The family shares a mobile: the picker tells its members apart by age, gender and relationship.
        await TypeInPickerAsync(page, "venk");
        await Assertions.Expect(page.GetByTestId("patient-match")).ToHaveCountAsync(2);
        var lakshmi = page.GetByTestId("patient-match").Filter(new() { HasText = "Lakshmi Venkat" });
        await Assertions.Expect(lakshmi).ToContainTextAsync("41 y · Female · ••••2345 · Spouse");
        await lakshmi.ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync("Lakshmi Venkat");
        await page.Locator("[data-testid=slot][data-time='10:30']").ClickAsync();
        await page.GetByLabel("Reason for the visit (optional)").FillAsync("Fever for three days");
        await browser.ScreenshotAsync(page, "appointments-02-booking");
        await page.GetByTestId("book").ClickAsync();

        await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync(new Regex(@"Booked Lakshmi Venkat with .+ on Tue 10 Mar at 10:30 \(APT-20260310-\d{4}\)"));
        await Assertions.Expect(page.Locator("[data-testid=slot][data-time='10:30']")).ToHaveCountAsync(0);
        var booked = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Patient!.FirstName == "Lakshmi"));
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Today, 10, 30), booked.StartsAtUtc);
        Assert.Equal("Fever for three days", booked.Reason);
        Assert.False(booked.IsWalkIn);

        // Lakshmi's record shows the visit; its number opens the appointment, where reception confirms it.
        await page.GotoAsync($"{PracticeUrl}/patients/{booked.PatientId}");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("visit-timeline")).ToContainTextAsync("Vikram Iyer");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {booked.Number}" }).ClickAsync();
        await page.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByTestId("status-chip")).ToHaveTextAsync("Confirmed");
        await page.GetByTestId("dialog-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("visit-timeline").GetByTestId("status-chip")).ToHaveTextAsync("Confirmed");

        // The audit trail knows where the desk was: the view (recorded by the first request) and the confirmation
        // (recorded in the live circuit, which has no request of its own) both carry the browser's address.
        var audit = await fixture.App.AuditEventsAsync("demo");
        Assert.Equal("127.0.0.1", audit.Last(e => e.Action == AuditActions.PatientViewed && e.EntityId == booked.PatientId.ToString()).IpAddress);
        Assert.Equal("127.0.0.1", Assert.Single(audit, e => e.Action == AuditActions.AppointmentConfirmed).IpAddress);
    }

    private async Task ReceptionQuickRegistersAWalkInAsync(ChromiumSession browser, IPage page)
    {
        await page.GotoAsync($"{PracticeUrl}/reception");
        await ChromiumSession.WaitForCircuitAsync(page);

        // Nobody has this mobile yet: register the patient from the picker, which then holds them.
        await TypeInPickerAsync(page, WalkInMobile);
        await Assertions.Expect(page.GetByTestId("patient-no-match")).ToBeVisibleAsync();
        await page.GetByTestId("quick-register").ClickAsync();
        await Assertions.Expect(Field(page, "quick-mobile")).ToHaveValueAsync(WalkInMobile);
        // A form nobody has touched yet shows no errors, even once the focus has moved into it.
        await Assertions.Expect(Field(page, "quick-first-name")).ToBeFocusedAsync();
        await browser.ScreenshotAsync(page, "appointments-03a-quick-register-opened");
        await Assertions.Expect(page.Locator(".mud-dialog .mud-input-error")).ToHaveCountAsync(0);
        await Field(page, "quick-first-name").FillAsync("Arjun");
        await Field(page, "quick-last-name").FillAsync("Das");
        await page.GetByTestId("quick-gender").GetByText("Male", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("quick-age-only").ClickAsync();
        await Field(page, "quick-age").FillAsync("35");
        await browser.ScreenshotAsync(page, "appointments-03-quick-register");
        await page.GetByTestId("quick-register-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync("Arjun Das");

        await page.GetByLabel("Doctor").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Vikram Iyer" }).ClickAsync();
        await page.GetByTestId("add-walk-in").ClickAsync();

        await Assertions.Expect(page.GetByText("Arjun Das is in Vikram Iyer's queue at 10:00")).ToBeVisibleAsync();
        var column = page.Locator("[data-testid=queue-column][data-doctor='Vikram Iyer']");
        // The walk-in is at the desk, so checked in with a token; Lakshmi (10:30) has not arrived yet.
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(1);
        await Assertions.Expect(column.GetByTestId("not-arrived")).ToHaveCountAsync(1);
        await Assertions.Expect(column.GetByTestId("waiting").First).ToContainTextAsync("Arjun Das");
        await Assertions.Expect(column.GetByTestId("waiting").First.GetByTestId("token")).ToHaveTextAsync("T-01");
        await Assertions.Expect(column.GetByTestId("waiting").First.GetByTestId("walk-in-chip")).ToBeVisibleAsync();
        // Starting a consultation is the doctor's: reception sees the button, disabled.
        await Assertions.Expect(column.GetByTestId("start").First).ToBeDisabledAsync();
        await browser.ScreenshotAsync(page, "appointments-04-reception-queue");
        var arjun = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Patient!.FirstName == "Arjun"));
        Assert.True(arjun.IsWalkIn);
    }

    private async Task ReceptionWalksTheCalendarAsync(ChromiumSession browser, IPage page, Guid vikram)
    {
        await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=doctor&id={vikram}&view=week&date=2026-03-10");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync(page, "appointments-05-calendar-week");

        // Keyboard: focus the first block (the 10:00 walk-in); the grid is one Tab stop, so ArrowDown goes to the next
        // (10:30), and Enter opens it.
        await Assertions.Expect(page.Locator("[data-calendar-keys=ready]")).ToHaveCountAsync(1);
        await page.GetByTestId("calendar-block").First.FocusAsync();
        await Assertions.Expect(page.GetByTestId("calendar-block").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByTestId("calendar-block").Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Lakshmi Venkat");
        await Assertions.Expect(page.GetByTestId("action-start")).ToBeDisabledAsync();
        await browser.ScreenshotAsync(page, "appointments-06-details");
        await page.GetByTestId("dialog-close").ClickAsync();

        await page.GetByTestId("calendar-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("16 Mar – 22 Mar 2026");
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(0);
        await page.GetByTestId("calendar-today").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(2);

        // Back to the desk, where the queue stays open while the doctor works.
        await page.GotoAsync($"{PracticeUrl}/reception");
        await ChromiumSession.WaitForCircuitAsync(page);
    }

    private async Task TheDoctorStartsTheWalkInFromTheQueueAsync(ChromiumSession browser, IPage page, IPage reception)
    {
        // Vikram's home page: today's queue holds both, the walk-in first (10:00) and marked as such.
        await ChromiumSession.SignInAsync(page, PracticeUrl, "doctor@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);
        var queue = page.GetByTestId("doctor-queue");
        await Assertions.Expect(queue.GetByTestId("queue-row")).ToHaveCountAsync(2);
        await Assertions.Expect(queue.GetByTestId("queue-row").Nth(0)).ToContainTextAsync("Arjun Das");
        await Assertions.Expect(queue.GetByTestId("queue-row").Nth(0).GetByTestId("walk-in-chip")).ToBeVisibleAsync();
        await Assertions.Expect(queue.GetByTestId("queue-row").Nth(1)).ToContainTextAsync("Lakshmi Venkat");
        await Assertions.Expect(page.GetByTestId("next-patient")).ToContainTextAsync("Arjun Das");
        await browser.ScreenshotAsync(page, "appointments-07-doctor-queue");

        var walkIn = queue.Locator("[data-testid=queue-row][data-patient='Arjun Das']");
        await walkIn.GetByTestId("start").ClickAsync();

        // Starting opens the consultation page; back home, the queue shows the visit in consultation.
        await page.WaitForURLAsync("**/consultations/**");
        await Assertions.Expect(page.GetByTestId("banner-patient-name")).ToHaveTextAsync("Arjun Das");
        await page.GotoAsync($"{PracticeUrl}/");
        await ChromiumSession.WaitForCircuitAsync(page);
        walkIn = page.GetByTestId("doctor-queue").Locator("[data-testid=queue-row][data-patient='Arjun Das']");
        await Assertions.Expect(walkIn.GetByTestId("status-chip")).ToHaveTextAsync("In consultation");
        await Assertions.Expect(walkIn.GetByTestId("complete")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("next-patient")).ToContainTextAsync("Lakshmi Venkat");
        await browser.ScreenshotAsync(page, "appointments-08-doctor-started");

        // The reception page, open all along, hears of the start and moves Arjun to "In consultation".
        var column = reception.Locator("[data-testid=queue-column][data-doctor='Vikram Iyer']");
        await Assertions.Expect(column.GetByTestId("in-consultation")).ToContainTextAsync("Arjun Das");
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(0);
        await Assertions.Expect(column.GetByTestId("not-arrived")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(reception, "appointments-09-reception-refreshed");
        var status = await fixture.App.InPracticeAsync("demo", db => db.Appointments.Where(a => a.Patient!.FirstName == "Arjun").Select(a => a.Status).SingleAsync());
        Assert.Equal(AppointmentStatus.InProgress, status);
    }

    private async Task ReceptionCancelsWithADoubleClickAsync(IPage page)
    {
        var lakshmi = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Patient!.FirstName == "Lakshmi"));
        await page.GotoAsync($"{PracticeUrl}/patients/{lakshmi.PatientId}");
        await ChromiumSession.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {lakshmi.Number}" }).ClickAsync();
        await page.GetByTestId("action-cancel").ClickAsync();
        await Assertions.Expect(Field(page, "cancel-reason")).ToBeFocusedAsync();
        await Field(page, "cancel-reason").FillAsync("Patient travelling");
        await Assertions.Expect(Field(page, "cancel-reason")).ToHaveValueAsync("Patient travelling");

        // A double click asks once: answering "Keep it" leaves no second question behind.
        await page.GetByTestId("confirm-cancel").DblClickAsync();
        var question = page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Cancel this appointment?" });
        await Assertions.Expect(question).ToHaveCountAsync(1);
        await question.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(question).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("confirm-cancel")).ToBeEnabledAsync();

        await page.GetByTestId("confirm-cancel").ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByTestId("status-chip")).ToHaveTextAsync("Cancelled");
        var cancelled = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == lakshmi.Id));
        Assert.Equal((AppointmentStatus.Cancelled, "Patient travelling"), (cancelled.Status, cancelled.CancellationReason));
    }

    /// <summary>Types key by key, as a person does: the picker must search again as the text grows.</summary>
    private static async Task TypeInPickerAsync(IPage page, string text)
    {
        // Exact: the result list's label ("Matching patients") contains the word too, and once it shows, a loose match finds two.
        var field = page.GetByLabel("Patient", new() { Exact = true });
        await field.ClickAsync();
        await field.PressSequentiallyAsync(text, new() { Delay = 80 });
        await Assertions.Expect(field).ToHaveValueAsync(text);
    }
}
