using System.Globalization;
using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// A new practice's first run, in Chromium: the owner registers (choosing to set hours later), lands on a home page with
/// the setup checklist, follows "weekly hours" to their own doctor page, sets Monday's hours there, and comes back to
/// a checklist that counts the step done; then follows "Book a first appointment", registers the first patient from the
/// picker and books them on the next Monday, and the checklist counts that step done too. Axe checks each page.
/// </summary>
public sealed class FirstRunChecklistJourneyTests(KestrelAppWithSmtpFixture fixture) : IClassFixture<KestrelAppWithSmtpFixture>
{
    [Fact]
    public async Task The_owner_follows_the_checklist_to_set_hours_and_the_step_turns_done()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var registration = new OwnerRegistration($"First Run Clinic {suffix}", "Dr. Meera Iyer", $"meera-{suffix}@firstrun.test",
            "lotus pond at dawn", Specialization: "General Medicine");

        await RegistrationSteps.FillFormAsync(page, fixture.BaseUrl, registration);
        await Assertions.Expect(page.GetByLabel("I'll set them later")).ToBeCheckedAsync();
        await ChromiumSession.AssertAccessibleAsync(page, "registration form with typical hours");
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, page, fixture.BaseUrl, registration, to => fixture.Smtp.WaitForMessageToAsync(to), "firstrun");

        var checklist = page.GetByTestId("setup-checklist");
        await Assertions.Expect(checklist).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("setup-progress")).ToHaveTextAsync("0 of 5 done");
        await Assertions.Expect(page.GetByTestId("setup-DoctorHours")).ToContainTextAsync("Not done");
        await ChromiumSession.AssertAccessibleAsync(page, "home with the setup checklist");
        await browser.ScreenshotAsync(page, "firstrun-01-checklist");

        await page.GetByRole(AriaRole.Link, new() { Name = "Set each doctor's weekly hours" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/doctors/[0-9a-f-]+\\?tab=hours$"));
        var doctorId = Regex.Match(page.Url, "/doctors/([0-9a-f-]+)").Groups[1].Value;
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Where and when" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add hours on Monday at {registration.PracticeName}" }).ClickAsync();
        await page.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(page.GetByText("Locations and weekly hours were saved.")).ToBeVisibleAsync();
        await ChromiumSession.AssertAccessibleAsync(page, "doctor's weekly hours");
        await browser.ScreenshotAsync(page, "firstrun-02-hours-saved");

        await page.GotoAsync($"{practiceUrl}/");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("setup-DoctorHours")).ToContainTextAsync("Done");
        await Assertions.Expect(page.GetByTestId("setup-DoctorHours")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(page.GetByTestId("setup-progress")).ToHaveTextAsync("1 of 5 done");
        await ChromiumSession.AssertAccessibleAsync(page, "home with hours done");
        await browser.ScreenshotAsync(page, "firstrun-03-hours-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "Book a first appointment" }).ClickAsync();
        await page.WaitForURLAsync("**/appointments/book");
        var slug = new Uri(practiceUrl).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
        var locationId = await fixture.App.InPracticeAsync(slug, db => db.ClinicLocations.Select(l => l.Id).SingleAsync());
        await page.GotoAsync($"{practiceUrl}/appointments/book?doctorId={doctorId}&locationId={locationId}&date={NextMonday()}");
        await ChromiumSession.WaitForCircuitAsync(page);
        // A new practice has no patients yet: the picker registers the first one.
        var mobile = TestPractice.NewMobile();
        var picker = page.GetByLabel("Patient", new() { Exact = true });
        await picker.ClickAsync();
        await picker.PressSequentiallyAsync(mobile, new() { Delay = 80 });
        await Assertions.Expect(picker).ToHaveValueAsync(mobile);
        await Assertions.Expect(page.GetByTestId("patient-no-match")).ToBeVisibleAsync();
        await page.GetByTestId("quick-register").ClickAsync();
        await Assertions.Expect(ChromiumSession.Field(page, "quick-first-name")).ToBeFocusedAsync();
        await ChromiumSession.Field(page, "quick-first-name").FillAsync("Asha");
        await ChromiumSession.Field(page, "quick-last-name").FillAsync("Pillai");
        await page.GetByTestId("quick-gender").GetByText("Female", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("quick-age-only").ClickAsync();
        await ChromiumSession.Field(page, "quick-age").FillAsync("42");
        await page.GetByTestId("quick-register-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync("Asha Pillai");
        await page.Locator("[data-testid=slot]").First.ClickAsync();
        await page.GetByTestId("book").ClickAsync();
        await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync(new Regex(@"Booked Asha Pillai with .+ \(APT-\d{8}-0001\)"));
        await ChromiumSession.AssertAccessibleAsync(page, "first booking");
        await browser.ScreenshotAsync(page, "firstrun-04-first-booking");

        await page.GotoAsync($"{practiceUrl}/");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("setup-TryBooking")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(page.GetByTestId("setup-progress")).ToHaveTextAsync("2 of 5 done");
        await ChromiumSession.AssertAccessibleAsync(page, "home with the first booking done");
        await browser.ScreenshotAsync(page, "firstrun-05-booking-done");
    }

    /// <summary>The next Monday in the practice's time zone (the day the journey gave hours to; never today).</summary>
    private static string NextMonday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Practice.DefaultTimeZoneId)).DateTime);
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(days == 0 ? 7 : days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
