using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.WaitingRoom;

/// <summary>
/// The morning at the desk in Chromium (Tuesday 10 March 2026, 09:40 in Chennai): the owner makes the waiting-room
/// display's link on the settings page; reception checks in two booked patients (T-01, T-02) and marks the second
/// urgent with a reason, which puts them first; the doctor's home page, open since before the first check-in, follows
/// without a reload; the TV, signed out, opens the link and shows the tokens in that order without names. Axe runs on
/// every page. Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class CheckInBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task Reception_checks_two_patients_in_marks_one_urgent_and_the_display_shows_the_tokens_in_queue_order()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        await BookAsync(vikram, "Padma", "Krishnan", new TimeOnly(10, 30));
        await BookAsync(vikram, "Rahul", "Menon", new TimeOnly(11, 0));
        await using var browser = await ChromiumSession.StartAsync();
        var owner = await browser.NewPageAsync();
        var reception = await browser.NewPageAsync();
        var doctor = await browser.NewPageAsync();
        var tv = await browser.NewPageAsync();
        var at = owner;
        try
        {
            var link = await TheOwnerMakesTheDisplayLinkAsync(browser, owner);
            at = doctor;
            await TheDoctorOpensTheirQueueAsync(doctor);
            at = reception;
            await ReceptionChecksInAndMarksUrgentAsync(browser, reception);
            at = doctor;
            await TheDoctorsOpenQueueShowsTheTokensAsync(browser, doctor);
            at = tv;
            await TheDisplayShowsTheTokensAsync(browser, tv, link);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            // A picture only: an accessibility finding here would hide what stopped the journey.
            Directory.CreateDirectory(ChromiumSession.ScreenshotFolder);
            await at.ScreenshotAsync(new() { Path = Path.Combine(ChromiumSession.ScreenshotFolder, "check-in-failure.png"), FullPage = true });
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    private async Task<string> TheOwnerMakesTheDisplayLinkAsync(ChromiumSession browser, IPage page)
    {
        await ChromiumSession.SignInAsync(page, PracticeUrl, "owner@demo.test", MedicalAppFactory.DemoPassword);
        await page.GotoAsync($"{PracticeUrl}/settings");
        await ChromiumSession.WaitForCircuitAsync(page);
        var panel = page.GetByTestId("settings-waiting-display");
        await panel.GetByTestId("display-link-create").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("display-link-made")).ToBeVisibleAsync();
        var field = Field(page, "display-link");
        await Assertions.Expect(field).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/t/demo/display/[A-Za-z0-9_-]{43}$"));
        await browser.ScreenshotAsync(page, "check-in-01-display-link");
        return await field.InputValueAsync();
    }

    private async Task TheDoctorOpensTheirQueueAsync(IPage page)
    {
        await ChromiumSession.SignInAsync(page, PracticeUrl, "doctor@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);
        var queue = page.GetByTestId("doctor-queue");
        await Assertions.Expect(queue.Locator("[data-testid=queue-row][data-patient='Padma Krishnan']")).ToBeVisibleAsync();
        await Assertions.Expect(queue.GetByTestId("queue-urgent")).ToHaveCountAsync(0);
        await ChromiumSession.AssertAccessibleAsync(page, "doctor's home before check-in");
    }

    /// <summary>The doctor's page was not reloaded: the check-ins and the urgency reached it as change notices.</summary>
    private static async Task TheDoctorsOpenQueueShowsTheTokensAsync(ChromiumSession browser, IPage page)
    {
        var tokens = page.GetByTestId("doctor-queue").GetByTestId("queue-token");
        await Assertions.Expect(tokens.Nth(0)).ToHaveTextAsync("T-02");
        await Assertions.Expect(tokens.Nth(1)).ToHaveTextAsync("T-01");
        await Assertions.Expect(page.GetByTestId("doctor-queue").GetByTestId("queue-urgent")).ToHaveTextAsync("Urgent: Chest pain");
        await Assertions.Expect(page.GetByTestId("next-patient")).ToContainTextAsync("Rahul Menon (T-02)");
        await ChromiumSession.AssertAccessibleAsync(page, "doctor's home after check-in");
        await browser.ScreenshotAsync(page, "check-in-04-doctor-queue-live");
    }

    private async Task ReceptionChecksInAndMarksUrgentAsync(ChromiumSession browser, IPage page)
    {
        await ChromiumSession.SignInAsync(page, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);
        await page.GotoAsync($"{PracticeUrl}/reception");
        await ChromiumSession.WaitForCircuitAsync(page);
        var column = page.Locator("[data-testid=queue-column][data-doctor='Vikram Iyer']");
        await Assertions.Expect(column.GetByTestId("not-arrived")).ToHaveCountAsync(2);
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(0);

        await column.GetByTestId("not-arrived").Filter(new() { HasText = "Padma Krishnan" }).GetByTestId("check-in").ClickAsync();
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(1);
        await column.GetByTestId("not-arrived").Filter(new() { HasText = "Rahul Menon" }).GetByTestId("check-in").ClickAsync();
        await Assertions.Expect(column.GetByTestId("waiting")).ToHaveCountAsync(2);
        await Assertions.Expect(column.GetByTestId("not-arrived")).ToHaveCountAsync(0);
        await Assertions.Expect(column.GetByTestId("waiting").GetByTestId("token")).ToHaveTextAsync(["T-01", "T-02"]);
        await Assertions.Expect(column.GetByTestId("waiting").First.GetByTestId("waiting-time")).ToContainTextAsync("Waiting under 1 min");
        await Assertions.Expect(column.GetByTestId("waiting").First.GetByTestId("print-slip"))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("appointments/[0-9a-f-]{36}/token-slip$"));

        // Rahul (T-02) has chest pain: the reason is required, then he goes first.
        await column.Locator("[data-testid=waiting][data-token='T-02']").GetByTestId("mark-urgent").ClickAsync();
        await Assertions.Expect(Field(page, "urgent-reason")).ToBeFocusedAsync();
        await page.GetByTestId("urgent-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog .mud-input-helper-text.mud-input-error")).ToContainTextAsync("Say why the patient must be seen first");
        await SetValueAsync(Field(page, "urgent-reason"), "Chest pain");
        await browser.ScreenshotAsync(page, "check-in-02-urgent-dialog");
        await page.GetByTestId("urgent-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("urgent-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(column.GetByTestId("waiting").GetByTestId("token")).ToHaveTextAsync(["T-02", "T-01"]);
        await Assertions.Expect(column.GetByTestId("waiting").First.GetByTestId("urgent-reason-shown")).ToHaveTextAsync("Urgent: Chest pain");
        await browser.ScreenshotAsync(page, "check-in-03-reception-queue");
    }

    private static async Task TheDisplayShowsTheTokensAsync(ChromiumSession browser, IPage page, string link)
    {
        await page.GotoAsync(link);
        await ChromiumSession.WaitForCircuitAsync(page);
        var doctor = page.Locator("[data-testid=display-doctor][data-doctor='Vikram Iyer']");
        await Assertions.Expect(doctor.GetByTestId("display-next-token")).ToHaveTextAsync(["T-02", "T-01"]);
        await Assertions.Expect(page.GetByTestId("waiting-display")).Not.ToContainTextAsync("Rahul");
        await Assertions.Expect(page.GetByTestId("waiting-display")).Not.ToContainTextAsync("Padma");
        await Assertions.Expect(page.GetByTestId("drawer")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(page, "check-in-05-waiting-display");

        // A wrong key: a plain not-found page.
        var response = await page.GotoAsync(link[..^4] + "AAAA");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByTestId("display-not-found")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "check-in-06-display-not-found");
    }

    private async Task BookAsync(Guid doctor, string first, string last, TimeOnly at) =>
        await BookingSteps.BookAsync(fixture.App, await BookingSteps.AddPatientAsync(fixture.App, first, last), doctor,
            await BookingSteps.LocationAsync(fixture.App, "Anna Nagar"), AppointmentFixture.Today, at, "Check-up");
}
