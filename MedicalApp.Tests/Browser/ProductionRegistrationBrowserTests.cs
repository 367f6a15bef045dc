using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// Registration as deployed: Production settings, the host strategy first, practices on <c>{slug}.localhost</c> (another
/// origin than the root where the form is). The page's CSP (<c>form-action 'self'</c>) governs where a form's answer
/// may lead; before the fix the post answered 302 to the practice's subdomain, Chromium blocked it, and the owner stayed
/// on the filled-in form (this test timed out waiting for the practice's address).
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
        var owner = new OwnerRegistration($"Lotus Clinic {suffix}", "Dr. Meera Pillai", $"meera-{suffix}@lotus.test", "backwaters at dawn");

        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, page, fixture.BaseUrl, owner, to => fixture.Smtp.WaitForMessageToAsync(to), "prod-reg");

        Assert.Equal($"http://lotus-clinic-{suffix}.localhost:{new Uri(fixture.BaseUrl).Port}", practiceUrl);
        Assert.Empty(violations);

        // The owner can come back later: signing out and in again at the practice's own address.
        await page.Context.ClearCookiesAsync();
        await ChromiumSession.SignInAsync(page, practiceUrl, owner.Email, owner.Password);
        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync(owner.PracticeName);

        // Registering again with the same email: the same answer as for a new one, and a mail with the practice's address.
        var again = await browser.NewPageAsync();
        await again.GotoAsync($"{fixture.BaseUrl}/register");
        await again.FillAsync("#Input\\.PracticeName", $"Lotus Clinic {suffix}");
        await again.FillAsync("#Input\\.PracticePhone", "98400 12345");
        await again.FillAsync("#Input\\.PracticeAddress", "3 Lake Road, Kochi");
        await again.FillAsync("#Input\\.OwnerName", "Dr. Meera Pillai");
        await again.FillAsync("#Input\\.OwnerEmail", owner.Email);
        await again.FillAsync("#Input\\.OwnerPhone", "98400 54321");
        await again.FillAsync("#Input\\.Password", "another long passphrase");
        await again.FillAsync("#Input\\.ConfirmPassword", "another long passphrase");
        await again.ClickAsync("button[type=submit]");
        await Assertions.Expect(again.GetByTestId("registration-check-inbox")).ToContainTextAsync(owner.Email);
        // The confirmation link, the welcome with the practice's address, and now this answer.
        var reminder = Assert.Single(await fixture.Smtp.WaitForMessagesToAsync(owner.Email, 3), m => m.Subject == "Your MedicalApp account");
        Assert.Contains($"{practiceUrl}/Account/Login", reminder.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_page_takes_a_member_to_the_practice_subdomain_to_sign_in()
    {
        // The other form at the root whose answer leaves its origin: "Continue to sign in" navigates (no form post).
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
        var (slug, owner) = await fixture.App.RegisterPracticeAsync("Start Page Clinic " + Guid.NewGuid().ToString("N")[..4]);

        await page.GotoAsync($"{fixture.BaseUrl}/");
        await ChromiumSession.WaitForCircuitAsync(page);
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(page, "practice-address"), slug);
        await page.GetByTestId("practice-continue").ClickAsync();
        var practiceUrl = $"http://{slug}.localhost:{new Uri(fixture.BaseUrl).Port}";
        await page.WaitForURLAsync($"{practiceUrl}/Account/Login");
        await page.FillAsync("#Input\\.Email", owner.Email!);
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{practiceUrl}/");
        await Assertions.Expect(page.GetByTestId("practice-name")).ToContainTextAsync("Start Page Clinic");
        Assert.Empty(violations);
    }
}
