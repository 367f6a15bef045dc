using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Migrations.Postgres;
using MedicalApp.Data.Migrations.Sqlite;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Registration;
using MedicalApp.Web.Services.Changes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Registration;

/// <summary>Self-registration through the app's own services, on both databases.</summary>
public abstract class PracticeRegistrationTests(MedicalAppFactory app)
{
    private PracticeRegistrationService Service => app.Services.GetRequiredService<PracticeRegistrationService>();

    private static PracticeRegistrationForm Form(string email, string practiceName = "Dr. Rao's Eye & Dental Care, Chennai", bool practises = true) => new()
    {
        PracticeName = practiceName,
        PracticePhone = "+91 98400 12345",
        PracticeAddress = "14 Cathedral Road, Chennai 600086",
        OwnerName = "Dr. Lakshmi Rao",
        OwnerEmail = email,
        OwnerPhone = "98400 54321",
        Password = "monsoon tea at four",
        ConfirmPassword = "monsoon tea at four",
        AlsoPractises = practises,
        RegistrationNumber = " tnmc   56789",   // stored as "TNMC 56789": one rule with the Doctors feature
        Specialization = "Ophthalmology",
        Qualification = "MBBS, MS",
        ExperienceYears = 12,
    };

    [Fact]
    public async Task A_practice_with_punctuation_in_its_name_registers_with_owner_doctor_location_and_trial()
    {
        var email = $"rao-{Guid.NewGuid():N}@clinic.test";
        var result = await Service.RegisterAsync(Form(email), "203.0.113.7");

        Assert.True(result.Succeeded, result.Summary());
        var slug = result.Value!.Slug;
        Assert.StartsWith("dr-raos-eye-dental-care-chennai", slug, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        var practice = await platform.Practices.SingleAsync(t => t.Slug == slug);
        Assert.Equal(PracticePlan.Trial, practice.Plan);
        Assert.Equal(5, practice.Limits.MaxDoctors);
        Assert.Equal(1, practice.Limits.MaxClinicLocations);
        Assert.InRange((practice.TrialEndsAtUtc!.Value - DateTime.UtcNow).TotalDays, 29.9, 30.1);
        Assert.Equal("+91 98400 12345", practice.Phone);   // as written, like settings: a landline can look like a mobile

        var membership = await app.InPracticeAsync(slug, db => db.PracticeMemberships.Include(m => m.User).Include(m => m.DoctorProfile!.Locations).SingleAsync());
        Assert.Equal(PracticeRoles.Owner | PracticeRoles.Doctor, membership.Roles);
        Assert.Equal(email, membership.User!.Email);
        Assert.Equal("TNMC 56789", membership.DoctorProfile!.RegistrationNumber);
        Assert.Equal(["Ophthalmology"], membership.DoctorProfile.Specializations);
        Assert.Equal("MBBS, MS", membership.DoctorProfile.Qualification);
        Assert.Equal(12, membership.DoctorProfile.ExperienceYears);
        var location = await app.InPracticeAsync(slug, db => db.ClinicLocations.SingleAsync());
        Assert.True(location.IsRegisteredLocation);
        Assert.Equal(location.Id, Assert.Single(membership.DoctorProfile.Locations).ClinicLocationId);
        Assert.Single(await app.InPracticeAsync(slug, db => db.SubscriptionChanges.ToListAsync()));
    }

    [Fact]
    public async Task An_owner_doctor_who_chooses_typical_hours_gets_them_at_the_registered_location_and_a_welcome_mail_with_the_address()
    {
        var email = $"hours-{Guid.NewGuid():N}@clinic.test";
        var form = Form(email, "Hours Clinic " + Guid.NewGuid().ToString("N")[..6]);
        form.TypicalHours = TypicalHours.MonSatMorningAndEvening;

        var result = await Service.RegisterAsync(form, null);

        Assert.True(result.Succeeded, result.Summary());
        var slug = result.Value!.Slug;
        var location = await app.InPracticeAsync(slug, db => db.ClinicLocations.SingleAsync());
        var hours = await app.InPracticeAsync(slug, db => db.DoctorAvailability.ToListAsync());
        Assert.Equal(12, hours.Count);   // Monday to Saturday, morning and evening
        Assert.All(hours, h => Assert.Equal(location.Id, h.ClinicLocationId));
        Assert.DoesNotContain(hours, h => h.Day == DayOfWeek.Sunday);
        Assert.Equal(
            [(new TimeOnly(10, 0), new TimeOnly(13, 0)), (new TimeOnly(17, 0), new TimeOnly(20, 0))],
            hours.Where(h => h.Day == DayOfWeek.Wednesday).OrderBy(h => h.StartTime).Select(h => (h.StartTime, h.EndTime)));

        var (welcome, body) = Assert.Single(await app.PlatformMailsToAsync(email), m => m.Email.Purpose == PracticeRegistrationService.WelcomePurpose);
        Assert.Contains($"http://localhost:5000/t/{slug}/", body, StringComparison.Ordinal);
        Assert.Contains("Bookmark it", body, StringComparison.Ordinal);
        Assert.Contains("Mon–Sat 10:00–13:00 and 17:00–20:00", body, StringComparison.Ordinal);
        Assert.Contains(form.PracticeName, welcome.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, TypicalHours.Later)]
    [InlineData(false, TypicalHours.MonFriDay)]   // hours are for a doctor: an owner who does not practise gets none
    public async Task Hours_are_created_only_for_an_owner_doctor_who_chose_them(bool practises, TypicalHours choice)
    {
        var form = Form($"nohours-{Guid.NewGuid():N}@clinic.test", "No Hours Clinic " + Guid.NewGuid().ToString("N")[..6], practises);
        form.TypicalHours = choice;

        var result = await Service.RegisterAsync(form, null);

        Assert.True(result.Succeeded, result.Summary());
        Assert.Empty(await app.InPracticeAsync(result.Value!.Slug, db => db.DoctorAvailability.ToListAsync()));
    }

    [Fact]
    public async Task The_same_name_twice_gets_a_suffixed_address()
    {
        var name = "Sunshine Kids Clinic " + Guid.NewGuid().ToString("N")[..6];
        var first = await Service.RegisterAsync(Form($"a-{Guid.NewGuid():N}@clinic.test", name, practises: false), null);
        var second = await Service.RegisterAsync(Form($"b-{Guid.NewGuid():N}@clinic.test", name, practises: false), null);
        Assert.Equal(first.Value!.Slug + "-2", second.Value!.Slug);
    }

    [Fact]
    public async Task An_email_that_already_has_an_account_is_refused_and_nothing_is_created()
    {
        var before = await CountPracticesAsync();
        var result = await Service.RegisterAsync(Form("owner@demo.test"), null);
        Assert.False(result.Succeeded);
        Assert.Contains("already exists", result.FieldErrors[nameof(PracticeRegistrationForm.OwnerEmail)], StringComparison.Ordinal);
        Assert.Equal(before, await CountPracticesAsync());
    }

    [Theory]
    [InlineData("password1234", "too common")]
    [InlineData("short", "at least 12")]
    public async Task A_weak_password_is_refused_next_to_the_password_field(string password, string message)
    {
        var form = Form($"weak-{Guid.NewGuid():N}@clinic.test");
        form.Password = form.ConfirmPassword = password;
        var result = await Service.RegisterAsync(form, null);
        Assert.Contains(message, result.FieldErrors[nameof(PracticeRegistrationForm.Password)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("5987654321")]
    [InlineData("+1 987 654 3210")]
    [InlineData("98765 4321")]
    public async Task The_owners_phone_must_be_an_indian_mobile_number(string phone)
    {
        var form = Form($"phone-{Guid.NewGuid():N}@clinic.test");
        form.OwnerPhone = phone;
        var result = await Service.RegisterAsync(form, null);
        Assert.Contains("10-digit Indian mobile number", result.FieldErrors[nameof(PracticeRegistrationForm.OwnerPhone)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("020 2553 1234")]
    [InlineData("+91 44 2626 1001")]
    [InlineData("98400 12345")]
    public async Task The_practice_phone_may_be_a_landline_as_in_settings(string phone)
    {
        var form = Form($"landline-{Guid.NewGuid():N}@clinic.test");
        form.PracticePhone = phone;
        var result = await Service.RegisterAsync(form, null);
        Assert.False(result.FieldErrors.ContainsKey(nameof(PracticeRegistrationForm.PracticePhone)), result.Summary());
        Assert.Null(PracticePhoneNumber.Error(phone)); // the rule of settings and locations, the same answer
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("call us")]
    public async Task A_practice_phone_that_is_no_number_is_refused(string phone)
    {
        var form = Form($"badphone-{Guid.NewGuid():N}@clinic.test");
        form.PracticePhone = phone;
        var result = await Service.RegisterAsync(form, null);
        Assert.Equal(PracticePhoneNumber.ErrorMessage, result.FieldErrors[nameof(PracticeRegistrationForm.PracticePhone)]);
    }

    [Fact]
    public async Task Missing_fields_each_get_their_own_message()
    {
        var result = await Service.RegisterAsync(new PracticeRegistrationForm { AlsoPractises = true }, null);
        foreach (var field in new[] { "PracticeName", "PracticePhone", "PracticeAddress", "OwnerName", "OwnerEmail", "OwnerPhone", "Password", "RegistrationNumber", "Specialization" })
        {
            Assert.True(result.FieldErrors.ContainsKey(field), $"no message for {field}");
        }
    }

    [Fact]
    public async Task A_failure_half_way_leaves_nothing_behind()
    {
        // A second app over the same database whose contexts fail the registration's writes where told to.
        var failing = new FailingWrites();
        await using var failingApp = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddScoped(provider => failing.CreateContext(app.Database, provider.GetRequiredService<CurrentTenant>()))));
        var service = failingApp.Services.GetRequiredService<PracticeRegistrationService>();

        // After the practice row, after the owner's account too, and with everything written but not yet committed.
        (string FailingAt, string[] WrittenBefore)[] points =
        [
            ("AspNetUsers", ["Tenants"]),
            ("TenantMemberships", ["Tenants", "AspNetUsers"]),
            (FailingWrites.Commit, ["Tenants", "AspNetUsers", "TenantMemberships", "SubscriptionChanges", "AuditEvents"]),
        ];
        foreach (var (failingAt, writtenBefore) in points)
        {
            var email = $"half-{Guid.NewGuid():N}@clinic.test";
            var name = "Half Way Clinic " + Guid.NewGuid().ToString("N")[..6];
            failing.Arm(failingAt);
            try
            {
                var thrown = await Assert.ThrowsAnyAsync<Exception>(() => service.RegisterAsync(Form(email, name), null));
                Assert.True(FailingWrites.Caused(thrown), $"failing at {failingAt}: {thrown}");
                Assert.Superset(writtenBefore.ToHashSet(), failing.Written.ToHashSet());
            }
            finally
            {
                failing.Disarm();
            }

            await using var scope = app.Services.CreateAsyncScope();
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
            await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
            Assert.False(await platform.Practices.AnyAsync(t => t.Name == name), $"a practice is left after failing at {failingAt}");
            Assert.False(await platform.ClinicLocations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).AnyAsync(l => l.Name == name));
            Assert.False(await platform.Users.AnyAsync(u => u.Email == email));
        }
    }

    [Fact]
    public async Task A_new_email_gets_a_one_time_link_and_nothing_exists_until_it_is_confirmed_once()
    {
        var email = $"confirm-{Guid.NewGuid():N}@clinic.test";
        var name = "Lake View Clinic " + Guid.NewGuid().ToString("N")[..6];
        var before = await CountPracticesAsync();

        var requested = await Service.RequestAsync(Form(email, name), "203.0.113.7");

        Assert.True(requested.Succeeded, requested.Summary());
        Assert.Equal(before, await CountPracticesAsync());
        Assert.Null(await FindUserAsync(email));
        var (mail, body) = Assert.Single(await app.PlatformMailsToAsync(email));
        Assert.Equal(PracticeRegistrationService.ConfirmationPurpose, mail.Purpose);
        Assert.StartsWith("http://localhost:5000/register/confirm?token=", UrlIn(body), StringComparison.Ordinal); // Email:PublicBaseUrl, never a Host header
        var token = MedicalAppFactory.ConfirmationToken(body);
        var stored = await RequestByEmailAsync(email);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(PracticeRegistrationService.Hash(token), stored.TokenHash);
        Assert.DoesNotContain("monsoon", stored.ProtectedDetails!, StringComparison.Ordinal);

        var pending = await Service.DescribeAsync(token);
        Assert.Equal(RegistrationLinkState.Pending, pending.State);
        Assert.Equal(name, pending.PracticeName);
        Assert.Equal(before, await CountPracticesAsync()); // looking at the link changes nothing

        var confirmed = await Service.ConfirmAsync(token, "203.0.113.7");
        Assert.Equal(RegistrationLinkState.Created, confirmed.Link.State);
        Assert.NotNull(confirmed.HandOverToken);
        var owner = (await FindUserAsync(email))!;
        Assert.True(owner.EmailConfirmed);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CheckPasswordAsync(owner, "monsoon tea at four"));
        }

        var membership = await app.InPracticeAsync(confirmed.Slug!, db => db.PracticeMemberships.Include(m => m.DoctorProfile).SingleAsync());
        Assert.Equal(PracticeRoles.Owner | PracticeRoles.Doctor, membership.Roles);
        Assert.Equal("TNMC 56789", membership.DoctorProfile!.RegistrationNumber);
        stored = await RequestByEmailAsync(email);
        Assert.Null(stored.ProtectedDetails);
        Assert.Equal(PracticeRegistrationService.Hash(confirmed.HandOverToken!), stored.HandOverTokenHash);

        // Once: the link now only says where the practice is.
        var again = await Service.ConfirmAsync(token, null);
        Assert.Equal(RegistrationLinkState.AlreadyConfirmed, again.Link.State);
        Assert.Null(again.HandOverToken);
        Assert.Equal($"http://localhost:5000/t/{confirmed.Slug}/", again.Link.PracticeAddress!.ToString());
        Assert.Equal(before + 1, await CountPracticesAsync());
    }

