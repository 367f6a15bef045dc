namespace MedicalApp.Web.Tenancy;

public enum TenantRequestKind
{
    /// <summary>No practice named: the public root (landing page, platform console, health).</summary>
    Root,

    /// <summary>A well-formed, allowed slug; whether such a practice exists is the directory's question.</summary>
    Practice,

    /// <summary>Something that tries to name a practice but cannot be one (malformed or reserved): a 404.</summary>
    Invalid,
}

/// <summary>
/// What a request names, before any database lookup. For the route strategy, <see cref="PathBase"/> is the prefix
/// to move into PathBase (<c>/t/demo</c>) and <see cref="RemainingPath"/> the path the app routes on.
/// </summary>
public sealed record TenantRequest(TenantRequestKind Kind, string? Slug, TenantStrategy? Strategy, string PathBase, string RemainingPath)
{
    public static TenantRequest Root(string path) => new(TenantRequestKind.Root, null, null, "", path);
}

/// <summary>
/// Reads a practice slug from the host (<c>{slug}.{RootDomain}</c>) or the path (<c>/t/{slug}/…</c>), in the manner of
/// Finbuckle.MultiTenant's host and base-path strategies. Pure: tested without a server.
/// </summary>
public static class TenantRequestParser
{
    public static TenantRequest Parse(string host, string path, TenancyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        path = string.IsNullOrEmpty(path) ? "/" : path;
        foreach (var strategy in options.EffectiveStrategies)
        {
            var request = strategy == TenantStrategy.Host ? FromHost(host, path, options) : FromRoute(path, options);
            if (request is not null)
            {
                return request;
            }
        }

        return TenantRequest.Root(path);
    }

    private static TenantRequest? FromHost(string host, string path, TenancyOptions options)
    {
        var hostName = host.Split(':', 2)[0].TrimEnd('.').ToLowerInvariant();
        var suffix = "." + options.RootDomain.ToLowerInvariant();
        if (!hostName.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var label = hostName[..^suffix.Length];
        if (label == "www")
        {
            return null; // www.{RootDomain} is the root itself
        }

        return label.Contains('.', StringComparison.Ordinal) || !PracticeSlug.IsAllowed(label)
            ? new TenantRequest(TenantRequestKind.Invalid, label, TenantStrategy.Host, "", path)
            : new TenantRequest(TenantRequestKind.Practice, label, TenantStrategy.Host, "", path);
    }

    private static TenantRequest? FromRoute(string path, TenancyOptions options)
    {
        var prefix = "/" + options.RoutePrefix + "/";
        if (path.Equals("/" + options.RoutePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new TenantRequest(TenantRequestKind.Invalid, null, TenantStrategy.Route, "", path);
        }

        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = path[prefix.Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var slug = end < 0 ? rest : rest[..end];
        var remaining = end < 0 ? "/" : rest[end..];
        // Slugs are lower-case; a mixed-case address is not silently another spelling of a practice.
        return PracticeSlug.IsAllowed(slug)
            ? new TenantRequest(TenantRequestKind.Practice, slug, TenantStrategy.Route, prefix + slug, remaining)
            : new TenantRequest(TenantRequestKind.Invalid, slug, TenantStrategy.Route, "", path);
    }
}
