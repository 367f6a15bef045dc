using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>
/// An owner administering a Trial practice in Chromium over the live circuit: the location dialog's validation and
/// plan-limit message, editing the registered location, the logo upload and preview, the letterhead's field errors,
/// renaming the practice, and moving it to a new address (then signing in again there).
/// </summary>
public sealed class PracticeAdministrationBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task An_owner_administers_locations_and_settings_then_moves_the_practice()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var baseUrl = fixture.BaseUrl;

        await page.GotoAsync($"{baseUrl}/t/sunrise/locations");
        await page.WaitForURLAsync("**/t/sunrise/Account/Login**");
        await page.FillAsync("#Input\\.Email", "owner@sunrise.test");
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/t/sunrise/locations");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("location-usage")).ToHaveTextAsync("1 of 1 active location on the Trial plan.");

        // The dialog validates on the client, then the server refuses a second location on the Trial plan.
        await page.GetByTestId("add-location").ClickAsync();
        await page.GetByTestId("location-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the location's name.")).ToBeVisibleAsync();
        await Field(page, "location-name").FillAsync("Sunrise Dental, Indiranagar");
        await Field(page, "location-address").FillAsync("100 Feet Road, Indiranagar, Bengaluru 560038");
        await Field(page, "location-phone").FillAsync("12345");
        await page.GetByTestId("location-save").ClickAsync();
        await Assertions.Expect(page.GetByText(MedicalApp.Web.Features.Administration.PracticePhoneNumber.ErrorMessage)).ToBeVisibleAsync();
        await Field(page, "location-phone").FillAsync("+91 80 4123 9999");
        await page.GetByTestId("location-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("location-refusal")).ToContainTextAsync("Your Trial plan allows 1 clinic location — upgrade to add more");
        await browser.ScreenshotAsync(page, "practice-01-location-limit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("locations-table")).Not.ToContainTextAsync("Indiranagar");

        // The registered location can be edited but not deactivated.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deactivate Sunrise Dental Care" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Sunrise Dental Care" }).ClickAsync();
        // Its hours are structured (the demo's Mon–Sat 10:00–19:00): Saturday closes early now, and the printed timings follow.
        var saturdayCloses = page.Locator("[data-testid=opening-day][data-day=Saturday]").Locator("input[data-testid=closes], [data-testid=closes] input").First;
        await SetValueAsync(saturdayCloses, "14:00");
        await Assertions.Expect(page.GetByTestId("opening-preview")).ToContainTextAsync("Mon–Fri 10:00–19:00; Sat 10:00–14:00");
        await page.GetByTestId("location-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("locations-table")).ToContainTextAsync("Mon–Fri 10:00–19:00; Sat 10:00–14:00");
        await Assertions.Expect(page.GetByTestId("locations-table")).ToContainTextAsync("+91 80 4123 4567"); // the landline as written

        // Portrait tablet at the front desk: the table turns into cards and every action is still there.
        await page.SetViewportSizeAsync(768, 1024);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit Sunrise Dental Care" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "practice-01b-locations-tablet");
        await page.SetViewportSizeAsync(1024, 768);

        // Settings, reached through the menu inside the circuit.
        await page.GetByRole(AriaRole.Link, new() { Name = "Practice settings" }).ClickAsync();
        await page.WaitForURLAsync($"{baseUrl}/t/sunrise/settings");
        await Assertions.Expect(page.GetByTestId("no-logo")).ToBeVisibleAsync();

        await ChooseLogoAsync(page, new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = TestImages.TextFile() });
        await Assertions.Expect(page.GetByTestId("logo-error")).ToContainTextAsync("must be a PNG, JPEG or WebP image");
        await ChooseLogoAsync(page, new FilePayload { Name = "sunrise.png", MimeType = "image/png", Buffer = TestImages.OnePixelPng() });
        await Assertions.Expect(page.GetByTestId("logo-preview")).ToBeVisibleAsync();
        // The preview comes through the logo endpoint with the member's cookie: a real 1×1 image arrives.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=logo-preview]'); return i && i.complete && i.naturalWidth === 1; }");

        await Field(page, "letterhead-email").FillAsync("not-an-email");
        await page.GetByTestId("save-letterhead").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter a valid email address, such as reception@clinic.in.")).ToBeVisibleAsync();
        await Field(page, "letterhead-email").FillAsync("desk@sunrise-dental.in");
        // Leave the field first: the value reaches the circuit on change, and a loaded machine may otherwise run the
        // click's validation against the old value.
        await Field(page, "letterhead-email").PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Enter a valid email address, such as reception@clinic.in.")).ToBeHiddenAsync();
        await page.GetByTestId("save-letterhead").ClickAsync();
        await Assertions.Expect(page.GetByText("Letterhead saved.")).ToBeVisibleAsync();

        await Field(page, "practice-name-field").FillAsync("Sunrise Dental & Implant Care");
        await page.GetByTestId("save-general").ClickAsync();
        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync("Sunrise Dental & Implant Care");
        await browser.ScreenshotAsync(page, "practice-02-settings");
        // Each form saves on its own: after the name is saved the other forms are ready for their next change.
        await Assertions.Expect(page.GetByTestId("save-general")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("save-letterhead")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("upload-logo")).ToBeEnabledAsync();

        // The owner of another practice, signed in there, gets none of sunrise's settings at sunrise's address (the
        // sign-in belongs to demo, so sunrise asks for its own), and at their own address sees their own practice.
        var outsider = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(outsider, $"{baseUrl}/t/demo", "owner@demo.test", MedicalAppFactory.DemoPassword);
        await outsider.GotoAsync($"{baseUrl}/t/sunrise/settings");
        await outsider.WaitForURLAsync("**/t/sunrise/Account/Login**");
        await Assertions.Expect(outsider.GetByTestId("settings-general")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(outsider, "practice-02b-outsider-at-sunrise-settings");
        await outsider.GotoAsync($"{baseUrl}/t/demo/settings");
        await ChromiumSession.WaitForCircuitAsync(outsider);
        await Assertions.Expect(Field(outsider, "practice-name-field")).ToHaveValueAsync("Demo Family Clinic");
        await Assertions.Expect(outsider.GetByTestId("settings-logo")).Not.ToContainTextAsync("sunrise.png");
        await browser.ScreenshotAsync(outsider, "practice-02c-outsider-own-settings");

        // A new address: confirmed with a clear warning, then a new sign-in at the new address.
        await Field(page, "slug-field").FillAsync("bright-smiles");
        await page.GetByTestId("change-slug").ClickAsync();
        await Assertions.Expect(page.GetByText("Pages of the old address will lead to the new one.", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change address and sign in again" }).ClickAsync();
        await page.WaitForURLAsync("**/t/bright-smiles/Account/Login**");
        await page.FillAsync("#Input\\.Email", "owner@sunrise.test");
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/t/bright-smiles/settings");
        await Assertions.Expect(page.GetByTestId("current-address")).ToHaveTextAsync($"{baseUrl}/t/bright-smiles/");
        await browser.ScreenshotAsync(page, "practice-03-new-address");
    }

    // As a user does it: the button opens the file chooser, which gets the file.
    private static async Task ChooseLogoAsync(IPage page, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("upload-logo").ClickAsync());
        await chooser.SetFilesAsync(file);
    }
}