    [Fact]
    public async Task An_existing_email_gets_the_same_answer_and_a_mail_with_its_practices_and_nothing_is_created()
    {
        var before = await CountPracticesAsync();
        var newEmail = $"fresh-{Guid.NewGuid():N}@clinic.test";

        var forExisting = await Service.RequestAsync(Form("owner@demo.test"), null);
        var forNew = await Service.RequestAsync(Form(newEmail), null);

        Assert.True(forExisting.Succeeded);
        Assert.Equal((forNew.Outcome, forNew.Message, forNew.Reasons), (forExisting.Outcome, forExisting.Message, forExisting.Reasons));
        Assert.Equal(forNew.FieldErrors, forExisting.FieldErrors);
        Assert.Equal(before, await CountPracticesAsync());
        Assert.Null(await FindRequestByEmailAsync("owner@demo.test"));
        var (mail, body) = (await app.PlatformMailsToAsync("owner@demo.test")).Last();
        Assert.Equal(PracticeRegistrationService.ExistingAccountPurpose, mail.Purpose);
        Assert.Contains("no new practice was created", body, StringComparison.Ordinal);
        Assert.Contains("Demo Family Clinic", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/t/demo/Account/Login", body, StringComparison.Ordinal);
        Assert.DoesNotContain("register/confirm", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_again_after_a_finished_registration_mails_the_practice_address_instead_of_a_second_practice()
    {
        var email = $"twice-{Guid.NewGuid():N}@clinic.test";
        var name = "Twice Clinic " + Guid.NewGuid().ToString("N")[..6];
        Assert.True((await Service.RequestAsync(Form(email, name), null)).Succeeded);
        Assert.True((await Service.RequestAsync(Form(email, name), null)).Succeeded);
        var tokens = (await app.PlatformMailsToAsync(email)).Select(m => MedicalAppFactory.ConfirmationToken(m.Body)).ToList();
        Assert.Equal(2, tokens.Count);

        var first = await Service.ConfirmAsync(tokens[0], null);
        Assert.Equal(RegistrationLinkState.Created, first.Link.State);
        // The second link finds the account: no second practice, the address is mailed.
        var second = await Service.ConfirmAsync(tokens[1], null);
        Assert.Equal(RegistrationLinkState.AccountExists, second.Link.State);
        Assert.Null(second.Slug);

        // And the form again (the owner lost the way after the hand-over): the same answer, the address by mail.
        Assert.True((await Service.RequestAsync(Form(email, name), null)).Succeeded);
        var mails = await app.PlatformMailsToAsync(email);
        Assert.Equal(2, mails.Count(m => m.Email.Purpose == PracticeRegistrationService.ExistingAccountPurpose));
        Assert.Contains($"http://localhost:5000/t/{first.Slug}/Account/Login", mails.Last().Body, StringComparison.Ordinal);
        Assert.Single(await PracticesNamedAsync(name));
    }

    [Fact]
    public async Task An_expired_confirmation_link_creates_nothing()
    {
        var email = $"late-{Guid.NewGuid():N}@clinic.test";
        Assert.True((await Service.RequestAsync(Form(email), null)).Succeeded);
        var token = MedicalAppFactory.ConfirmationToken((await app.PlatformMailsToAsync(email)).Single().Body);
        await UpdateRequestAsync(email, r => r.ExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1));

        Assert.Equal(RegistrationLinkState.Invalid, (await Service.DescribeAsync(token)).State);
        Assert.Equal(RegistrationLinkState.Invalid, (await Service.ConfirmAsync(token, null)).Link.State);
        Assert.Equal(RegistrationLinkState.Invalid, (await Service.ConfirmAsync("not-a-token", null)).Link.State);
        Assert.Null(await FindUserAsync(email));
    }

    [Fact]
    public async Task Two_confirmations_of_one_link_at_once_create_one_practice()
    {
        var email = $"race-{Guid.NewGuid():N}@clinic.test";
        var name = "Race Clinic " + Guid.NewGuid().ToString("N")[..6];
        Assert.True((await Service.RequestAsync(Form(email, name, practises: false), null)).Succeeded);
        var token = MedicalAppFactory.ConfirmationToken((await app.PlatformMailsToAsync(email)).Single().Body);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Service.ConfirmAsync(token, null))));

