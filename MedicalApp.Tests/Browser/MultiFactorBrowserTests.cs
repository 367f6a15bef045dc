using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// An owner in Chromium: sets up an authenticator app from the QR page (typing the key shown), keeps the recovery codes
/// as a file, requires two-factor sign-in for the practice's administrators, signs out and signs in again with a code.
/// </summary>
public sealed class MultiFactorBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task An_owner_sets_up_an_authenticator_requires_it_and_signs_in_with_a_code()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var practice = $"{fixture.BaseUrl}/t/sunrise";
        await ChromiumSession.SignInAsync(page, practice, "owner@sunrise.test", MedicalAppFactory.DemoPassword);

        // Settings first: the switch waits for the owner's own authenticator.
        await page.GotoAsync($"{practice}/settings");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("mfa-owner-first")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[data-testid=require-mfa], [data-testid=require-mfa] input").First).ToBeDisabledAsync();

        await page.GotoAsync($"{practice}/Account/Manage");
        await page.GetByTestId("two-factor-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mfa-off")).ToBeVisibleAsync();
        await page.GetByTestId("set-up-authenticator").ClickAsync();
        await page.WaitForURLAsync($"{practice}/Account/Manage/EnableAuthenticator");
        await Assertions.Expect(page.Locator("[data-testid=authenticator-qr] svg")).ToBeVisibleAsync();
        var authenticator = new TestAuthenticator((await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));
        await browser.ScreenshotAsync(page, "mfa-01-set-up");

        // A wrong code is refused next to the field; the right one turns it on and shows the recovery codes once.
        var turnOn = page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" });
        await page.FillAsync("#Input\\.Code", authenticator.StaleCode());
        await turnOn.ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("This code is not right.");
        var code = await authenticator.NextCodeAsync();
        await page.FillAsync("#Input\\.Code", code);
        await Assertions.Expect(page.Locator("#Input\\.Code")).ToHaveValueAsync(code);
        await turnOn.ClickAsync();
        var codes = page.Locator("[data-testid=recovery-codes] li");
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        var firstCode = await codes.First.InnerTextAsync();
        await browser.ScreenshotAsync(page, "mfa-02-recovery-codes");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-recovery-codes").ClickAsync());
        Assert.Equal("medicalapp-recovery-codes.txt", download.SuggestedFilename);
        Assert.Contains(firstCode.Trim(), await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        // Now the owner can require it for the practice's owners and administrators.
        await page.GotoAsync($"{practice}/settings");
        await ChromiumSession.WaitForCircuitAsync(page);
        var requireSwitch = page.Locator("input[data-testid=require-mfa], [data-testid=require-mfa] input").First;
        await Assertions.Expect(requireSwitch).ToBeEnabledAsync();
        await requireSwitch.ClickAsync();
        await Assertions.Expect(page.GetByText("Two-factor sign-in is now required for owners and administrators.")).ToBeVisibleAsync();
        await Assertions.Expect(requireSwitch).ToBeCheckedAsync();
        await browser.ScreenshotAsync(page, "mfa-03-required");

        // Sign out and back in: the password, then the code.
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync($"{practice}/Account/Login?signedOut=true");
        await page.FillAsync("#Input\\.Email", "owner@sunrise.test");
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#Input\\.Code")).ToBeFocusedAsync();
        await browser.ScreenshotAsync(page, "mfa-04-code-step");
        await ChromiumSession.EnterCodeAsync(page, await authenticator.NextCodeAsync());
        await page.WaitForURLAsync($"{practice}/");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
    }
}
