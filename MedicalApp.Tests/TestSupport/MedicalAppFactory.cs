using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// The real app in-process, in Development (migrated and seeded on start) over its own database, or in another
/// environment when a test checks what production demands. Intent methods sign people in and shape data the way a
/// test needs, so tests read as what they check. Warnings and errors the app logs are kept in <see cref="Logs"/>.
/// </summary>
public class MedicalAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly string environment;

    public MedicalAppFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    {
        this.database = database;
        this.environment = environment;
        Settings = new Dictionary<string, string?>(database.AppSettings)
        {
            // Tests sign the same seeded accounts in many times a minute; SignInThrottlingTests use the real limits.
            ["Security:SignInAttemptsPerAddressPerMinute"] = "1000",
            ["Security:SignInAttemptsPerAccountPerMinute"] = "1000",
            ["Security:RegistrationsPerAddressPerMinute"] = "1000",
            ["Email:Mode"] = "Pickup",
            ["Email:DispatchInBackground"] = "false",
            // Tests run reminder rounds themselves (ReminderScheduler), so nothing races what they assert.
            ["Reminders:RunInBackground"] = "false",
            ["Email:PickupFolder"] = Path.Combine(Path.GetTempPath(), "medicalapp-test-mail-" + Guid.NewGuid().ToString("N")[..8]),
            ["Files:Root"] = Path.Combine(Path.GetTempPath(), "medicalapp-test-files-" + Guid.NewGuid().ToString("N")[..8]),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    public Dictionary<string, string?> Settings { get; }

    public TestDatabase Database => database;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (environment != "Development")
        {
            // Outside Development the framework serves static web assets (blazor.web.js, MudBlazor's files) only from a
            // published app; these tests run the build output, so load its manifest as Development does.
            builder.UseStaticWebAssets();
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public HttpClient CreateBrowserLikeClient(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    /// <summary>Posts the sign-in form of the page at <paramref name="loginPath"/> like a browser does.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string loginPath, string email, string password = DemoPassword)
    {
        var token = await AntiforgeryTokenAsync(client, loginPath);
        return await client.PostAsync(loginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>
    /// Gives the user an authenticator the way a finished set-up leaves it (a key, two-factor sign-in on), for tests
    /// about what comes after; the set-up itself is tested through its page.
    /// </summary>
    public async Task<TestAuthenticator> EnrolAuthenticatorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new TestAuthenticator((await users.GetAuthenticatorKeyAsync(user))!);
    }

    private TestAuthenticator? platformAdminAuthenticator;
    private readonly SemaphoreSlim platformAdminEnrolment = new(1, 1);

    /// <summary>The seeded platform admin's authenticator, set up once per app (platform admins cannot sign in without one).</summary>
    public async Task<TestAuthenticator> PlatformAdminAuthenticatorAsync()
    {
        await platformAdminEnrolment.WaitAsync();
        try
        {
            return platformAdminAuthenticator ??= await EnrolAuthenticatorAsync(PlatformAdminEmail);
        }
        finally
        {
            platformAdminEnrolment.Release();
        }
    }

    public const string PlatformAdminEmail = "admin@platform.test";

    /// <summary>Signs the seeded platform admin in at the root: password, then a code from the authenticator.</summary>
    public async Task<HttpResponseMessage> SignInAsPlatformAdminAsync(HttpClient client)
    {
        var authenticator = await PlatformAdminAuthenticatorAsync();
        var password = await SignInAsync(client, "/Account/Login", PlatformAdminEmail);
        var codePage = RedirectTarget(password);
        Assert.StartsWith("/Account/LoginWith2fa", codePage, StringComparison.Ordinal);
        return await SubmitCodeAsync(client, codePage!, await authenticator.NextCodeAsync());
    }

    /// <summary>Posts the second step of a sign-in (the page the password step redirected to) with an authenticator code.</summary>
    public static Task<HttpResponseMessage> SubmitCodeAsync(HttpClient client, string codePage, string code, bool rememberDevice = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Code"] = code };
        if (rememberDevice)
        {
            fields["Input.RememberDevice"] = "true";
        }

        return PostFormAsync(client, codePage, "login-2fa", fields);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, IDictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(client, path);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var match = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"No antiforgery token on {path}");
        return match.Groups[1].Value;
    }

    /// <summary>Where a redirect points, as a path: the test server answers with absolute URLs.</summary>
    public static string? RedirectTarget(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : null;

    /// <summary>The page's text as a reader sees it (Razor encodes characters such as ₹).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public const string DemoPassword = MedicalApp.Data.Seeding.DevelopmentDataSeeder.Password;

    /// <summary>Creates a user who is a member of the practice, the way staff management will.</summary>
    public async Task<ApplicationUser> CreateMemberAsync(string practiceSlug, string email, PracticeRoles roles, bool mustChangePassword = false, bool active = true)
    {
        var user = new ApplicationUser { UserName = email, Email = email, FullName = "Test " + email.Split('@')[0], MustChangePassword = mustChangePassword, CreatedAtUtc = DateTime.UtcNow };
        await using (var scope = Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, DemoPassword);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await InPracticeAsync(practiceSlug, db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = user.Id, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        return user;
    }

    public Task SetMembershipActiveAsync(string practiceSlug, Guid userId, bool active) =>
        InPracticeAsync(practiceSlug, async db =>
        {
            (await db.PracticeMemberships.SingleAsync(m => m.UserId == userId)).IsActive = active;
            return await db.SaveChangesAsync();
        });

    public async Task SetPracticeStatusAsync(string practiceSlug, PracticeStatus status)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
            var tenant = await db.Practices.SingleAsync(t => t.Slug == practiceSlug);
            tenant.Status = status;
            await db.SaveChangesAsync();
        }

        Services.GetRequiredService<PracticeDirectory>().Invalidate(practiceSlug);
    }

    public Task<List<AuditEvent>> AuditEventsAsync(string practiceSlug) =>
        InPracticeAsync(practiceSlug, db => db.AuditEvents.AsNoTracking().OrderBy(e => e.OccurredAtUtc).ToListAsync());

    /// <summary>Resolves services in a fresh scope working inside the practice, as a page of that practice would.</summary>
    public async Task<T> WithPracticeServicesAsync<T>(string practiceSlug, Func<IServiceProvider, Task<T>> work)
    {
        var practice = await PracticeAsync(practiceSlug);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// The same, signed in as <paramref name="userId"/> with a cookie of this practice (as the app's middleware binds a
    /// request's <see cref="MedicalApp.Web.Identity.SignedInUser"/>); the services read that member's actor from the database.
    /// </summary>
    public async Task<T> WithPracticeServicesAsync<T>(string practiceSlug, Guid userId, Func<IServiceProvider, Task<T>> work)
    {
        var practice = await PracticeAsync(practiceSlug);
        await using var scope = Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<CurrentTenant>();
        tenant.Set(practice);
        scope.ServiceProvider.GetRequiredService<MedicalApp.Web.Identity.SignedInUser>().BindFrom(TestMember.Principal(userId, practice.Id), tenant);
        scope.ServiceProvider.GetRequiredService<MedicalApp.Web.Services.Audit.ClientAddress>().SetForCircuit(TestMember.ClientAddress);
        return await work(scope.ServiceProvider);
    }

    /// <summary>A new member of the practice with <paramref name="roles"/> (and the demo password).</summary>
    public Task<ApplicationUser> AddMemberAsync(string practiceSlug, PracticeRoles roles) =>
        CreateMemberAsync(practiceSlug, $"{roles.ToString().Split(',')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@members.test", roles);

    /// <summary>Registers a new Trial practice through the real registration and returns its slug and owner.</summary>
    public async Task<(string Slug, ApplicationUser Owner)> RegisterPracticeAsync(string name, bool ownerPractises = false)
    {
        var email = $"owner-{Guid.NewGuid():N}@practice.test";
        var result = await Services.GetRequiredService<MedicalApp.Web.Features.Registration.PracticeRegistrationService>().RegisterAsync(new()
        {
            PracticeName = name, PracticePhone = "9876543210", PracticeAddress = "1 Test Road, Chennai", OwnerName = "Test Owner",
            OwnerEmail = email, OwnerPhone = "9876543211", Password = DemoPassword, ConfirmPassword = DemoPassword,
            AlsoPractises = ownerPractises, RegistrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..6], Specialization = "General Medicine",
        }, null);
        Assert.True(result.Succeeded, result.Summary());
        await using var scope = Services.CreateAsyncScope();
        var owner = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return (result.Value!.Slug, owner!);
    }

    /// <summary>Messages to <paramref name="address"/> in the platform outbox (registration mail), oldest first, with their bodies.</summary>
    public async Task<List<(PlatformOutboxEmail Email, string Body)>> PlatformMailsToAsync(string address)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        var outbox = scope.ServiceProvider.GetRequiredService<MedicalApp.Web.Services.Email.MailOutbox>();
        var mails = await db.PlatformOutboxEmails.AsNoTracking().Where(e => e.ToAddress == address).OrderBy(e => e.CreatedAtUtc).ToListAsync();
        return mails.Select(m => (m, outbox.ReadBody(m))).ToList();
    }

    /// <summary>The token of the confirmation link in a registration mail.</summary>
    public static string ConfirmationToken(string body) =>
        Regex.Match(body, @"/register/confirm\?token=([A-Za-z0-9_\-]+)") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("No confirmation link in: " + body);

    /// <summary>Removes the seeded demo families, visits, prescriptions and day counters, for tests that set up their own day.</summary>
    public Task ClearDemoPatientsAsync(string practiceSlug = "demo") =>
        InPracticeAsync(practiceSlug, async db =>
        {
            db.Prescriptions.RemoveRange(await db.Prescriptions.ToListAsync());
            db.MedicineUsage.RemoveRange(await db.MedicineUsage.ToListAsync());
            // Dental records, dependents first (attachments keep their stored files: the files are the practice's usage).
            db.CaseStudies.RemoveRange(await db.CaseStudies.ToListAsync());
            db.DentalAttachments.RemoveRange(await db.DentalAttachments.ToListAsync());
            await db.SaveChangesAsync();
            db.DentalProcedures.RemoveRange(await db.DentalProcedures.ToListAsync());
            db.DentalObservations.RemoveRange(await db.DentalObservations.ToListAsync());
            db.DentalCharts.RemoveRange(await db.DentalCharts.ToListAsync());
            await db.SaveChangesAsync();
            db.TreatmentPlans.RemoveRange(await db.TreatmentPlans.ToListAsync());
            await db.SaveChangesAsync();
            db.Consultations.RemoveRange(await db.Consultations.ToListAsync());
            await db.SaveChangesAsync();
            db.Appointments.RemoveRange(await db.Appointments.ToListAsync());
            await db.SaveChangesAsync();
            db.BusinessNumberCounters.RemoveRange(await db.BusinessNumberCounters.ToListAsync());
            db.Patients.RemoveRange(await db.Patients.ToListAsync());
            return await db.SaveChangesAsync();
        });

    /// <summary>Runs one unit of work inside the practice, as the application's own services do.</summary>
    public async Task<T> InPracticeAsync<T>(string practiceSlug, Func<MedicalDbContext, Task<T>> work)
    {
        var practice = await PracticeAsync(practiceSlug);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(practice);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    private async Task<TenantSnapshot> PracticeAsync(string slug) =>
        await Services.GetRequiredService<PracticeDirectory>().FindBySlugAsync(slug) ?? throw new InvalidOperationException($"No practice {slug}");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A seeded app on SQLite shared by the tests of one class.</summary>
public sealed class SqliteAppFixture : IAsyncLifetime
{
    public MedicalAppFactory App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
        _ = App.Server; // start now: migrate and seed before the first test
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A seeded app on PostgreSQL (application, owner and platform roles) shared by the tests of one class.</summary>
public sealed class PostgresAppFixture(PostgresServer server) : IAsyncLifetime
{
    public MedicalAppFactory App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server, migrate: false));
        _ = App.Server;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
