using MedicalApp.Tests.Features.Medicines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Platform;

/// <summary>
/// A platform administrator keeps the global medicine catalogue in Chromium: reaches it from the console's menu, corrects
/// a medicine's price and withdraws it (confirmed), then finds it again among the withdrawn ones. Each checkpoint is
/// checked by axe; screenshots go to TestResults/screenshots.
/// </summary>
public sealed class PlatformMedicineBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task A_platform_admin_corrects_and_withdraws_a_catalogue_medicine()
    {
        var tag = MedicineTestData.NewTag();
        var id = await MedicineTestData.AddGlobalAsync(fixture.App.Database, $"{tag} Azee", "Azithromycin", "500 mg");
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var authenticator = await fixture.App.PlatformAdminAuthenticatorAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/Account/Login");
        await page.FillAsync("#Input\\.Email", MedicalAppFactory.PlatformAdminEmail);
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await ChromiumSession.EnterCodeAsync(page, await authenticator.NextCodeAsync());
        await page.WaitForURLAsync($"{fixture.BaseUrl}/platform");
        await ChromiumSession.WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Medicine catalogue" }).ClickAsync();
        await page.WaitForURLAsync($"{fixture.BaseUrl}/platform/medicines");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Medicine catalogue", Level = 1 })).ToBeVisibleAsync();
        var table = page.GetByTestId("catalogue-table");
        await SetValueAsync(Field(page, "catalogue-search"), tag);
        await Assertions.Expect(table.GetByTestId("catalogue-row")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "platform-medicines-01-list");

        // A correction: the form opens with the medicine's values and saves the new price.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {tag} Azee · Azithromycin 500 mg Tablet" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(Field(page, "medicine-brand")).ToHaveValueAsync($"{tag} Azee");
        await SetValueAsync(Field(page, "medicine-price"), "");
        await dialog.GetByTestId("medicine-save").ClickAsync();
        await Assertions.Expect(dialog.GetByText("Enter the typical price per unit in rupees.")).ToBeVisibleAsync();
        await SetValueAsync(Field(page, "medicine-price"), "21.40");
        await browser.ScreenshotAsync(page, "platform-medicines-02-edit");
        await dialog.GetByTestId("medicine-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(table).ToContainTextAsync("₹21.40");

        // Withdrawn after a confirmation: gone from the list, back with "show withdrawn".
        await page.GetByRole(AriaRole.Button, new() { Name = $"Withdraw {tag} Azee · Azithromycin 500 mg Tablet" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Assertions.Expect(table.GetByTestId("catalogue-row")).ToHaveCountAsync(0);
        await page.GetByTestId("catalogue-withdrawn").ClickAsync();
        await Assertions.Expect(table.GetByTestId("catalogue-row")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync("Withdrawn");
        await browser.ScreenshotAsync(page, "platform-medicines-03-withdrawn");

        var saved = await fixture.App.InPracticeAsync("demo", db => db.GlobalMedicines.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal((21.40m, false), (saved.TypicalPriceInr, saved.IsActive));
    }
}