        Assert.Single(outcomes, o => o.Link.State == RegistrationLinkState.Created);
        Assert.Single(outcomes, o => o.HandOverToken is not null);
        Assert.Single(await PracticesNamedAsync(name));
    }

    [Fact]
    public async Task The_hand_over_signs_in_once_only_at_its_own_practice_and_not_after_it_expires()
    {
        var (slug, handOver, email) = await RegisterAndConfirmAsync();
        var practiceId = await PracticeIdAsync(slug);
        var owner = (await FindUserAsync(email))!;

        Assert.Null(await Service.HandOverAsync(handOver, await PracticeIdAsync("demo")));
        Assert.Equal(owner.Id, await Service.HandOverAsync(handOver, practiceId));
        Assert.Null(await Service.HandOverAsync(handOver, practiceId));
        Assert.Null(await Service.HandOverAsync("", practiceId));

        var (slug2, handOver2, email2) = await RegisterAndConfirmAsync();
        await UpdateRequestAsync(email2, r => r.HandOverExpiresAtUtc = DateTime.UtcNow.AddSeconds(-1));
        Assert.Null(await Service.HandOverAsync(handOver2, await PracticeIdAsync(slug2)));
    }

    private async Task<(string Slug, string HandOver, string Email)> RegisterAndConfirmAsync()
    {
        var email = $"hand-{Guid.NewGuid():N}@clinic.test";
        Assert.True((await Service.RequestAsync(Form(email, "Hand Over Clinic " + Guid.NewGuid().ToString("N")[..6], practises: false), null)).Succeeded);
        var confirmed = await Service.ConfirmAsync(MedicalAppFactory.ConfirmationToken((await app.PlatformMailsToAsync(email)).Single().Body), null);
        Assert.Equal(RegistrationLinkState.Created, confirmed.Link.State);
        return (confirmed.Slug!, confirmed.HandOverToken!, email);
    }

    private static string UrlIn(string body) => System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+").Value;

    private async Task<ApplicationUser?> FindUserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    private async Task<PracticeRegistrationRequest?> FindRequestByEmailAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await platform.PracticeRegistrationRequests.AsNoTracking().Where(r => r.Email == email).OrderBy(r => r.CreatedAtUtc).FirstOrDefaultAsync();
    }

    private async Task<PracticeRegistrationRequest> RequestByEmailAsync(string email) => (await FindRequestByEmailAsync(email))!;

    private async Task UpdateRequestAsync(string email, Action<PracticeRegistrationRequest> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        foreach (var request in await platform.PracticeRegistrationRequests.Where(r => r.Email == email).ToListAsync())
        {
            change(request);
        }

        await platform.SaveChangesAsync();
    }

    private async Task<Guid> PracticeIdAsync(string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await platform.Practices.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }

    private async Task<List<string>> PracticesNamedAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await platform.Practices.Where(t => t.Name == name).Select(t => t.Slug).ToListAsync();
    }

    private async Task<int> CountPracticesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await platform.Practices.CountAsync();
    }
}

