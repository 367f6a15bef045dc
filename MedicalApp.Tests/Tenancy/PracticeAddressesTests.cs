using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedicalApp.Tests.Tenancy;

/// <summary>
/// Links in emails come from configuration only: the first strategy's address of the practice, on the scheme and port
/// of Email:PublicBaseUrl, and the start-up check of that setting.
/// </summary>
public sealed class PracticeAddressesTests
{
    [Theory]
    [InlineData("Host", "clinics.example.in", "https://clinics.example.in", "https://demo.clinics.example.in/")]
    [InlineData("Host", "localhost", "http://localhost:8080/", "http://demo.localhost:8080/")]
    [InlineData("Route", "clinics.example.in", "https://clinics.example.in", "https://clinics.example.in/t/demo/")]
    [InlineData("Route", "localhost", "http://localhost:5000/", "http://localhost:5000/t/demo/")]
    public void Email_links_use_the_first_strategy_on_the_configured_scheme_and_port(string strategy, string rootDomain, string publicBaseUrl, string expected)
    {
        var tenancy = new TenancyOptions { RootDomain = rootDomain };
        tenancy.Strategies.Add(Enum.Parse<TenantStrategy>(strategy));
        tenancy.Strategies.Add(strategy == "Host" ? TenantStrategy.Route : TenantStrategy.Host);
        var addresses = new PracticeAddresses(Options.Create(tenancy), Options.Create(new EmailOptions { PublicBaseUrl = publicBaseUrl }));

        Assert.Equal(expected, addresses.PublicBaseUrl("demo").AbsoluteUri);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData(" ", "is not set")]
    [InlineData("clinics.example.in", "absolute http or https")]
    [InlineData("ftp://clinics.example.in", "absolute http or https")]
    [InlineData("https://clinics.example.in/app", "nothing after the host and port")]
    [InlineData("https://clinics.example.in/?x=1", "nothing after the host and port")]
    [InlineData("https://user@clinics.example.in", "nothing after the host and port")]
    [InlineData("https://evil.example", "outside Tenancy:RootDomain")]
    [InlineData("https://example.in", "outside Tenancy:RootDomain")]
    public void An_unusable_public_address_stops_the_start_outside_Development_with_the_setting_named(string? configured, string reason)
    {
        var result = Validate(configured, "Production");

        Assert.True(result.Failed);
        Assert.Contains("Email:PublicBaseUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://clinics.example.in", "Production")]
    [InlineData("https://www.clinics.example.in:8443/", "Production")]
    [InlineData("http://127.0.0.1:5123", "Development")] // Development's sites need not be under the root domain
    public void A_usable_public_address_passes(string configured, string environment) =>
        Assert.True(Validate(configured, environment).Succeeded);

    [Fact]
    public void An_email_link_without_a_public_address_is_refused_with_the_setting_named()
    {
        // The app's registrations: the options are validated (the same check that stops the start), so reading them says
        // what is missing. That is the right error: it carries the validation's own explanation, and in a running app it
        // cannot happen, the start having been refused.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tenancy:RootDomain"] = "clinics.example.in" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Environment("Production"));
        services.AddTenancy(configuration);
        using var provider = services.BuildServiceProvider();
        var addresses = provider.GetRequiredService<PracticeAddresses>();

        var validated = Assert.Throws<OptionsValidationException>(() => addresses.PublicBaseUrl("demo"));
        var unvalidated = Assert.Throws<InvalidOperationException>(() =>
            new PracticeAddresses(Options.Create(new TenancyOptions()), Options.Create(new EmailOptions())).PublicBaseUrl("demo"));

        Assert.Contains("Email:PublicBaseUrl is not set", validated.Message, StringComparison.Ordinal);
        Assert.Contains("Email:PublicBaseUrl is not set", unvalidated.Message, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(string? configured, string environment) =>
        new PublicBaseUrlValidation(Options.Create(new TenancyOptions { RootDomain = "clinics.example.in" }), new Environment(environment))
            .Validate(null, new EmailOptions { PublicBaseUrl = configured });

    private sealed class Environment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "MedicalApp.Web";

        public string ContentRootPath { get; set; } = "/";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
