using MedicalApp.Tests.Features.Medicines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.ShortKeys;

/// <summary>
/// A doctor writes a short key in Chromium over the live circuit: medicines picked by typing part of their name,
/// defaults filled, the second line moved above the first with the keyboard, the key saved and listed in that order.
/// Each checkpoint is checked by axe; screenshots go to TestResults/screenshots.
/// </summary>
public sealed class ShortKeyBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task A_doctor_writes_a_short_key_and_reorders_its_lines_by_keyboard()
    {
        var tag = MedicineTestData.NewTag();
        await MedicineTestData.AddGlobalAsync(fixture.App.Database, $"{tag} Fevago", strength: "650 mg");
        await MedicineTestData.AddGlobalAsync(fixture.App.Database, $"{tag} Antacidol", "Aluminium hydroxide", "250 mg", "Tablet", "Antacids");
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await JourneyAsync(browser, page, tag);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "short-keys-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }

    private async Task JourneyAsync(ChromiumSession browser, IPage page, string tag)
    {
        var practiceUrl = $"{fixture.BaseUrl}/t/demo";
        var code = "K" + tag.ToUpperInvariant()[2..];
        await ChromiumSession.SignInAsync(page, practiceUrl, "doctor@demo.test", MedicalAppFactory.DemoPassword);
        await page.GotoAsync($"{practiceUrl}/short-keys");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Short keys" })).ToBeVisibleAsync();

        await page.GetByTestId("new-short-key").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await SetValueAsync(Field(page, "short-key-code"), code.ToLowerInvariant());
        await SetValueAsync(Field(page, "short-key-name"), "Fever with acidity");
        await dialog.GetByTestId("short-key-shared").ClickAsync();

        // Line 1: picked by part of its name, with its defaults.
        await PickAsync(page, 0, tag, "Fevago");
        var first = dialog.GetByTestId("short-key-line").Nth(0);
        await SetValueAsync(Field(page, "line-dose"), "1 tablet");
        await SetValueAsync(first.Locator("[data-testid=line-frequency] input, input[data-testid=line-frequency]").First, "1-1-1");
        await SetValueAsync(first.Locator("[data-testid=line-duration] input, input[data-testid=line-duration]").First, "3 days");

        // Line 2, then moved above line 1 from the keyboard.
        await dialog.GetByTestId("short-key-add-line").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("short-key-line")).ToHaveCountAsync(2);
        await PickAsync(page, 1, tag, "Antacidol");
        await browser.ScreenshotAsync(page, "short-keys-01-editor");
        var moveUp = dialog.GetByRole(AriaRole.Button, new() { Name = "Move line 2 up" });
        await moveUp.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog.GetByTestId("short-key-line").Nth(0).GetByTestId("medicine-chosen")).ToContainTextAsync($"{tag} Antacidol");
        await Assertions.Expect(dialog.GetByTestId("short-key-line").Nth(1).GetByTestId("medicine-chosen")).ToContainTextAsync($"{tag} Fevago");
        await Assertions.Expect(dialog.GetByTestId("short-key-status")).ToHaveTextAsync($"{tag} Antacidol moved to line 1 of 2.");
        await Assertions.Expect(dialog.GetByTestId("short-key-line").Nth(1).Locator("[data-testid=line-frequency] input, input[data-testid=line-frequency]").First)
            .ToHaveValueAsync("1-1-1"); // the defaults moved with their medicine

        await dialog.GetByTestId("short-key-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var row = page.Locator($"tr:has([data-code='{code}'])");
        await Assertions.Expect(row).ToContainTextAsync($"{tag} Antacidol, {tag} Fevago");
        await Assertions.Expect(row).ToContainTextAsync("Shared (yours)");
        await browser.ScreenshotAsync(page, "short-keys-02-list");

        var saved = await fixture.App.InPracticeAsync("demo", db => db.ShortKeys.Include(k => k.Lines).AsNoTracking().SingleAsync(k => k.Code == code));
        Assert.True(saved.IsShared);
        Assert.Equal(["1-1-1"], saved.Lines.Where(l => l.Position == 2).Select(l => l.Frequency));
    }

    private static async Task PickAsync(IPage page, int line, string tag, string brand)
    {
        var lineEditor = page.GetByRole(AriaRole.Dialog).GetByTestId("short-key-line").Nth(line);
        var search = lineEditor.Locator("[data-testid=medicine-picker-search] input, input[data-testid=medicine-picker-search]").First;
        await search.ClickAsync();
        await search.PressSequentiallyAsync($"{tag} {brand[..4]}", new() { Delay = 60 });
        var match = lineEditor.GetByTestId("medicine-match").Filter(new() { HasText = $"{tag} {brand}" });
        await Assertions.Expect(match).ToHaveCountAsync(1);
        await match.ClickAsync();
        await Assertions.Expect(lineEditor.GetByTestId("medicine-chosen")).ToContainTextAsync($"{tag} {brand}");
    }
}
