using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// Registration as deployed: Production settings, the host strategy first, practices on <c>{slug}.localhost</c> (another
/// origin than the root where the form is). The page's CSP (<c>form-action 'self'</c>) governs where a form's answer
/// may lead, so the owner must get to the practice's address without a cross-origin redirect of the form post.
/// </summary>
public sealed class ProductionRegistrationBrowserTests(ProductionHostStrategyAppFixture fixture) : IClassFixture<ProductionHostStrategyAppFixture>
{
    [Fact]
    public async Task Registering_on_the_host_strategy_lands_the_owner_signed_in_on_the_practice_subdomain_without_csp_violations()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var email = $"meera-{suffix}@lotus.test";

        await page.GotoAsync($"{fixture.BaseUrl}/register");
        await page.FillAsync("#Input\\.PracticeName", $"Lotus Clinic {suffix}");
        await page.FillAsync("#Input\\.PracticePhone", "98400 12345");
        await page.FillAsync("#Input\\.PracticeAddress", "3 Lake Road, Kochi");
        await page.FillAsync("#Input\\.OwnerName", "Dr. Meera Pillai");
        await page.FillAsync("#Input\\.OwnerEmail", email);
        await page.FillAsync("#Input\\.OwnerPhone", "98400 54321");
        await page.FillAsync("#Input\\.Password", "backwaters at dawn");
        await page.FillAsync("#Input\\.ConfirmPassword", "backwaters at dawn");
        await page.ClickAsync("button[type=submit]");

        var practiceUrl = $"http://lotus-clinic-{suffix}.localhost:{new Uri(fixture.BaseUrl).Port}";
        await page.WaitForURLAsync($"{practiceUrl}/");
        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync($"Lotus Clinic {suffix}");
        await Assertions.Expect(page.GetByText("Welcome, Dr. Meera Pillai.")).ToBeVisibleAsync();
        Assert.Empty(violations);
    }
}
