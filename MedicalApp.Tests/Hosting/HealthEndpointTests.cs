using System.Net;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Hosting;

public sealed class HealthEndpointTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_details(string path)
    {
        var response = await fixture.App.CreateBrowserLikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var response = await fixture.App.CreateBrowserLikeClient().GetAsync("/t/demo/Account/Login");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

public sealed class ReadinessBeforeMigrationTests
{
    [Fact]
    public async Task Ready_is_unhealthy_while_the_database_lacks_migrations_and_live_is_not()
    {
        await using var app = new MedicalAppFactory(
            await TestDatabase.CreateAsync(MedicalApp.Data.DatabaseProvider.Sqlite, migrate: false),
            new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false", ["Database:SeedDevelopmentData"] = "false" });
        var client = app.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
