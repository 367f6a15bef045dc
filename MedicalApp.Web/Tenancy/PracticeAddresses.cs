using System.Text.RegularExpressions;
using MedicalApp.Web.Services.Email;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Tenancy;

/// <summary>Builds a practice's own address for links and redirects.</summary>
public sealed partial class PracticeAddresses(IOptions<TenancyOptions> options, IOptions<EmailOptions> emailOptions)
{
    /// <summary>
    /// The practice's base address with the first enabled strategy, on the same scheme and port as <paramref name="current"/>:
    /// for taking the person at the screen somewhere on the site they are using. Never for links that leave the site
    /// (see <see cref="PublicBaseUrl"/>).
    /// </summary>
    public Uri BaseUrl(string slug, Uri current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var tenancy = options.Value;
        return tenancy.EffectiveStrategies.First() == TenantStrategy.Host
            ? new UriBuilder(current.Scheme, $"{slug}.{tenancy.RootDomain}", current.Port, "/").Uri
            : new Uri(current, $"/{tenancy.RoutePrefix}/{slug}/");
    }

    /// <summary>
    /// The practice's base address for links in emails (password resets, staff invitations), built from configuration
    /// only: with the first enabled strategy, <c>{slug}.{RootDomain}</c> or <c>{PublicBaseUrl}/t/{slug}/</c>, on the
    /// scheme and port of <c>Email:PublicBaseUrl</c>. Never from a request: its Host header is the sender's to choose,
    /// and a forged one once mailed a member a password-reset link to the sender's own site.
    /// </summary>
    /// <exception cref="OptionsValidationException">
    /// <c>Email:PublicBaseUrl</c> is unset or unusable, in the app (where the same check already refused to start), with
    /// <see cref="PublicBaseUrlValidation"/>'s message naming the setting and how to set it.
    /// </exception>
    /// <exception cref="InvalidOperationException">The same, with the same message, where no validation is registered.</exception>
    public Uri PublicBaseUrl(string slug)
    {
        var site = PublicSite(emailOptions.Value.PublicBaseUrl)
            ?? throw new InvalidOperationException(PublicBaseUrlValidation.Problem(emailOptions.Value.PublicBaseUrl, options.Value, requireUnderRootDomain: false));
        var tenancy = options.Value;
        return tenancy.EffectiveStrategies.First() == TenantStrategy.Host
            ? new UriBuilder(site.Scheme, $"{slug}.{tenancy.RootDomain}", site.Port, "/").Uri
            : new Uri(site, $"{tenancy.RoutePrefix}/{slug}/");
    }

    /// <summary>The site's own public address (the root, where registration is), from configuration only, for links in emails.</summary>
    public Uri PublicRootUrl() =>
        PublicSite(emailOptions.Value.PublicBaseUrl)
            ?? throw new InvalidOperationException(PublicBaseUrlValidation.Problem(emailOptions.Value.PublicBaseUrl, options.Value, requireUnderRootDomain: false));

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

    /// <summary>The configured public address when it is usable: absolute http(s), nothing after the host and port.</summary>
    internal static Uri? PublicSite(string? configured) =>
        Uri.TryCreate(configured?.Trim(), UriKind.Absolute, out var site)
        && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp)
        && site.AbsolutePath == "/" && site.Query.Length == 0 && site.Fragment.Length == 0 && site.UserInfo.Length == 0
            ? site
            : null;

    private static bool IsPlainPage(string page) =>
        PlainPage().IsMatch(page) && !page.Split('/').Any(segment => segment is "." or "..");

    // Printable ASCII only, as a request line carries it; after the path it cannot change where the address leads.
    private static bool IsPlainQuery(string query) =>
        query.Length == 0 || (query[0] == '?' && query.All(c => c is > ' ' and < '\u007f' and not '#'));

    [GeneratedRegex(@"^(/[A-Za-z0-9\-._~+@=,]+)*/?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPage();
}

/// <summary>
/// Refuses to start without a usable <c>Email:PublicBaseUrl</c>: links in emails are built from nothing else.
/// Outside Development its host must also be the root domain or under it, the only hosts the app answers there.
/// </summary>
public sealed class PublicBaseUrlValidation(IOptions<TenancyOptions> tenancy, IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public const string Setting = "Email:PublicBaseUrl";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = Problem(options.PublicBaseUrl, tenancy.Value, requireUnderRootDomain: !environment.IsDevelopment());
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    /// <summary>What is wrong with <paramref name="configured"/>, or null when nothing is.</summary>
    internal static string? Problem(string? configured, TenancyOptions tenancy, bool requireUnderRootDomain)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return $"{Setting} is not set. Links in emails (password resets, staff invitations) are built only from it, never from a " +
                $"request's Host header: set it to the site's public address, e.g. https://{tenancy.RootDomain} (Development has it in " +
                "appsettings.Development.json; README, \"Settings production requires\").";
        }

        if (PracticeAddresses.PublicSite(configured) is not { } site)
        {
            return $"{Setting} is '{configured}': it must be an absolute http or https address with nothing after the host and port, " +
                $"e.g. https://{tenancy.RootDomain}.";
        }

        var root = tenancy.RootDomain.ToLowerInvariant();
        return requireUnderRootDomain && site.Host != root && !site.Host.EndsWith("." + root, StringComparison.Ordinal)
            ? $"{Setting} is '{configured}', outside Tenancy:RootDomain '{tenancy.RootDomain}': links built from it would lead to a host the app does not answer."
            : null;
    }
}
