using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Tenancy;

/// <summary>
/// A former practice address ("old", which demo used before) redirects to the same page at the practice's new
/// address, and only there: whatever the rest of the address holds, the redirect stays on the new address (security
/// issue #8: <c>/t/old/%5C/evil.example/x</c> was answered with a redirect to evil.example).
/// </summary>
public sealed class FormerAddressRedirectTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>, IAsyncLifetime
{
    private MedicalAppFactory App => fixture.App;

    public async ValueTask InitializeAsync()
    {
        var demo = await App.Services.GetRequiredService<PracticeDirectory>().FindBySlugAsync("demo");
        await App.InPracticeAsync("demo", async db =>
        {
            if (!db.FormerPracticeAddresses.Any(a => a.Slug == "old"))
            {
                db.FormerPracticeAddresses.Add(new FormerPracticeAddress { Slug = "old", TenantId = demo!.Id, RetiredAtUtc = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }

            return 0;
        });
        App.Services.GetRequiredService<PracticeDirectory>().Invalidate("old");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("/t/old/%5C/evil.example/x")]
    [InlineData("/t/old/%20//evil.example")]
    [InlineData("/t/old/javascript:alert(1)")]
    [InlineData("/t/old//evil.example/x")]
    [InlineData("/t/old/%5Cevil.example")]
    [InlineData("/t/old/patients/%0D%0ASet-Cookie:x=1")]
    public async Task Route_strategy_an_odd_rest_of_the_address_leads_to_the_new_home_page(string path)
    {
        var response = await App.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/t/demo/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/%5C/evil.example/x")]
    [InlineData("/%20//evil.example")]
    [InlineData("/javascript:alert(1)")]
    [InlineData("//evil.example/x")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/patients/%0D%0ASet-Cookie:x=1")]
    public async Task Host_strategy_an_odd_rest_of_the_address_leads_to_the_new_home_page(string path)
    {
        // An absolute address, so that "//evil.example" stays the path instead of naming another host.
        var response = await App.CreateBrowserLikeClient("http://old.localhost").GetAsync(new Uri("http://old.localhost" + path));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://demo.localhost/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_ordinary_page_and_its_query_follow_to_the_new_address_on_both_strategies()
    {
        var route = await App.CreateBrowserLikeClient().GetAsync("/t/old/patients/0191a7c4-1111-7000-8000-000000000001?q=ravi%20kumar&page=2");
        var host = await App.CreateBrowserLikeClient("http://old.localhost").GetAsync("/appointments/calendar?view=week");
        var home = await App.CreateBrowserLikeClient().GetAsync("/t/old");

        Assert.Equal("http://localhost/t/demo/patients/0191a7c4-1111-7000-8000-000000000001?q=ravi%20kumar&page=2", route.Headers.Location!.OriginalString);
        Assert.Equal("http://demo.localhost/appointments/calendar?view=week", host.Headers.Location!.OriginalString);
        Assert.Equal("http://localhost/t/demo/", home.Headers.Location!.OriginalString);
    }
}
