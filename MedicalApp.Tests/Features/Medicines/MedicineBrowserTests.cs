using System.Text;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>
/// A doctor keeps the practice's medicines in Chromium over the live circuit: searches the list, adds an own medicine
/// (the form's rules and the dosage-form suggestions), hides a catalogue medicine and finds it under "hidden", and
/// imports a CSV file whose preview names a bad row. Each checkpoint is checked by axe; screenshots go to
/// TestResults/screenshots.
/// </summary>
public sealed class MedicineBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task A_doctor_searches_adds_hides_and_imports_medicines()
    {
        var tag = MedicineTestData.NewTag();
        var global = await MedicineTestData.AddGlobalAsync(fixture.App.Database, $"{tag} Calpol", strength: "500 mg", schedule: MedicineSchedule.H);
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await JourneyAsync(browser, page, tag, global);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "medicines-failure");
            var logs = string.Join("\n", fixture.App.Logs.Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"));
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}\n{logs}", ex);
        }
    }

    private async Task JourneyAsync(ChromiumSession browser, IPage page, string tag, Guid global)
    {
        var practiceUrl = $"{fixture.BaseUrl}/t/demo";
        await ChromiumSession.SignInAsync(page, practiceUrl, "doctor@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Medicines" }).ClickAsync();
        await page.WaitForURLAsync($"{practiceUrl}/medicines");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Medicines", Level = 1 })).ToBeVisibleAsync();

        // The list narrows as a fragment is typed.
        var table = page.GetByTestId("medicines-table");
        await SetValueAsync(Field(page, "medicine-search"), tag);
        await Assertions.Expect(table.GetByTestId("medicine-row")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync($"{tag} Calpol");
        await Assertions.Expect(table.GetByTestId("schedule-chip")).ToHaveTextAsync("Schedule H");
        await browser.ScreenshotAsync(page, "medicines-01-search");

        // An own medicine: the rules answer beside the fields, a suggestion fills the dosage form, then it is listed.
        await page.GetByTestId("add-medicine").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("medicine-save").ClickAsync();
        await Assertions.Expect(dialog.GetByText("Enter the brand name.")).ToBeVisibleAsync();
        await SetValueAsync(Field(page, "medicine-brand"), $"{tag} Home Syrup");
        await SetValueAsync(Field(page, "medicine-generic"), "Ambroxol");
        await SetValueAsync(Field(page, "medicine-strength"), "15 mg/5 ml");
        var form = Field(page, "medicine-form");
        await form.ClickAsync();
        await form.PressSequentiallyAsync("Syr", new() { Delay = 60 });
        await dialog.GetByRole(AriaRole.Group, new() { Name = "Suggested dosage forms" }).GetByRole(AriaRole.Button, new() { Name = "Syrup" }).ClickAsync();
        await Assertions.Expect(form).ToHaveValueAsync("Syrup");
        await SetValueAsync(Field(page, "medicine-class"), "Expectorants and mucolytics");
        await ChooseAsync(page, "medicine-schedule", "Schedule H");
        // Every message of the first attempt has gone with its correction.
        await Assertions.Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(page, "medicines-02-add-dialog");
        await dialog.GetByTestId("medicine-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(table.GetByTestId("medicine-row")).ToHaveCountAsync(2);
        await Assertions.Expect(table.Locator("[data-kind=own]")).ToContainTextAsync($"{tag} Home Syrup");

        // The catalogue medicine is hidden: gone from what is offered, listed under "hidden", and can come back.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Hide {tag} Calpol · Paracetamol 500 mg Tablet" }).ClickAsync();
        await Assertions.Expect(table.GetByTestId("medicine-row")).ToHaveCountAsync(1);
        await ChooseAsync(page, "medicine-filter", "Hidden catalogue medicines");
        await Assertions.Expect(table.GetByTestId("medicine-row")).ToHaveCountAsync(1);
        await Assertions.Expect(table).ToContainTextAsync($"{tag} Calpol");
        await Assertions.Expect(table).ToContainTextAsync("Hidden");
        await browser.ScreenshotAsync(page, "medicines-03-hidden");
        Assert.True(await fixture.App.InPracticeAsync("demo", db => db.HiddenGlobalMedicines.AnyAsync(h => h.GlobalMedicineId == global)));

        // Import: the preview names the bad row; "Import all" waits for a clean file; the valid row is imported.
        await ChooseAsync(page, "medicine-filter", "Our own medicines");
        await page.GetByTestId("import-medicines").ClickAsync();
        var csv = Encoding.UTF8.GetBytes(string.Join("\r\n",
            MedicineCsv.Header,
            $"{tag} Imported,Cetirizine,10 mg,Tablet,Antihistamines,Allergy,Cipla,OTC,1.80",
            $"{tag} Broken,Cetirizine,10 mg,Tablet,Antihistamines,Allergy,Cipla,Z,1.80") + "\r\n");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("import-choose").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "our-medicines.csv", MimeType = "text/csv", Buffer = csv });
        var importDialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(importDialog.GetByTestId("import-summary")).ToHaveTextAsync("2 rows: 1 ready, 1 with errors (listed first).");
        await Assertions.Expect(importDialog.Locator("[data-testid=import-row][data-valid=false]")).ToContainTextAsync("Schedule “Z” is not one of OTC, H, H1 or X.");
        await Assertions.Expect(importDialog.GetByTestId("import-all")).ToBeDisabledAsync();
        await browser.ScreenshotAsync(page, "medicines-04-import-preview");
        await importDialog.GetByTestId("import-valid").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(table).ToContainTextAsync($"{tag} Imported");
        await Assertions.Expect(table).Not.ToContainTextAsync($"{tag} Broken");
        await browser.ScreenshotAsync(page, "medicines-05-imported");
    }
}
