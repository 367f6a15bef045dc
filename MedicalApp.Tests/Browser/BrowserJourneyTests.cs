using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// A doctor's first minute, in Debian's Chromium driven by Playwright against the app on a loopback port: sign in on
/// the practice's address, see the practice, use an interactive control over the live circuit, be refused by another
/// practice, sign out. Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class BrowserJourneyTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task A_doctor_signs_in_works_in_the_practice_is_refused_by_another_and_signs_out()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var baseUrl = fixture.BaseUrl;

        await page.GotoAsync($"{baseUrl}/t/demo/");
        await page.WaitForURLAsync("**/t/demo/Account/Login**");
        await page.FillAsync("#Input\\.Email", "doctor@demo.test");
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync($"{baseUrl}/t/demo/");
        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync("Demo Family Clinic");
        await Assertions.Expect(page.GetByText("Welcome, Vikram Iyer.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "01-doctor-home");

        // The Members tab is rendered by the interactive circuit: clicking it works only once the circuit is live.
        await ChromiumSession.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("members-table")).ToContainTextAsync("Meena Pillai");
        await browser.ScreenshotAsync(page, "02-members-tab");

        // Portrait tablet, as at a front desk: the drawer gets out of the way and the page still reads.
        await page.SetViewportSizeAsync(768, 1024);
        await page.ReloadAsync();
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("practice-name")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("locations-table")).ToContainTextAsync("T. Nagar");
        await browser.ScreenshotAsync(page, "02b-tablet-portrait");
        await page.SetViewportSizeAsync(1024, 768);

        // A doctor has no audit log in the navigation, and the page refuses them.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);

        // Another practice's address: its own sign-in page, none of its data.
        await page.GotoAsync($"{baseUrl}/t/sunrise/");
        await page.WaitForURLAsync("**/t/sunrise/Account/Login**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Rahul Menon");
        await browser.ScreenshotAsync(page, "03-sunrise-refused");

        await page.GotoAsync($"{baseUrl}/t/demo/");
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/t/demo/Account/Login?signedOut=true");
        await Assertions.Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "04-signed-out");

        await page.GotoAsync($"{baseUrl}/t/demo/");
        await page.WaitForURLAsync("**/t/demo/Account/Login**");
    }

    [Fact]
    public async Task The_landing_page_takes_a_visitor_to_their_practice_sign_in()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/");
        await Assertions.Expect(page.GetByTestId("register-link")).ToBeVisibleAsync();

        await ChromiumSession.WaitForCircuitAsync(page);
        await page.FillAsync("#practice-address", "no-such-clinic");
        await page.GetByTestId("practice-continue").ClickAsync();
        await Assertions.Expect(page.GetByText("No practice uses this address")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "05-landing-unknown-practice");

        await page.FillAsync("#practice-address", "sunrise");
        await page.GetByTestId("practice-continue").ClickAsync();
        await page.WaitForURLAsync("**/t/sunrise/Account/Login");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Sunrise Dental Care");
    }
}
