using System.Diagnostics;
using MedicalApp.Data.Seeding;
using Microsoft.Playwright;

namespace MedicalApp.Benchmarks.Circuits;

/// <summary>An app whose circuits are measured: how it is built, signed in to, and opened on the measured page.</summary>
public abstract class MeasuredApp
{
    public abstract string Name { get; }

    /// <summary>The page each session sits on.</summary>
    public abstract string Page { get; }

    /// <summary>Builds the app in Release into <paramref name="workDirectory"/>; returns the publish folder and its entry assembly.</summary>
    public abstract Task<(string PublishDirectory, string AssemblyFile)> PrepareAsync(string workDirectory);

    /// <summary>Signs in once in <paramref name="page"/>'s browser context; the other sessions reuse its cookies.</summary>
    public abstract Task SignInAsync(IPage page, string baseUrl);

    /// <summary>Opens the measured page and returns once its circuit is connected and the page has loaded.</summary>
    public abstract Task OpenCircuitAsync(IPage page, string baseUrl);

    protected static Task DotnetAsync(params string[] arguments) => PostgresCluster.RunAsync("dotnet", arguments);
}

/// <summary>
/// The floor: the .NET Blazor Web App template with Individual accounts and global interactive server rendering,
/// generated at run time (never committed), measured on its counter page.
/// </summary>
public sealed class TemplateApp : MeasuredApp
{
    private const string Email = "circuits@example.test";
    private const string Password = "Circuits-Bench-2026!";

    public override string Name => "template";

    public override string Page => "/counter";

    public override async Task<(string PublishDirectory, string AssemblyFile)> PrepareAsync(string workDirectory)
    {
        var source = Path.Combine(workDirectory, "template");
        var publish = Path.Combine(workDirectory, "template-app");
        await DotnetAsync("new", "blazor", "--interactivity", "Server", "--auth", "Individual", "--all-interactive",
            "-o", source, "-n", "CircuitFloor");
        await DotnetAsync("publish", Path.Combine(source, "CircuitFloor.csproj"), "-c", "Release", "-o", publish, "-nologo", "-v", "quiet");
        return (publish, "CircuitFloor.dll");
    }

    public override async Task SignInAsync(IPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The template requires a confirmed account and, with no mail sender, shows the confirmation link itself.
        await page.GotoAsync($"{baseUrl}/Account/Register");
        await page.FillAsync("#Input\\.Email", Email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await page.GetByText("Click here to confirm your account").ClickAsync();
        await page.WaitForURLAsync("**/Account/ConfirmEmail**");

        await page.GotoAsync($"{baseUrl}/Account/Login");
        await page.FillAsync("#Input\\.Email", Email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"{baseUrl}/");
    }

    public override async Task OpenCircuitAsync(IPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{baseUrl}/counter");
        // The counter page has no marker of a live circuit: a click counts only once the circuit is connected.
        var status = page.GetByRole(AriaRole.Status);
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Click me" });
        var waited = Stopwatch.StartNew();
        while (await status.InnerTextAsync() == "Current count: 0")
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The template's counter page did not become interactive within 60 s.");
            }

            await button.ClickAsync();
            await Task.Delay(250);
        }
    }
}

/// <summary>MedicalApp as published, on SQLite with the development data, measured on a practice's home page.</summary>
public sealed class MedicalAppUnderTest(string repositoryRoot, string member) : MeasuredApp
{
    public override string Name => "medicalapp";

    public override string Page => $"/t/{Practice}/ (home, {member})";

    private string Practice => DevelopmentDataSeeder.SignIns
        .FirstOrDefault(s => string.Equals(s.Email, member, StringComparison.OrdinalIgnoreCase))?.PracticeSlug
        ?? throw new ArgumentException($"{member} is not a seeded member of a practice (see README's development sign-ins).");

    public override async Task<(string PublishDirectory, string AssemblyFile)> PrepareAsync(string workDirectory)
    {
        var publish = Path.Combine(workDirectory, "medicalapp-app");
        await DotnetAsync("publish", Path.Combine(repositoryRoot, "MedicalApp.Web", "MedicalApp.Web.csproj"), "-c", "Release", "-o", publish, "-nologo", "-v", "quiet");
        return (publish, "MedicalApp.Web.dll");
    }

    public override async Task SignInAsync(IPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{baseUrl}/t/{Practice}/Account/Login");
        await page.FillAsync("#Input\\.Email", member);
        await page.FillAsync("#Input\\.Password", DevelopmentDataSeeder.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/t/{Practice}/");
    }

    public override async Task OpenCircuitAsync(IPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{baseUrl}/t/{Practice}/");
        // The layout marks the page live once the circuit has rendered; the home page has loaded when its tabs show
        // and no panel is still loading.
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.Locator("[data-testid=home-tabs]").WaitForAsync(new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => !document.querySelector('[aria-label=Loading]')", null, new() { Timeout = 60_000 });
    }
}
