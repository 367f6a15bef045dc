using System.Net;
using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Web;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Sign_in_and_registration_posts_beyond_the_limit_are_answered_429_while_pages_still_load()
    {
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false),
            new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "3" });
        var client = app.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "reception@demo.test", "wrong-password-here");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var limited = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", "reception@demo.test");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/Account/Login")).StatusCode);

        // Registration has its own allowance, limited the same way.
        var empty = new Dictionary<string, string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await MedicalAppFactory.PostFormAsync(client, "/register", "register-practice", empty)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await MedicalAppFactory.PostFormAsync(client, "/register", "register-practice", empty)).StatusCode);
    }
}
