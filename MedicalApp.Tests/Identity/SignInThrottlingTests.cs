using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// Sign-in throttling with the shipped limits (appsettings.json: 100 a minute per address, 10 per account, 10
/// registrations per address): a clinic behind one address signs its staff in, one account is not guessed at from
/// many addresses. Each request says which client address it comes from (<see cref="ClientAddressFactory"/>).
/// </summary>
public sealed class SignInThrottlingTests(SignInThrottlingTests.ThrottledAppFixture fixture) : IClassFixture<SignInThrottlingTests.ThrottledAppFixture>
{
    private ClientAddressFactory App => fixture.App;

    [Fact]
    public async Task Fifteen_members_behind_one_address_all_sign_in_within_a_minute()
    {
        var members = new List<ApplicationUser>();
        for (var i = 1; i <= 15; i++)
        {
            members.Add(await App.CreateMemberAsync("demo", $"nat-staff-{i}@demo.test", i % 2 == 0 ? PracticeRoles.Nurse : PracticeRoles.Receptionist));
        }

        foreach (var member in members)
        {
            var client = App.ClientFrom("203.0.113.10");
            var signIn = await MedicalAppFactory.SignInAsync(client, "/t/demo/Account/Login", member.Email!);
            Assert.Equal("/t/demo/", MedicalAppFactory.RedirectTarget(signIn));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/t/demo/")).StatusCode);
        }
    }

    [Fact]
    public async Task Wrong_passwords_for_one_account_from_rotating_addresses_are_stopped()
    {
        var member = await App.CreateMemberAsync("demo", "targeted@demo.test", PracticeRoles.Doctor);
        var outcomes = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var response = await MedicalAppFactory.SignInAsync(App.ClientFrom($"198.51.100.{attempt}"), "/t/demo/Account/Login", member.Email!, "guess-number-" + attempt);
            outcomes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.RetryAfter!.ToString());
                Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // 4 wrong, then Identity's lockout (5th to 10th), then the account's limit of 10 a minute answers before any check.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), .. Enumerable.Repeat(HttpStatusCode.Redirect, 6), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], outcomes);
        // The right password from yet another address, and written differently, is not even looked at this minute.
        var right = await MedicalAppFactory.SignInAsync(App.ClientFrom("198.51.100.200"), "/t/demo/Account/Login", "  TARGETED@demo.test ");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);

        var events = (await App.AuditEventsAsync("demo")).Where(e => e.UserId == member.Id).ToList();
        Assert.Equal(4, events.Count(e => e.Action == AuditActions.SignInFailed));
        Assert.Equal(6, events.Count(e => e.Action == AuditActions.SignInLockedOut));
    }

    [Fact]
    public async Task One_address_still_has_a_ceiling_and_registration_a_lower_one()
    {
        var busy = App.ClientFrom("192.0.2.50");
        var empty = new Dictionary<string, string>();
        for (var attempt = 1; attempt <= 100; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await MedicalAppFactory.PostFormAsync(busy, "/t/demo/Account/Login", "login", empty)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await MedicalAppFactory.PostFormAsync(busy, "/t/demo/Account/Login", "login", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/t/demo/Account/Login")).StatusCode); // pages still load
        Assert.Equal(HttpStatusCode.OK, (await MedicalAppFactory.PostFormAsync(App.ClientFrom("192.0.2.51"), "/t/demo/Account/Login", "login", empty)).StatusCode);

        var registering = App.ClientFrom("192.0.2.60");
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await MedicalAppFactory.PostFormAsync(registering, "/register", "register-practice", empty)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await MedicalAppFactory.PostFormAsync(registering, "/register", "register-practice", empty)).StatusCode);
    }

    /// <summary>The app with the shipped limits, whose test clients say which address they come from.</summary>
    public sealed class ThrottledAppFixture : IAsyncLifetime
    {
        public ClientAddressFactory App { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            App = new ClientAddressFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
            _ = App.Server;
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>
    /// Sets each request's client address from a test-only header, as Kestrel would from the connection (the test
    /// server has none). A startup filter runs before the app's own pipeline, so every middleware sees that address.
    /// </summary>
    public sealed class ClientAddressFactory : MedicalAppFactory
    {
        public const string Header = "X-Test-Client-Address";

        public ClientAddressFactory(TestDatabase database) : base(database)
        {
            foreach (var key in Settings.Keys.Where(k => k.StartsWith("Security:", StringComparison.Ordinal)).ToList())
            {
                Settings.Remove(key);
            }
        }

        public HttpClient ClientFrom(string address)
        {
            var client = CreateBrowserLikeClient();
            client.DefaultRequestHeaders.Add(Header, address);
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());
        }

        private sealed class ClientAddressStartupFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (IPAddress.TryParse(context.Request.Headers[Header], out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
