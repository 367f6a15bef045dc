using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Tenancy;

/// <summary>Builds a practice's own address for links and redirects.</summary>
public sealed partial class PracticeAddresses(IOptions<TenancyOptions> options)
{
    /// <summary>The practice's base address with the first enabled strategy, on the same scheme and port as <paramref name="current"/>.</summary>
    public Uri BaseUrl(string slug, Uri current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tenancy = options.Value;
        return tenancy.EffectiveStrategies.First() == TenantStrategy.Host
            ? new UriBuilder(current.Scheme, $"{slug}.{tenancy.RootDomain}", current.Port, "/").Uri
            : new Uri(current, $"/{tenancy.RoutePrefix}/{slug}/");
    }

    /// <summary>
    /// Where a page request at a former address of a practice goes: the same page and query at its address
    /// <paramref name="slug"/>, on the strategy the request came by (a subdomain bookmark leads to the new subdomain,
    /// a <c>/t/…</c> bookmark to the new path on the same site). Only a plain page path is carried over, segments of
    /// letters, digits and <c>- . _ ~ + @ = ,</c>: the rest of an address is the visitor's (or an attacker's) text, and
    /// a backslash, an empty segment, a space or a scheme in it would let the redirect leave the practice's address
    /// (<c>/t/old/%5C/evil.example</c> once led to evil.example). Anything else leads to the practice's home page.
    /// </summary>
    /// <param name="scheme">The request's scheme.</param>
    /// <param name="host">The request's host and port (validated by the server): the site a route-strategy visitor stays on.</param>
    /// <param name="page">The path after the former address (for the route strategy, after <c>/t/{old}</c>).</param>
    /// <param name="query">The request's query string, with its leading <c>?</c>, as it arrived (still encoded).</param>
    public Uri MovedPage(string slug, TenantStrategy strategy, string scheme, string host, string page, string query)
    {
        var tenancy = options.Value;
        var site = new Uri($"{scheme}://{host}/");
        var home = strategy == TenantStrategy.Host
            ? new UriBuilder(site.Scheme, $"{slug}.{tenancy.RootDomain}", site.Port, "/").Uri
            : new Uri(site, $"/{tenancy.RoutePrefix}/{slug}/");
        return IsPlainPage(page) && IsPlainQuery(query) ? new Uri(home.AbsoluteUri + page.TrimStart('/') + query) : home;
    }

    private static bool IsPlainPage(string page) =>
        PlainPage().IsMatch(page) && !page.Split('/').Any(segment => segment is "." or "..");

    // Printable ASCII only, as a request line carries it; after the path it cannot change where the address leads.
    private static bool IsPlainQuery(string query) =>
        query.Length == 0 || (query[0] == '?' && query.All(c => c is > ' ' and < '\u007f' and not '#'));

    [GeneratedRegex(@"^(/[A-Za-z0-9\-._~+@=,]+)*/?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPage();
}
