using System.Net;
using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Dashboards;

/// <summary>The dashboard scenario of <see cref="DashboardAppFixture"/> on a loopback port, for Chromium.</summary>
public sealed class KestrelDashboardAppFixture : DashboardAppFixture
{
    public string BaseUrl { get; private set; } = "";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);

    protected override void Configure(MedicalAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}

/// <summary>The home page dashboards in Chromium over a live circuit, at desktop and portrait-tablet width.</summary>
public sealed class DashboardBrowserTests(KestrelDashboardAppFixture fixture) : IClassFixture<KestrelDashboardAppFixture>
{
    [Fact]
    public async Task The_owner_who_practises_sees_both_dashboards_and_they_still_read_on_a_tablet()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(page, $"{fixture.BaseUrl}/t/demo", "owner@demo.test", MedicalAppFactory.DemoPassword);
        await ChromiumSession.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("doctor-dashboard")).ToContainTextAsync("No patient is waiting or booked from now on.");
        var summary = page.GetByTestId("admin-day-summary");
        await Assertions.Expect(summary.Locator("td[data-location='Demo Family Clinic, Anna Nagar'][data-status=Completed]")).ToHaveTextAsync("1");
        await Assertions.Expect(summary.Locator("td[data-location='Demo Family Clinic, Anna Nagar'][data-status=Scheduled]")).ToHaveTextAsync("1");
        await Assertions.Expect(summary.Locator("td[data-location='All locations'][data-status=Total]")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("doctors-by-specialization")).ToContainTextAsync("General Medicine");
        await Assertions.Expect(page.GetByTestId("admin-usage")).ToContainTextAsync("2 / 3");
        await browser.ScreenshotAsync(page, "dashboards-01-owner");

        // Portrait tablet at the front desk: everything fits the width (a wide table would scroll inside its card).
        await page.SetViewportSizeAsync(768, 1024);
        await page.ReloadAsync();
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("admin-day-summary")).ToBeVisibleAsync();
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 768, $"The page is {pageWidth}px wide on a 768px tablet.");
        await browser.ScreenshotAsync(page, "dashboards-02-owner-tablet");

        // The doctor's queue, in practice time.
        await page.Context.ClearCookiesAsync();
        await page.SetViewportSizeAsync(1024, 768);
        await ChromiumSession.SignInAsync(page, $"{fixture.BaseUrl}/t/demo", "doctor@demo.test", MedicalAppFactory.DemoPassword);
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("next-patient")).ToContainTextAsync("Mohan Das");
        await browser.ScreenshotAsync(page, "dashboards-03-doctor");
    }
}
