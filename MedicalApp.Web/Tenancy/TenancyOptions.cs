namespace MedicalApp.Web.Tenancy;

public enum TenantStrategy
{
    /// <summary><c>https://{slug}.{RootDomain}/…</c></summary>
    Host,

    /// <summary><c>https://{RootDomain}/t/{slug}/…</c>; the prefix moves into PathBase so page routes stay the same.</summary>
    Route,
}

/// <summary>The <c>Tenancy</c> configuration section: which strategies resolve a practice, and the root domain.</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Tenancy";

    /// <summary>Strategies tried in this order; the first that names a practice wins.</summary>
    public IList<TenantStrategy> Strategies { get; } = [];

    /// <summary>The domain practices live under, e.g. <c>example.com</c>; <c>localhost</c> in Development.</summary>
    public string RootDomain { get; set; } = "localhost";

    /// <summary>The first path segment of the route strategy.</summary>
    public string RoutePrefix { get; set; } = "t";

    public IEnumerable<TenantStrategy> EffectiveStrategies => Strategies.Count > 0 ? Strategies.Distinct() : [TenantStrategy.Route];
}
