using Microsoft.AspNetCore.HttpOverrides;

namespace MedicalApp.Web.Hosting;

public static class ReverseProxy
{
    /// <summary>
    /// Behind a TLS-terminating proxy (the Docker deployment), trusts X-Forwarded-For/-Proto when
    /// <c>Hosting:TrustForwardedHeaders</c> is set, so cookies are marked secure and the sign-in rate limit sees
    /// each client's own address instead of the proxy's. Off by default: a directly exposed app must not trust them.
    /// </summary>
    public static IApplicationBuilder UseReverseProxyHeadersIfConfigured(this WebApplication app)
    {
        if (app.Configuration.GetValue("Hosting:TrustForwardedHeaders", false))
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            app.UseForwardedHeaders(options);
        }

        return app;
    }
}
