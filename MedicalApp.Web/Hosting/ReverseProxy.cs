using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MedicalApp.Web.Hosting;

public static class ReverseProxy
{
    private const string Section = "Hosting:ForwardedHeaders";

    /// <summary>
    /// Behind a TLS-terminating proxy (the Docker deployment), believes X-Forwarded-For/-Proto when
    /// <c>Hosting:TrustForwardedHeaders</c> is set, so cookies are marked secure and the sign-in rate limit and the
    /// audit trail see each client's own address instead of the proxy's. Only from the proxies named in
    /// <c>Hosting:ForwardedHeaders:KnownNetworks</c> (CIDR) and <c>:KnownProxies</c> (addresses), or from loopback
    /// when neither is set: from anyone else the headers are the client's own words, and a client rotating
    /// X-Forwarded-For would escape the rate limit and write any address it liked into the audit trail. Off by default:
    /// a directly exposed app must not believe them at all.
    /// </summary>
    public static IApplicationBuilder UseReverseProxyHeadersIfConfigured(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Hosting:TrustForwardedHeaders", false))
        {
            return app;
        }

        // One proxy in front: the last address it appends is the client (ForwardLimit 1, the default), and whatever
        // the client itself put before it is ignored.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        var networks = Values(app.Configuration, "KnownNetworks");
        var proxies = Values(app.Configuration, "KnownProxies");
        if (networks.Count + proxies.Count > 0)
        {
            // The configured proxies instead of the framework's loopback defaults (127.0.0.0/8 and ::1).
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed : throw Malformed("KnownNetworks", network,
                    "a network in CIDR notation, e.g. 172.31.240.0/24"));
            }

            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var parsed) ? parsed : throw Malformed("KnownProxies", proxy,
                    "an IP address, e.g. 172.31.240.1"));
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    private static List<string> Values(IConfiguration configuration, string key) =>
        (configuration.GetSection($"{Section}:{key}").Get<string[]>() ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();

    private static InvalidOperationException Malformed(string key, string value, string expected) =>
        new($"{Section}:{key} has '{value}', which is not {expected}. Forwarded headers are believed only from the proxies listed there.");
}
