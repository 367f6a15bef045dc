using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// Playwright driving Debian's Chromium (/usr/bin/chromium; no browser download exists here). Missing Chromium is a
/// failure with the reason, never a skip.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private ChromiumSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    public static async Task<ChromiumSession> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ExecutablePath}: apt-get install -y chromium (the test script does this).");
        }

        // Assertions wait up to 15 s, not Playwright's 5: CI machines have 2 cores shared by the app, the database and
        // the browser, and a save followed by its snackbar can take longer than 5 s there.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from reaching out.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new ChromiumSession(playwright, browser);
    }

    /// <param name="dark">A device that asks for the dark appearance (the app follows it).</param>
    public async Task<IPage> NewPageAsync(bool dark = false)
    {
        // A tablet-sized window: the clinics' front desks work on tablets.
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1024, Height = 768 }, Locale = "en-IN",
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(15_000);
        // A navigation after signing in is the slowest step on a loaded 2-core machine (password hashing, then the
        // first render of the page it lands on): it was seen to pass 15 s beside parallel builds. Waiting longer for a
        // page to arrive waits for the same state; nothing is retried.
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A checkpoint of a journey: the page as the user sees it is saved as a picture and checked with axe-core
    /// (WCAG 2.2 A and AA); a serious or critical finding fails the test.
    /// </summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
        await AssertAccessibleAsync(page, name);
    }

    /// <summary>
    /// Runs axe-core over the page with the WCAG 2.0–2.2 A and AA rules and fails on any serious or critical violation,
    /// naming the rule, its help text and the elements, so the message says what to fix.
    /// </summary>
    /// <summary>
    /// A snackbar's contrast is left to <c>MedicalThemeTests</c>: it is a palette pair (MedicalTheme makes snackbars
    /// fully opaque), while here a snackbar fading out on its own timer is measured mid-blend at whatever moment the
    /// check runs. Every other rule still applies to snackbars.
    /// </summary>
    private static bool IsSnackbarContrast(AxeResultItem violation, AxeResultNode node) =>
        violation.Id == "color-contrast" && (node.Html?.Contains("mud-snackbar", StringComparison.Ordinal) == true
            || node.Target?.ToString()?.Contains("mud-snackbar", StringComparison.Ordinal) == true);

    private static string Checks(AxeResultNode node) =>
        string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message));

    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The page as it settles, not in passing. A prerendered page whose circuit starts re-renders <head> (for a
        // moment there is no <title>), and enhanced navigation patches <head> after the body: the title is asserted
        // with Playwright's waiting assertion, and axe's own title rule is left out of its run.
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"\S"));
        await page.WaitForFunctionAsync("""
            () => document.readyState === 'complete'
                && (document.querySelector('[data-interactive]') === null
                    || document.querySelector('[data-interactive=true]') !== null
                    || !document.documentElement.innerHTML.includes('Blazor:{"type":"server"'))
            """);
        // A snackbar or dialog still fading in is half transparent, and axe would measure the contrast of the blend:
        // wait for every finite animation and transition to end, so the check sees what the user reads.
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null)))
            """);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            Rules = new Dictionary<string, RuleOptions> { ["document-title"] = new() { Enabled = false } },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Where(v => v.Nodes.Any(n => !IsSnackbarContrast(v, n))).ToList();
        Assert.True(serious.Count == 0, $"Accessibility ({what}, {page.Url}):\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Where(n => !IsSnackbarContrast(v, n)).Take(5).Select(n => $"    {n.Target} {Shorten(n.Html)} {Checks(n)}")))));
    }

    private static string Shorten(string? text) => text is { Length: > 160 } ? text[..160] + "…" : text ?? "";

    /// <summary>
    /// Waits until the interactive circuit has rendered the layout: before that, clicks land on prerendered HTML.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// A form field by its test id. MudBlazor puts the id on the input itself or on the field's wrapper, depending on
    /// the component.
    /// </summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>
    /// Puts <paramref name="value"/> into a text field as the user's finished edit (input, then change, as leaving the
    /// field does) without depending on where the keyboard focus is: a dialog's autofocus arriving late cannot send
    /// the text into another field. Waits until the field shows the value.
    /// </summary>
    public static async Task SetValueAsync(ILocator field, string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        await Assertions.Expect(field).ToBeEditableAsync();
        await field.EvaluateAsync(
            "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); }",
            value);
        await Assertions.Expect(field).ToHaveValueAsync(value);
    }

    /// <summary>Opens a MudSelect by its test id and clicks the option with exactly this text.</summary>
    public static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    /// <summary>Signs in on a practice's sign-in page and waits for its home page.</summary>
    public static async Task SignInAsync(IPage page, string practiceUrl, string email, string password)
    {
        await page.GotoAsync($"{practiceUrl}/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{practiceUrl}/");
    }

    /// <summary>The second step of a sign-in: waits for the code page, types the authenticator code and sends it.</summary>
    public static async Task EnterCodeAsync(IPage page, string code, bool rememberDevice = false)
    {
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        var field = page.Locator("#Input\\.Code");
        await field.FillAsync(code);
        await Assertions.Expect(field).ToHaveValueAsync(code);
        if (rememberDevice)
        {
            await page.CheckAsync("#Input\\.RememberDevice");
        }

        await page.ClickAsync("button[type=submit]");
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
