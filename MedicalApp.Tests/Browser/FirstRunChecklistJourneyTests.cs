using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// A new practice's first run, in Chromium: the owner registers (choosing to set hours later), lands on a home page with
/// the setup checklist, follows "weekly hours" to their own doctor page, sets Monday's hours there, and comes back to
/// a checklist that counts the step done. Axe checks each page on the way.
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
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/doctors/[0-9a-f-]+\\?tab=hours$"));
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
    }
}
