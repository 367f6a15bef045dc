using System.Globalization;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Doctors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// A doctor keeps their own profile in Chromium, over the live circuit: the field rules answer next to the field,
/// the weekly hours refuse being in two places at once, "copy Monday" fills the week, and leave is added and removed.
/// Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class DoctorBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task A_doctor_edits_their_profile_weekly_hours_and_leave()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        var tNagar = await fixture.App.InPracticeAsync("demo", db => db.ClinicLocations.Where(l => l.Name.Contains("T. Nagar")).Select(l => l.Id).SingleAsync());
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await JourneyAsync(browser, page, vikram, tNagar);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            // Say where the browser was: a timeout alone does not tell which page it stopped on.
            await browser.ScreenshotAsync(page, "doctors-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }

    private async Task JourneyAsync(ChromiumSession browser, IPage page, Guid vikram, Guid tNagar)
    {
        var baseUrl = fixture.BaseUrl;

        await ChromiumSession.SignInAsync(page, $"{baseUrl}/t/demo", "doctor@demo.test", MedicalAppFactory.DemoPassword);

        // "My doctor profile" leads to the doctor's own page.
        await page.GotoAsync($"{baseUrl}/t/demo/doctors/me");
        await page.WaitForURLAsync($"{baseUrl}/t/demo/doctors/{vikram}");
        await ChromiumSession.WaitForCircuitAsync(page);

        // Profile: a rule answers next to its field; a valid form saves.
        var registration = page.GetByTestId("registration-number");
        await registration.FillAsync("");
        await registration.BlurAsync();
        await Assertions.Expect(page.GetByText("Enter the medical council registration number.").First).ToBeVisibleAsync();
        await registration.FillAsync(" tnmc-70001 ");

        // An out-of-range number is kept as typed and told, never quietly changed (−3 years used to become 0).
        var experience = page.GetByTestId("experience");
        var experienceMessage = page.GetByText(DoctorProfileRules.ExperienceError(-3)!);
        await experience.FillAsync("-3");
        await experience.BlurAsync();
        await Assertions.Expect(experienceMessage).ToBeVisibleAsync();
        await Assertions.Expect(experience).ToHaveValueAsync("-3");
        await experience.FillAsync("12");
        await experience.BlurAsync();
        await Assertions.Expect(experienceMessage).ToBeHiddenAsync();
        await page.GetByTestId("fee").FillAsync("750");
        await page.GetByTestId("save-profile").ClickAsync();
        await Assertions.Expect(page.GetByText("The profile was saved.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "doctors-01-profile-saved");
        var saved = await fixture.App.InPracticeAsync("demo", db => db.DoctorProfiles.AsNoTracking().SingleAsync(d => d.Id == vikram));
        Assert.Equal(750m, saved.ConsultationFee);
        Assert.Equal(DemoDoctors.VikramNumber, saved.RegistrationNumber);

        // Where and when: Monday 09:00–13:00 at T. Nagar clashes with the same hours at Anna Nagar.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Where and when" }).ClickAsync();
        await page.GetByLabel("Demo Family Clinic, T. Nagar").CheckAsync();
        var week = page.GetByTestId($"week-{tNagar}");
        await week.GetByRole(AriaRole.Button, new() { Name = "Add hours on Monday at Demo Family Clinic, T. Nagar" }).ClickAsync();
        await page.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedule-alert")).ToContainTextAsync("A doctor cannot be in two places at once.");
        await browser.ScreenshotAsync(page, "doctors-02-overlap-refused");

        // An afternoon slot between the two sessions fits; copied to the weekdays and saved.
        var monday = week.Locator("input").First;
        await monday.FillAsync("1400");
        await monday.BlurAsync();
        await Assertions.Expect(monday).ToHaveValueAsync("14:00");
        await week.Locator("input").Nth(1).FillAsync("16:30");
        await week.GetByTestId("copy-monday").ClickAsync();
        await page.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(page.GetByText("Locations and weekly hours were saved.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "doctors-03-week-saved");
        var atTNagar = await fixture.App.InPracticeAsync("demo", db => db.DoctorAvailability.AsNoTracking()
            .Where(a => a.DoctorProfileId == vikram && a.ClinicLocationId == tNagar).ToListAsync());
        Assert.Equal(5, atTNagar.Count);
        Assert.All(atTNagar, a => Assert.Equal((new TimeOnly(14, 0), new TimeOnly(16, 30)), (a.StartTime, a.EndTime)));

        // Leave: added for a day next month, then removed after confirming.
        var day = DateTime.UtcNow.AddDays(40);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Leave" }).ClickAsync();
        var firstDay = page.GetByLabel("First day");
        await firstDay.FillAsync(day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture));
        await firstDay.PressAsync("Tab");
        await page.GetByLabel("Reason (optional)").FillAsync("Conference");
        await page.GetByTestId("add-leave").ClickAsync();
        await Assertions.Expect(page.GetByTestId("upcoming-leave")).ToContainTextAsync("Conference");
        await browser.ScreenshotAsync(page, "doctors-04-leave-added");
        await page.GetByTestId("upcoming-leave").GetByRole(AriaRole.Button).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("No leave planned.")).ToBeVisibleAsync();
        Assert.Equal(0, await fixture.App.InPracticeAsync("demo", db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == vikram)));

        // Portrait tablet: the week still reads.
        await page.SetViewportSizeAsync(768, 1024);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Where and when" }).ClickAsync();
        await browser.ScreenshotAsync(page, "doctors-05-week-tablet-portrait");

        // The list shows the new hours to everyone.
        await page.GotoAsync($"{baseUrl}/t/demo/doctors");
        await Assertions.Expect(page.GetByTestId("doctors-table")).ToContainTextAsync("Mon–Fri 14:00–16:30");
        await browser.ScreenshotAsync(page, "doctors-06-list");
    }
}
