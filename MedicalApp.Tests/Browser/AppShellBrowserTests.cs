using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// The shell every signed-in page shares (<c>AppChrome</c>, <c>NavMenu</c>) and the home page's tabs, written as
/// MudBlazor's markup without its components (issue 9): the drawer follows the screen's width by CSS, the toggle and a
/// followed link open and close it, a closed drawer is out of the keyboard's path, the current page's link says so,
/// and the tabs answer the arrow keys.
/// </summary>
public sealed class AppShellBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task On_a_narrow_screen_the_drawer_opens_over_the_page_and_closes_after_a_link_on_a_wide_one_it_stays()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(700, 900);
        await ChromiumSession.SignInAsync(page, $"{fixture.BaseUrl}/t/demo", "reception@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);

        // A light device gets the light theme (the dark one is only under its media query).
        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(245, 247, 250)");
        var drawer = page.GetByTestId("drawer");
        var patients = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Patients" });
        await Assertions.Expect(drawer).Not.ToBeVisibleAsync();

        await page.GetByTestId("drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await ChromiumSession.AssertAccessibleAsync(page, "narrow screen, drawer open");
        await patients.ClickAsync();
        await page.WaitForURLAsync("**/t/demo/patients");
        await Assertions.Expect(drawer).Not.ToBeVisibleAsync();
        // (The closed drawer is hidden from the accessibility tree, so the link is found by its address here.)
        await Assertions.Expect(page.Locator("#app-drawer a[href='patients']")).ToHaveAttributeAsync("aria-current", "page");

        // Closed, its links are not in the keyboard's path: Tab from Sign out (the app bar's last control, and the drawer
        // comes next in the page) goes past them into the page.
        await page.GetByTestId("sign-out").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("main").Locator(":focus")).ToHaveCountAsync(1);

        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await page.GetByTestId("drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).Not.ToBeVisibleAsync();
        await page.GetByTestId("drawer-toggle").ClickAsync();
        await Assertions.Expect(drawer).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_home_tabs_follow_the_arrow_keys_and_say_which_is_selected()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(page, $"{fixture.BaseUrl}/t/demo", "doctor@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);

        var locations = page.GetByRole(AriaRole.Tab, new() { Name = "Locations" });
        var members = page.GetByRole(AriaRole.Tab, new() { Name = "Members" });
        await Assertions.Expect(locations).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("T. Nagar");

        await locations.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(members).ToBeFocusedAsync();
        await Assertions.Expect(members).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.GetByTestId("members-table")).ToContainTextAsync("Meena Pillai");
        await ChromiumSession.AssertAccessibleAsync(page, "home, members tab");

        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(locations).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("locations-table")).ToBeVisibleAsync();
    }
}
