using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// The attack of issue #8 in a real browser: a signed-in member of demo replays a page prerendered for sunrise (its
/// HTML, with the signed root-component records and persisted state it carries) under demo's own address, so the
/// circuit starts at /t/demo/_blazor with demo's cookie. The circuit must be demo's: the practice comes from its own
/// connection, never from the page. And a member of both practices gets, in each tab, exactly that tab's practice.
/// </summary>
public sealed class CircuitReplayBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    private string BaseUrl => fixture.BaseUrl;

    [Fact]
    public async Task Replaying_another_practices_anonymous_page_under_demos_address_gives_a_demo_circuit()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(page, $"{BaseUrl}/t/demo", "reception@demo.test", MedicalAppFactory.DemoPassword);

        // sunrise's page, as anyone can fetch it (the demo cookie is not sent to /t/sunrise).
        var sunrisePage = await (await page.APIRequest.GetAsync($"{BaseUrl}/t/sunrise/not-found")).TextAsync();
        Assert.Contains("<!--Blazor:", sunrisePage, StringComparison.Ordinal);
        await ServeAsync(page, "/t/demo/replayed", Rebase(sunrisePage));

        await page.GotoAsync($"{BaseUrl}/t/demo/replayed");
        await ChromiumSession.WaitForCircuitAsync(page);
        await page.EvaluateAsync("Blazor.navigateTo('patients')");

        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync("Demo Family Clinic");
        await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync("Ravi Kumar");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Priya Shetty");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Sunrise Dental Care");
        await browser.ScreenshotAsync(page, "security-01-replayed-anonymous-page");
    }

    [Fact]
    public async Task Replaying_another_practices_signed_in_page_and_its_persisted_record_shows_none_of_it_in_demos_circuit()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var sunriseOwner = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(sunriseOwner, $"{BaseUrl}/t/sunrise", "owner@sunrise.test", MedicalAppFactory.DemoPassword);
        var priya = await fixture.App.InPracticeAsync("sunrise", db => db.Patients.Where(p => p.FirstName == "Priya").Select(p => p.Id).SingleAsync());
        // The patient page of sunrise, prerendered for sunrise's owner: Priya's record, and the same record again as
        // persisted state for its interactive circuit.
        var recordPage = await (await sunriseOwner.APIRequest.GetAsync($"{BaseUrl}/t/sunrise/patients/{priya}")).TextAsync();
        Assert.Contains("Priya", recordPage, StringComparison.Ordinal);

        var attacker = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(attacker, $"{BaseUrl}/t/demo", "reception@demo.test", MedicalAppFactory.DemoPassword);
        await ServeAsync(attacker, $"/t/demo/patients/{priya}", Rebase(recordPage));

        await attacker.GotoAsync($"{BaseUrl}/t/demo/patients/{priya}");
        await ChromiumSession.WaitForCircuitAsync(attacker);

        // The live page replaced the pasted one: demo's circuit read the id in demo, where it does not exist.
        await Assertions.Expect(attacker.GetByTestId("patient-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(attacker.GetByTestId("practice-name")).ToHaveTextAsync("Demo Family Clinic");
        await Assertions.Expect(attacker.Locator("body")).Not.ToContainTextAsync("Priya");
        await attacker.EvaluateAsync("Blazor.navigateTo('patients')");
        await Assertions.Expect(attacker.Locator(".mud-main-content")).ToContainTextAsync("Ravi Kumar");
        await Assertions.Expect(attacker.Locator("body")).Not.ToContainTextAsync("Priya Shetty");
        await browser.ScreenshotAsync(attacker, "security-02-replayed-signed-in-page");
    }

    [Fact]
    public async Task A_member_of_two_practices_gets_exactly_the_practice_of_the_address_in_each_tab()
    {
        var consultant = await fixture.App.CreateMemberAsync("demo", $"consultant-{Guid.NewGuid():N}@visiting.test", PracticeRoles.Doctor);
        await fixture.App.InPracticeAsync("sunrise", db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = consultant.Id, Roles = PracticeRoles.Nurse, IsActive = true, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await using var browser = await ChromiumSession.StartAsync();
        var demoTab = await browser.NewPageAsync();
        var sunriseTab = await demoTab.Context.NewPageAsync(); // the same browser profile: both cookies, one per address
        await ChromiumSession.SignInAsync(demoTab, $"{BaseUrl}/t/demo", consultant.Email!, MedicalAppFactory.DemoPassword);
        await ChromiumSession.SignInAsync(sunriseTab, $"{BaseUrl}/t/sunrise", consultant.Email!, MedicalAppFactory.DemoPassword);

        await demoTab.GotoAsync($"{BaseUrl}/t/demo/patients");
        await sunriseTab.GotoAsync($"{BaseUrl}/t/sunrise/patients");
        await ChromiumSession.WaitForCircuitAsync(demoTab);
        await ChromiumSession.WaitForCircuitAsync(sunriseTab);

        await Assertions.Expect(demoTab.GetByTestId("practice-name")).ToHaveTextAsync("Demo Family Clinic");
        await Assertions.Expect(demoTab.Locator(".mud-main-content")).ToContainTextAsync("Ravi Kumar");
        await Assertions.Expect(demoTab.Locator("body")).Not.ToContainTextAsync("Priya Shetty");
        await Assertions.Expect(sunriseTab.GetByTestId("practice-name")).ToHaveTextAsync("Sunrise Dental Care");
        await Assertions.Expect(sunriseTab.Locator(".mud-main-content")).ToContainTextAsync("Priya Shetty");
        await Assertions.Expect(sunriseTab.Locator("body")).Not.ToContainTextAsync("Ravi Kumar");

        // Moving on inside each live circuit keeps each tab in its own practice: the nurse of sunrise has no staff page,
        // the doctor of demo none either, and each reception queue is its practice's.
        await sunriseTab.EvaluateAsync("Blazor.navigateTo('reception')");
        await Assertions.Expect(sunriseTab.GetByTestId("practice-name")).ToHaveTextAsync("Sunrise Dental Care");
        await Assertions.Expect(sunriseTab.Locator(".mud-main-content")).Not.ToContainTextAsync("Vikram Iyer");
        await demoTab.EvaluateAsync("Blazor.navigateTo('reception')");
        await Assertions.Expect(demoTab.GetByText("You do not have access to this page")).ToBeVisibleAsync(); // a doctor in demo
        await browser.ScreenshotAsync(sunriseTab, "security-03-two-practices-sunrise-tab");
    }

    /// <summary>The page as if it had come from demo's address: only its base (and so its hub address) is changed.</summary>
    private static string Rebase(string html)
    {
        var rebased = Regex.Replace(html, "<base href=\"/t/sunrise/\"", "<base href=\"/t/demo/\"");
        Assert.NotEqual(html, rebased);
        return rebased;
    }

    /// <summary>Answers the browser's request for <paramref name="path"/> with <paramref name="html"/> (what a proxy or a saved page would do).</summary>
    private Task ServeAsync(IPage page, string path, string html) =>
        page.RouteAsync($"{BaseUrl}{path}", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
}
