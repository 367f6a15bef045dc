using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// Pages opened before a change, in Chromium: a live page keeps its sign-in, not what the sign-in allowed. The next
/// action and the next navigation are decided from the database (issue #8, part 2).
/// </summary>
public sealed class OpenPageAccessBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    private string BaseUrl => fixture.BaseUrl;

    [Fact]
    public async Task An_administrator_demoted_while_a_page_is_open_is_refused_at_the_next_save_and_the_next_page()
    {
        var admin = await fixture.App.CreateMemberAsync("demo", $"admin-{Guid.NewGuid():N}@demo.test", PracticeRoles.Admin);
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(page, $"{BaseUrl}/t/demo", admin.Email!, MedicalAppFactory.DemoPassword);
        await page.GotoAsync($"{BaseUrl}/t/demo/locations");
        await ChromiumSession.WaitForCircuitAsync(page);
        var locationsBefore = await LocationCountAsync();

        // Another administrator takes the role away; this page knows nothing of it.
        await fixture.App.InPracticeAsync("demo", async db =>
        {
            (await db.PracticeMemberships.SingleAsync(m => m.UserId == admin.Id)).Roles = PracticeRoles.Receptionist;
            return await db.SaveChangesAsync();
        });

        await page.GetByTestId("add-location").ClickAsync();
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(page, "location-name"), "Velachery branch");
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(page, "location-address"), "12 Velachery Main Road, Chennai");
        await page.GetByTestId("location-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("location-refusal")).ToHaveTextAsync("Only the practice owner and administrators can change this.");
        Assert.Equal(locationsBefore, await LocationCountAsync());
        await browser.ScreenshotAsync(page, "security-04-demoted-admin-refused");

        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync("Blazor.navigateTo('settings')");
        await Assertions.Expect(page.GetByText("You do not have access to this page")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_practice_suspended_while_a_page_is_open_shows_the_suspension_notice_at_the_next_action()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(page, $"{BaseUrl}/t/demo", "reception@demo.test", MedicalAppFactory.DemoPassword);
        await page.GotoAsync($"{BaseUrl}/t/demo/patients");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync("Ravi Kumar");

        await fixture.App.SetPracticeStatusAsync("demo", PracticeStatus.Suspended);
        try
        {
            var search = ChromiumSession.Field(page, "patient-search");
            await search.FillAsync("lakshmi");

            await Assertions.Expect(page.GetByText("This practice is suspended")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Ravi Kumar");
            await browser.ScreenshotAsync(page, "security-05-suspended-while-open");
        }
        finally
        {
            await fixture.App.SetPracticeStatusAsync("demo", PracticeStatus.Active);
        }
    }

    private Task<int> LocationCountAsync() => fixture.App.InPracticeAsync("demo", db => db.ClinicLocations.CountAsync());
}
