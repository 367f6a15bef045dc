using System.Net;
using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Hosting;

/// <summary>
/// The app as production runs it (the Production environment, appsettings.json): it refuses to start without the
/// settings that keep links and hosts its own, and answers only its root domain and the practices under it.
/// </summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task Without_a_public_base_url_the_app_refuses_to_start_naming_the_setting()
    {
        using var certificate = await KeyCertificate.CreateAsync();
        var settings = ProductionSettings.With(certificate);
        settings["Email:PublicBaseUrl"] = null;
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings, ProductionSettings.Environment);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Email:PublicBaseUrl is not set", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_host_allowed_refuses_the_start()
    {
        using var certificate = await KeyCertificate.CreateAsync();
        var settings = ProductionSettings.With(certificate);
        settings["AllowedHosts"] = "*";
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings, ProductionSettings.Environment);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("AllowedHosts is '*'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_required_settings_it_answers_the_root_domain_and_its_subdomains_and_nothing_else()
    {
        using var certificate = await KeyCertificate.CreateAsync();
        await using var app = new MedicalAppFactory(
            await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), ProductionSettings.With(certificate), ProductionSettings.Environment);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "https://example.com/health/live"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "https://www.example.com:8443/health/live"));
        // A practice's subdomain is answered (this database has no practice called demo: the friendly 404).
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "https://demo.example.com/"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(app, "https://evil.com/health/live"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(app, "https://demo.example.com.evil.com/health/live"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(app, "https://notexample.com/health/live"));
    }

    private static async Task<HttpStatusCode> StatusAsync(MedicalAppFactory app, string address)
    {
        var uri = new Uri(address);
        using var client = app.CreateBrowserLikeClient(uri.GetLeftPart(UriPartial.Authority));
        return (await client.GetAsync(uri.PathAndQuery)).StatusCode;
    }
}
