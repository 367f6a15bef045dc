using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Tenancy;

/// <summary>Builds a practice's own address for links and redirects, with the first enabled strategy.</summary>
public sealed class PracticeAddresses(IOptions<TenancyOptions> options)
{
    /// <summary>The practice's base address, on the same scheme and port as <paramref name="current"/>.</summary>
    public Uri BaseUrl(string slug, Uri current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tenancy = options.Value;
        return tenancy.EffectiveStrategies.First() == TenantStrategy.Host
            ? new UriBuilder(current.Scheme, $"{slug}.{tenancy.RootDomain}", current.Port, "/").Uri
            : new Uri(current, $"/{tenancy.RoutePrefix}/{slug}/");
    }
}