/// <summary>
/// A stand-in for a database that fails part-way (a dropped connection, a full disk): EF Core interceptors on the
/// contexts of a test app refuse the first command that inserts into a chosen table, or the commit, and note which
/// tables were written before. Disarmed, they let everything through.
/// </summary>
internal sealed partial class FailingWrites : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string Commit = "(commit)";

    private const string FailureMessage = "Injected failure of a registration write.";

    private DbContextOptions? sqliteOptions;
    private DbContextOptions? postgresOptions;
    private string? failingAt;

    /// <summary>Tables inserted into since <see cref="Arm"/>, before the failure.</summary>
    public List<string> Written { get; } = [];

    public void Arm(string tableOrCommit)
    {
        Written.Clear();
        failingAt = tableOrCommit;
    }

    public void Disarm() => failingAt = null;

    /// <summary>Whether the injected failure is what <paramref name="thrown"/> reports (EF wraps a failed save's cause).</summary>
    public static bool Caused(Exception? thrown)
    {
        for (; thrown is not null; thrown = thrown.InnerException)
        {
            if (thrown.Message == FailureMessage)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A context as the app makes one for the scope's practice, with these interceptors added.</summary>
    public MedicalDbContext CreateContext(TestDatabase database, CurrentTenant tenant)
    {
        var connectionString = database.ConnectionStrings(DatabaseRole.Application);
        return database.Provider == DatabaseProvider.Postgres
            ? new PostgresMedicalDbContext((DbContextOptions<PostgresMedicalDbContext>)(postgresOptions ??= MedicalDatabase.ConfigurePostgres(
                new DbContextOptionsBuilder<PostgresMedicalDbContext>(), connectionString).AddInterceptors(this).Options), tenant)
            : new SqliteMedicalDbContext((DbContextOptions<SqliteMedicalDbContext>)(sqliteOptions ??= MedicalDatabase.ConfigureSqlite(
                new DbContextOptionsBuilder<SqliteMedicalDbContext>(), connectionString).AddInterceptors(this).Options), tenant);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        failingAt == Commit ? throw new InvalidOperationException(FailureMessage) : result;

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        failingAt == Commit ? throw new InvalidOperationException(FailureMessage) : ValueTask.FromResult(result);

    private void Check(DbCommand command)
    {
        if (failingAt is null)
        {
            return;
        }

        var tables = InsertInto().Matches(command.CommandText).Select(m => m.Groups[1].Value).ToList();
        if (tables.Contains(failingAt))
        {
            throw new InvalidOperationException(FailureMessage);
        }

        Written.AddRange(tables);
    }

    [GeneratedRegex("INSERT INTO \"(\\w+)\"")]
    private static partial Regex InsertInto();
}

public sealed class SqlitePracticeRegistrationTests(SqliteAppFixture fixture)
    : PracticeRegistrationTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPracticeRegistrationTests(PostgresAppFixture fixture)
    : PracticeRegistrationTests(fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>
/// The registration pages over HTTP: the form answers the same for any email, the mailed link asks before it creates,
/// and the owner reaches the practice's address by a plain link that signs in once.
/// </summary>
public sealed class RegistrationPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static Dictionary<string, string> Fields(string name, string email) => new()
    {
        ["Input.PracticeName"] = name,
        ["Input.PracticePhone"] = "9876543210",
        ["Input.PracticeAddress"] = "2 Hill Road, Ooty",
        ["Input.OwnerName"] = "Priya Nair",
        ["Input.OwnerEmail"] = email,
        ["Input.OwnerPhone"] = "+919876500000",
        ["Input.Password"] = "nilgiri hills in may",
        ["Input.ConfirmPassword"] = "nilgiri hills in may",
    };

    [Fact]
    public async Task Registering_answers_on_the_root_then_the_mailed_link_creates_the_practice_and_a_one_time_link_signs_the_owner_in_there()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var name = "Green Valley Clinic " + Guid.NewGuid().ToString("N")[..4];
        var email = $"priya-{Guid.NewGuid():N}@greenvalley.test";
        var posted = await MedicalAppFactory.PostFormAsync(client, "/register", "register-practice", Fields(name, email));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode); // answered here: no redirect of the post to another address
        Assert.Contains("Check your inbox", await MedicalAppFactory.TextAsync(posted), StringComparison.Ordinal);

        var token = MedicalAppFactory.ConfirmationToken((await fixture.App.PlatformMailsToAsync(email)).Single().Body);
        var confirmPage = $"/register/confirm?token={token}";
        var asked = await client.GetAsync(confirmPage);
        Assert.Contains("Create my practice", await MedicalAppFactory.TextAsync(asked), StringComparison.Ordinal);
        var confirmed = await MedicalAppFactory.PostFormAsync(client, confirmPage, "confirm-registration", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var ready = await confirmed.Content.ReadAsStringAsync();
        var handOver = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(ready,
            "href=\"http://localhost(/t/green-valley-clinic-[a-z0-9]{4}/Account/CompleteRegistration\\?token=[^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(handOver);

        var completed = await client.GetAsync(handOver);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var home = await client.GetAsync(MedicalAppFactory.RedirectTarget(completed));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var text = await MedicalAppFactory.TextAsync(home);
        Assert.Contains("Welcome, Priya Nair.", text, StringComparison.Ordinal);
        Assert.Contains(name, text, StringComparison.Ordinal);

        // The hand-over works once: replayed elsewhere it signs nobody in.
        var replay = await fixture.App.CreateBrowserLikeClient().GetAsync(handOver);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("This link has expired", await MedicalAppFactory.TextAsync(replay), StringComparison.Ordinal);

        // The confirmation link works once too: afterwards it says where the practice is.
        var used = await MedicalAppFactory.TextAsync(await client.GetAsync(confirmPage));
        Assert.Contains("This link was used already", used, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_error_is_said_once()
    {
        var fields = Fields("Twice Told Clinic", $"twice-{Guid.NewGuid():N}@new.test");
        fields["Input.ConfirmPassword"] = "nilgiri hills in june";
        var posted = await MedicalAppFactory.PostFormAsync(fixture.App.CreateBrowserLikeClient(), "/register", "register-practice", fields);
        var html = await MedicalAppFactory.TextAsync(posted);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "The two passwords do not match\\."));
    }

    [Fact]
    public async Task The_answer_is_the_same_for_an_email_that_has_an_account_and_for_a_new_one()
    {
        var newEmail = $"nobody-{Guid.NewGuid():N}@new.test";
        var forNew = await MedicalAppFactory.PostFormAsync(fixture.App.CreateBrowserLikeClient(), "/register", "register-practice", Fields("Same Answer Clinic", newEmail));
        var forExisting = await MedicalAppFactory.PostFormAsync(fixture.App.CreateBrowserLikeClient(), "/register", "register-practice", Fields("Same Answer Clinic", "owner@demo.test"));

        Assert.Equal(forNew.StatusCode, forExisting.StatusCode);
        // Only what differs between any two responses is set aside: attribute values (antiforgery tokens, the script
        // nonce) and Data Protection payloads ("CfDJ8…", e.g. component markers), which are new for every response.
        string Normalise(string html, string email) => System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html.Replace(email, "EMAIL", StringComparison.Ordinal), "(value|nonce)=\"[^\"]*\"", "$1=\"\""),
            "CfDJ8[A-Za-z0-9_\\-+/=]+", "PROTECTED");
        Assert.Equal(Normalise(await MedicalAppFactory.TextAsync(forNew), newEmail), Normalise(await MedicalAppFactory.TextAsync(forExisting), "owner@demo.test"));
        Assert.DoesNotContain("already exists", await MedicalAppFactory.TextAsync(forExisting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_errors_are_shown_next_to_their_fields()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var posted = await MedicalAppFactory.PostFormAsync(client, "/register", "register-practice", new Dictionary<string, string>
        {
            ["Input.PracticeName"] = "OK Clinic",
            ["Input.PracticePhone"] = "12345",
            ["Input.PracticeAddress"] = "Somewhere",
            ["Input.OwnerName"] = "A Person",
            ["Input.OwnerEmail"] = "owner@demo.test",
            ["Input.OwnerPhone"] = "9876543210",
            ["Input.Password"] = "a perfectly fine passphrase",
            ["Input.ConfirmPassword"] = "a perfectly fine passphrase",
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var text = await MedicalAppFactory.TextAsync(posted);
        Assert.Contains("10-digit Indian mobile number", text, StringComparison.Ordinal);
    }
}
