using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// Every page a member reaches from the navigation, checked by axe-core (WCAG 2.2 A and AA) in Chromium: a serious or
/// critical finding on any of them fails. The journeys check their own checkpoints; this walk makes sure a page no
/// journey stops at is checked too, as each role sees it (issue #9, accessible by default).
/// </summary>
public sealed class AccessibilityBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    private string BaseUrl => fixture.BaseUrl;

    [Fact]
    public async Task The_public_pages_have_no_serious_accessibility_finding()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        foreach (var path in new[] { "/", "/register", "/t/demo/Account/Login", "/t/demo/Account/ForgotPassword", "/t/demo/no-such-page" })
        {
            await page.GotoAsync(BaseUrl + path);
            await ChromiumSession.AssertAccessibleAsync(page, $"public {path}");
        }
    }

    [Theory]
    [InlineData("owner@demo.test", false)]
    [InlineData("doctor@demo.test", false)]
    [InlineData("reception@demo.test", false)]
    [InlineData("owner@demo.test", true)]   // the dark appearance, which the app follows from the device
    public async Task Every_page_in_the_navigation_has_no_serious_accessibility_finding(string email, bool dark)
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync(dark);
        await ChromiumSession.SignInAsync(page, $"{BaseUrl}/t/demo", email, MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);
        if (dark)
        {
            await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 18, 18)");
        }

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        var addresses = await navigation.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        Assert.Contains(addresses, a => a.EndsWith("/t/demo/patients", StringComparison.Ordinal));

        foreach (var address in addresses.Distinct())
        {
            await page.GotoAsync(address);
            if (!address.Contains("/Account/", StringComparison.Ordinal))   // the account pages are static, no circuit
            {
                await ChromiumSession.WaitForCircuitAsync(page);
                await WaitForAppearanceAsync(page, dark);
            }

            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            // One shell on every page, "My profile" included: who is signed in, and Sign out.
            await Assertions.Expect(page.GetByTestId("signed-in-user")).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(page, $"{email}{(dark ? " dark" : "")} {address}");
        }

        // A patient's record is reached from the list, not the navigation.
        await page.GotoAsync($"{BaseUrl}/t/demo/patients");
        await ChromiumSession.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ravi Kumar" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("family-members")).ToBeVisibleAsync();
        await WaitForAppearanceAsync(page, dark);
        await ChromiumSession.AssertAccessibleAsync(page, $"{email}{(dark ? " dark" : "")} patient record");
    }

    /// <summary>
    /// A dark device's interactive page turns dark only once its circuit has applied the theme, which can come after the
    /// page is live: axe must see the page as the member reads it, not half-way between the two appearances. (The static
    /// account pages keep the light appearance.)
    /// </summary>
    private static async Task WaitForAppearanceAsync(IPage page, bool dark)
    {
        if (dark)
        {
            await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(18, 18, 18)");
        }
    }
}
