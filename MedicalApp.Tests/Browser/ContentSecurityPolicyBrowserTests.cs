using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// The Content Security Policy in Chromium: the interactive pages (circuit over a WebSocket, MudBlazor's scripts and
/// styles, dialogs, the import map) work without a single violation, and a script injected into a page without the
/// response's nonce does not run.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task Interactive_pages_work_without_violations_and_an_injected_inline_script_is_blocked()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        var practice = $"{fixture.BaseUrl}/t/demo";

        await page.GotoAsync($"{fixture.BaseUrl}/");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("register-link")).ToBeVisibleAsync();

        await ChromiumSession.SignInAsync(page, practice, "owner@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync("Demo Family Clinic");

        // Search as you type: every keystroke travels over the circuit's WebSocket.
        await page.GotoAsync($"{practice}/patients");
        await ChromiumSession.WaitForCircuitAsync(page);
        await ChromiumSession.Field(page, "patient-search").FillAsync("fatima");
        await Assertions.Expect(page.GetByTestId("patients-table")).ToContainTextAsync("Fatima Begum");

        await page.GotoAsync($"{practice}/appointments/calendar");
        await ChromiumSession.WaitForCircuitAsync(page);

        // A MudBlazor dialog (popover provider, focus trap, scripts of its own).
        await page.GotoAsync($"{practice}/staff");
        await ChromiumSession.WaitForCircuitAsync(page);
        await page.GetByTestId("add-member").ClickAsync();
        await Assertions.Expect(page.Locator("#member-name")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync($"{practice}/settings");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("settings-general")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "csp-01-settings");

        Assert.DoesNotContain(problems, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

        // What an injection would do: an inline script added to the page, without the response's nonce. It either runs at
        // once or is refused with a violation event; no answer after 10 s fails the test.
        // Chromium reports the refusal on the console too, where the check above would have seen any other.
        var outcome = "";
        var report = await page.RunAndWaitForConsoleMessageAsync(async () => outcome = await page.EvaluateAsync<string>("""
            () => new Promise(resolve => {
                document.addEventListener('securitypolicyviolation', e => resolve('refused by ' + e.effectiveDirective), { once: true });
                setTimeout(() => resolve('neither ran nor refused'), 10000);
                const script = document.createElement('script');
                script.textContent = 'window.injectedScriptRan = true;';
                document.body.appendChild(script);
                if (window.injectedScriptRan === true) {
                    resolve('ran');
                }
            })
            """), new() { Predicate = message => message.Text.Contains("Content Security Policy", StringComparison.Ordinal) });

        Assert.Equal("refused by script-src-elem", outcome);
        Assert.Contains("inline script", report.Text, StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.injectedScriptRan === true"));
    }
}
