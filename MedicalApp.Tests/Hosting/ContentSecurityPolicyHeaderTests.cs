using System.Text.RegularExpressions;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Hosting;

/// <summary>
/// Every page carries a Content Security Policy whose script-src allows the app's own files and, by a nonce new for
/// each response, the inline scripts the app itself renders (Blazor's import map) and nothing else.
/// </summary>
public sealed partial class ContentSecurityPolicyHeaderTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("/t/demo/Account/Login")] // a static page (the sign-in form)
    [InlineData("/")]                     // an interactive one (the landing page)
    public async Task A_page_names_its_scripts_by_a_nonce_of_its_own(string path)
    {
        var client = fixture.App.CreateBrowserLikeClient();

        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NoncePattern().Match(policy).Groups[1].Value;
        Assert.True(nonce.Length >= 22, policy); // 128 random bits
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal($"script-src 'self' 'nonce-{nonce}'", directives["script-src"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("style-src 'self' 'unsafe-inline'", directives["style-src"]);
        Assert.Equal("img-src 'self' data:", directives["img-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);

        // Every inline script of the page (the import map) carries it; another response has another.
        var html = await first.Content.ReadAsStringAsync();
        var inline = InlineScriptPattern().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
        Assert.Contains("type=\"importmap\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NoncePattern();

    // A <script …> start tag without a src attribute: its content runs inline.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScriptPattern();
}
