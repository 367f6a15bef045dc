using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>
/// The interactive halves of plans in Chromium over a live circuit: an owner upgrades after a confirmation, and a
/// platform admin changes a plan and suspends a practice through dialogs that insist on a reason.
/// </summary>
public sealed class PlanBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task The_trial_owner_upgrades_to_Basic_after_confirming()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, $"{fixture.BaseUrl}/t/sunrise/Account/Login", "owner@sunrise.test");
        await page.WaitForURLAsync($"{fixture.BaseUrl}/t/sunrise/");

        await ChromiumSession.WaitForCircuitAsync(page); // the link navigates inside the live circuit
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan and usage" }).ClickAsync();
        await page.WaitForURLAsync($"{fixture.BaseUrl}/t/sunrise/plan");
        await Assertions.Expect(page.GetByTestId("current-plan")).ToContainTextAsync("Trial");
        await Assertions.Expect(page.GetByTestId("usage-ClinicLocations")).ToContainTextAsync("1 / 1");
        await browser.ScreenshotAsync(page, "plans-01-trial-usage");

        await page.GetByTestId("choose-Basic").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Upgrade to Basic?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("current-plan")).ToContainTextAsync("Basic");
        await Assertions.Expect(page.GetByTestId("usage-ClinicLocations")).ToContainTextAsync("1 / 3");
        await Assertions.Expect(page.GetByTestId("subscription-history")).ToContainTextAsync("Upgraded to Basic");
        await Assertions.Expect(page.GetByTestId("subscription-history")).ToContainTextAsync("owner@sunrise.test");
        await browser.ScreenshotAsync(page, "plans-02-upgraded");
    }

    [Fact]
    public async Task A_platform_admin_changes_a_plan_and_suspends_with_a_reason()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var authenticator = await fixture.App.PlatformAdminAuthenticatorAsync();
        await SignInAsync(page, $"{fixture.BaseUrl}/Account/Login", "admin@platform.test");
        await ChromiumSession.EnterCodeAsync(page, await authenticator.NextCodeAsync());
        await page.WaitForURLAsync($"{fixture.BaseUrl}/platform");
        // The console has the shell of every signed-in page: who is signed in, and Sign out.
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
        await ChromiumSession.WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Demo Family Clinic" }).ClickAsync();
        await page.WaitForURLAsync("**/platform/practices/**");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("practice-plan")).ToHaveTextAsync("Basic");

        await page.GetByTestId("action-change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("dialog-save").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Give the reason"); // refused on the client: nothing sent
        await page.GetByTestId("new-plan").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Premium", Exact = false }).ClickAsync();
        await dialog.Locator("textarea").First.FillAsync("Moved to the annual Premium contract");
        await browser.ScreenshotAsync(page, "plans-03-platform-change-plan");
        await dialog.GetByTestId("dialog-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("practice-plan")).ToHaveTextAsync("Premium");
        await Assertions.Expect(page.GetByTestId("subscription-history")).ToContainTextAsync("Moved to the annual Premium contract");
        await Assertions.Expect(page.GetByTestId("platform-audit")).ToContainTextAsync("Changed the plan");

        await page.GetByTestId("action-suspend").ClickAsync();
        await dialog.Locator("textarea").First.FillAsync("Chargeback under review");
        await dialog.GetByTestId("dialog-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("practice-status")).ToHaveTextAsync("Suspended");
        await Assertions.Expect(page.GetByTestId("suspension-reason")).ToContainTextAsync("Chargeback under review");
        await browser.ScreenshotAsync(page, "plans-04-platform-suspended");

        await page.GetByTestId("action-reactivate").ClickAsync();
        await dialog.Locator("textarea").First.FillAsync("Chargeback resolved");
        await dialog.GetByTestId("dialog-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("practice-status")).ToHaveTextAsync("Active");
    }

    [Fact]
    public async Task A_platform_admin_extends_a_trial_through_the_dialog()
    {
        var trialEnds = DateTime.UtcNow.AddDays(2);
        var practiceId = await fixture.App.Database.CreatePracticeAsync("browser-trial", MedicalApp.Data.Entities.PracticePlan.Trial, trialEnds);
        // The dialog proposes two weeks after the current last day (in the practice's zone, Asia/Kolkata).
        var proposedLastDay = DateOnly.FromDateTime(MedicalApp.Data.Tenancy.PracticeTime.ToLocal(trialEnds, null)).AddDays(14);
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var authenticator = await fixture.App.PlatformAdminAuthenticatorAsync();
        await SignInAsync(page, $"{fixture.BaseUrl}/Account/Login", "admin@platform.test");
        await ChromiumSession.EnterCodeAsync(page, await authenticator.NextCodeAsync());
        await page.WaitForURLAsync($"{fixture.BaseUrl}/platform");
        await page.GotoAsync($"{fixture.BaseUrl}/platform/practices/{practiceId}");
        await ChromiumSession.WaitForCircuitAsync(page);

        await page.GetByTestId("action-extend-trial").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Choose the last day of the extended trial");
        await dialog.Locator("textarea").First.FillAsync("Needs two more weeks to import records");
        await browser.ScreenshotAsync(page, "plans-05-platform-extend-trial");
        await dialog.GetByTestId("dialog-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("subscription-history")).ToContainTextAsync($"Trial extended to {proposedLastDay:dd MMM yyyy}");
        await Assertions.Expect(page.GetByTestId("practice-facts")).ToContainTextAsync($"Runs through {proposedLastDay:dd MMM yyyy}");
        await Assertions.Expect(page.GetByTestId("platform-audit")).ToContainTextAsync("Extended the trial");
    }

    private static async Task SignInAsync(IPage page, string loginUrl, string email)
    {
        await page.GotoAsync(loginUrl);
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
    }
}
