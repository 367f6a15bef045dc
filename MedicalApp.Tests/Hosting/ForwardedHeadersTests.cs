using System.Net;
using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace MedicalApp.Tests.Hosting;

/// <summary>
/// X-Forwarded-For is believed only from the configured proxies (security issue #8: from any sender it let a client
/// rotate the header to escape the sign-in rate limit and write any address it liked into the audit trail). Each
/// request here arrives from a chosen address with a new forwarded address every time.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string UntrustedClient = "203.0.113.10";
    private const string TrustedProxy = "10.20.30.40";

    [Fact]
    public async Task From_an_address_outside_the_configured_proxy_networks_the_header_is_ignored()
    {
        await using var app = await AppAsync(new() { ["Hosting:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" });
        using var client = ClientFrom(app, UntrustedClient);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WrongSignInAsync(client)).StatusCode);
        }

        // A fourth address in the header changes nothing: the limit counts the sender itself.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongSignInAsync(client)).StatusCode);
        Assert.All(await FailedSignInAddressesAsync(app), address => Assert.Equal(UntrustedClient, address));
    }

    [Fact]
    public async Task From_a_configured_proxy_the_header_names_the_client()
    {
        await using var app = await AppAsync(new()
        {
            ["Hosting:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
            ["Hosting:ForwardedHeaders:KnownProxies:0"] = "192.0.2.7",
        });
        using var throughNetwork = ClientFrom(app, TrustedProxy);
        using var throughProxy = ClientFrom(app, "192.0.2.7");

        // Four clients behind the proxy: each has an allowance of its own.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WrongSignInAsync(throughNetwork)).StatusCode);
        }

        // Another account: a fifth failure would lock the first one out.
        Assert.Equal(HttpStatusCode.OK, (await WrongSignInAsync(throughProxy, "doctor@demo.test")).StatusCode);
        var addresses = await FailedSignInAddressesAsync(app);
        Assert.Equal(5, addresses.Count);
        Assert.All(addresses, address => Assert.StartsWith("198.51.100.", address, StringComparison.Ordinal));
        Assert.Equal(5, addresses.Distinct().Count());
    }

    [Fact]
    public async Task Without_configured_proxies_only_loopback_is_trusted()
    {
        await using var app = await AppAsync([]);
        using var fromLoopback = ClientFrom(app, "127.0.0.1");
        using var fromElsewhere = ClientFrom(app, TrustedProxy);

        await WrongSignInAsync(fromLoopback);
        await WrongSignInAsync(fromElsewhere);

        var addresses = await FailedSignInAddressesAsync(app);
        Assert.Equal(2, addresses.Count);
        Assert.StartsWith("198.51.100.", addresses[0], StringComparison.Ordinal);
        Assert.Equal(TrustedProxy, addresses[1]);
    }

    [Fact]
    public async Task A_malformed_network_stops_the_start_with_the_setting_named()
    {
        await using var app = await AppAsync(new() { ["Hosting:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" }, start: false);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Hosting:ForwardedHeaders:KnownNetworks", refused.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/33", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<MedicalAppFactory> AppAsync(Dictionary<string, string?> settings, bool start = true)
    {
        settings["Hosting:TrustForwardedHeaders"] = "true";
        // The per-address ceiling is what the forwarded header could fool; the per-account limit stays out of the way.
        settings["Security:SignInAttemptsPerAddressPerMinute"] = "3";
        settings["Security:SignInAttemptsPerAccountPerMinute"] = "1000";
        var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings);
        if (start)
        {
            _ = app.Server;
        }

        return app;
    }

    /// <summary>A browser-like client whose requests arrive from <paramref name="remoteAddress"/>, each claiming another client.</summary>
    private static HttpClient ClientFrom(MedicalAppFactory app, string remoteAddress)
    {
        var server = app.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress));
        return new HttpClient(new CookieContainerHandler { InnerHandler = new RotatingForwardedFor { InnerHandler = server } })
        {
            BaseAddress = new Uri("http://localhost"),
        };
    }

    private static Task<HttpResponseMessage> WrongSignInAsync(HttpClient client, string email = "reception@demo.test") =>
        MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", email, "not-the-password-at-all");

    private static async Task<List<string?>> FailedSignInAddressesAsync(MedicalAppFactory app) =>
        (await app.AuditEventsAsync("demo")).Where(e => e.Action == AuditActions.SignInFailed).Select(e => e.IpAddress).ToList();

    private sealed class RotatingForwardedFor : DelegatingHandler
    {
        private static int next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{Interlocked.Increment(ref next) % 250 + 1}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
