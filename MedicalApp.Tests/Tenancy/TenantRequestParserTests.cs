using MedicalApp.Web.Tenancy;

namespace MedicalApp.Tests.Tenancy;

public sealed class TenantRequestParserTests
{
    private static TenancyOptions Options(string rootDomain = "example.com", params TenantStrategy[] strategies)
    {
        var options = new TenancyOptions { RootDomain = rootDomain };
        foreach (var strategy in strategies.Length > 0 ? strategies : [TenantStrategy.Host, TenantStrategy.Route])
        {
            options.Strategies.Add(strategy);
        }

        return options;
    }

    [Theory]
    [InlineData("demo.example.com", "/patients", "demo")]
    [InlineData("DEMO.Example.com", "/", "demo")]
    [InlineData("demo.example.com:8443", "/", "demo")]
    [InlineData("dr-rao-eye-care.example.com.", "/", "dr-rao-eye-care")]
    public void Host_strategy_reads_the_first_label(string host, string path, string slug)
    {
        var request = TenantRequestParser.Parse(host, path, Options());
        Assert.Equal(TenantRequestKind.Practice, request.Kind);
        Assert.Equal(slug, request.Slug);
        Assert.Equal(TenantStrategy.Host, request.Strategy);
        Assert.Equal("", request.PathBase);
        Assert.Equal(path, request.RemainingPath);
    }

    [Theory]
    [InlineData("/t/demo", "/t/demo", "/")]
    [InlineData("/t/demo/", "/t/demo", "/")]
    [InlineData("/t/demo/patients/42", "/t/demo", "/patients/42")]
    [InlineData("/T/demo/Account/Login", "/t/demo", "/Account/Login")]
    public void Route_strategy_moves_the_prefix_into_the_path_base(string path, string pathBase, string remaining)
    {
        var request = TenantRequestParser.Parse("example.com", path, Options());
        Assert.Equal(TenantRequestKind.Practice, request.Kind);
        Assert.Equal("demo", request.Slug);
        Assert.Equal(TenantStrategy.Route, request.Strategy);
        Assert.Equal(pathBase, request.PathBase);
        Assert.Equal(remaining, request.RemainingPath);
    }

    [Theory]
    [InlineData("example.com", "/")]
    [InlineData("www.example.com", "/platform")]
    [InlineData("localhost", "/health/ready")]
    [InlineData("127.0.0.1:5000", "/")]
    [InlineData("other-site.org", "/")]
    [InlineData("example.com", "/terms")]
    [InlineData("example.com", "/tea/demo")]
    public void Addresses_without_a_practice_are_the_root(string host, string path)
    {
        var request = TenantRequestParser.Parse(host, path, Options());
        Assert.Equal(TenantRequestKind.Root, request.Kind);
        Assert.Equal(path, request.RemainingPath);
    }

    [Theory]
    [InlineData("/t/admin/")]       // reserved
    [InlineData("/t/platform")]     // reserved
    [InlineData("/t/ab/")]          // too short
    [InlineData("/t/-demo/")]       // leading hyphen
    [InlineData("/t/demo-/")]       // trailing hyphen
    [InlineData("/t/Demo/")]        // upper case is not another spelling
    [InlineData("/t/dr.rao/")]      // punctuation
    [InlineData("/t/")]             // no slug
    [InlineData("/t")]
    [InlineData("/t/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")] // 41 characters
    public void Malformed_or_reserved_route_slugs_are_invalid(string path)
    {
        Assert.Equal(TenantRequestKind.Invalid, TenantRequestParser.Parse("example.com", path, Options()).Kind);
    }

    [Theory]
    [InlineData("admin.example.com")]
    [InlineData("a.b.example.com")]
    [InlineData("x_y.example.com")]
    public void Malformed_or_reserved_subdomains_are_invalid(string host)
    {
        Assert.Equal(TenantRequestKind.Invalid, TenantRequestParser.Parse(host, "/", Options()).Kind);
    }

    [Fact]
    public void Only_enabled_strategies_resolve()
    {
        var routeOnly = Options("example.com", TenantStrategy.Route);
        Assert.Equal(TenantRequestKind.Root, TenantRequestParser.Parse("demo.example.com", "/", routeOnly).Kind);
        var hostOnly = Options("example.com", TenantStrategy.Host);
        Assert.Equal(TenantRequestKind.Root, TenantRequestParser.Parse("example.com", "/t/demo/", hostOnly).Kind);
    }

    [Fact]
    public void The_host_wins_when_both_strategies_name_a_practice()
    {
        var request = TenantRequestParser.Parse("demo.example.com", "/t/sunrise/", Options());
        Assert.Equal("demo", request.Slug);
        Assert.Equal("/t/sunrise/", request.RemainingPath);
    }

    [Theory]
    [InlineData("demo", true)]
    [InlineData("dr-raos-eye-dental-care-chennai", true)]
    [InlineData("abc", true)]
    [InlineData("api", false)]
    [InlineData("www", false)]
    [InlineData("a--b", true)]
    [InlineData("ab", false)]
    [InlineData("", false)]
    public void Slug_rules_follow_the_product_spec(string slug, bool allowed)
    {
        Assert.Equal(allowed, PracticeSlug.IsAllowed(slug));
    }
}
