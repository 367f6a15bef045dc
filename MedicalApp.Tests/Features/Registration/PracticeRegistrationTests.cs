using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
        RegistrationNumber = "tnmc 56789",
        Specialization = "Ophthalmology",
        Qualification = "MBBS, MS",
        ExperienceYears = 12,
    };

    [Fact]
    public async Task A_practice_with_punctuation_in_its_name_registers_with_owner_doctor_location_and_trial()
    {
        var email = $"rao-{Guid.NewGuid():N}@clinic.test";
        var result = await Service.RegisterAsync(Form(email), "203.0.113.7");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        Assert.StartsWith("dr-raos-eye-dental-care-chennai", result.Slug, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        var practice = await platform.Tenants.SingleAsync(t => t.Slug == result.Slug);
        Assert.Equal(PracticePlan.Trial, practice.Plan);
        Assert.Equal(5, practice.Limits.MaxDoctors);
        Assert.Equal(1, practice.Limits.MaxClinicLocations);
        Assert.InRange((practice.TrialEndsAtUtc!.Value - DateTime.UtcNow).TotalDays, 29.9, 30.1);
        Assert.Equal("9840012345", practice.Phone);

        var membership = await app.InPracticeAsync(result.Slug!, db => db.TenantMemberships.Include(m => m.User).Include(m => m.DoctorProfile!.Locations).SingleAsync());
        Assert.Equal(PracticeRoles.Owner | PracticeRoles.Doctor, membership.Roles);
        Assert.Equal(email, membership.User!.Email);
        Assert.Equal("TNMC 56789", membership.DoctorProfile!.RegistrationNumber);
        Assert.Equal(["Ophthalmology"], membership.DoctorProfile.Specializations);
        Assert.Equal("MBBS, MS", membership.DoctorProfile.Qualification);
        Assert.Equal(12, membership.DoctorProfile.ExperienceYears);
        var location = await app.InPracticeAsync(result.Slug!, db => db.ClinicLocations.SingleAsync());
        Assert.True(location.IsRegisteredLocation);
        Assert.Equal(location.Id, Assert.Single(membership.DoctorProfile.Locations).ClinicLocationId);
        Assert.Single(await app.InPracticeAsync(result.Slug!, db => db.SubscriptionChanges.ToListAsync()));
    }

    [Fact]
    public async Task The_same_name_twice_gets_a_suffixed_address()
    {
        var name = "Sunshine Kids Clinic " + Guid.NewGuid().ToString("N")[..6];
        var first = await Service.RegisterAsync(Form($"a-{Guid.NewGuid():N}@clinic.test", name, practises: false), null);
        var second = await Service.RegisterAsync(Form($"b-{Guid.NewGuid():N}@clinic.test", name, practises: false), null);
        Assert.Equal(first.Slug + "-2", second.Slug);
    }

    [Fact]
    public async Task An_email_that_already_has_an_account_is_refused_and_nothing_is_created()
    {
        var before = await CountPracticesAsync();
        var result = await Service.RegisterAsync(Form("owner@demo.test"), null);
        Assert.False(result.Succeeded);
        Assert.Contains("already exists", result.Errors[nameof(PracticeRegistrationForm.OwnerEmail)], StringComparison.Ordinal);
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
        Assert.Contains(message, result.Errors[nameof(PracticeRegistrationForm.Password)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("5987654321")]
    [InlineData("+1 987 654 3210")]
    [InlineData("98765 4321")]
    public async Task A_bad_indian_phone_number_is_refused(string phone)
    {
        var form = Form($"phone-{Guid.NewGuid():N}@clinic.test");
        form.PracticePhone = phone;
        var result = await Service.RegisterAsync(form, null);
        Assert.Contains("10-digit Indian mobile number", result.Errors[nameof(PracticeRegistrationForm.PracticePhone)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_each_get_their_own_message()
    {
        var result = await Service.RegisterAsync(new PracticeRegistrationForm { AlsoPractises = true }, null);
        foreach (var field in new[] { "PracticeName", "PracticePhone", "PracticeAddress", "OwnerName", "OwnerEmail", "OwnerPhone", "Password", "RegistrationNumber", "Specialization" })
        {
            Assert.True(result.Errors.ContainsKey(field), $"no message for {field}");
        }
    }

    [Theory]
    [InlineData("practice")]
    [InlineData("owner")]
    [InlineData("membership")]
    public async Task A_failure_half_way_leaves_nothing_behind(string failingStep)
    {
        var email = $"half-{Guid.NewGuid():N}@clinic.test";
        var name = "Half Way Clinic " + Guid.NewGuid().ToString("N")[..6];
        Service.FailAfterStep = step => { if (step == failingStep) { throw new InvalidOperationException("injected failure"); } };
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => Service.RegisterAsync(Form(email, name), null));
        }
        finally
        {
            Service.FailAfterStep = null;
        }

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        Assert.False(await platform.Tenants.AnyAsync(t => t.Name == name));
        Assert.False(await platform.ClinicLocations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).AnyAsync(l => l.Name == name));
    }

    private async Task<int> CountPracticesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await platform.Tenants.CountAsync();
    }
}

public sealed class SqlitePracticeRegistrationTests(SqliteAppFixture fixture)
    : PracticeRegistrationTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPracticeRegistrationTests(PostgresAppFixture fixture)
    : PracticeRegistrationTests(fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>The registration page over HTTP: the owner lands signed in on the new practice's own address.</summary>
public sealed class RegistrationPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Registering_lands_the_owner_signed_in_on_the_practice_address_with_a_one_time_link()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var name = "Green Valley Clinic " + Guid.NewGuid().ToString("N")[..4];
        var posted = await MedicalAppFactory.PostFormAsync(client, "/register", "register-practice", new Dictionary<string, string>
        {
            ["Input.PracticeName"] = name,
            ["Input.PracticePhone"] = "9876543210",
            ["Input.PracticeAddress"] = "2 Hill Road, Ooty",
            ["Input.OwnerName"] = "Priya Nair",
            ["Input.OwnerEmail"] = $"priya-{Guid.NewGuid():N}@greenvalley.test",
            ["Input.OwnerPhone"] = "+919876500000",
            ["Input.Password"] = "nilgiri hills in may",
            ["Input.ConfirmPassword"] = "nilgiri hills in may",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var handOver = MedicalAppFactory.RedirectTarget(posted)!;
        Assert.Matches("^/t/green-valley-clinic-[a-z0-9]{4}/Account/CompleteRegistration\\?user=", handOver);

        var completed = await client.GetAsync(handOver);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var home = await client.GetAsync(MedicalAppFactory.RedirectTarget(completed));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var text = await MedicalAppFactory.TextAsync(home);
        Assert.Contains("Welcome, Priya Nair.", text, StringComparison.Ordinal);
        Assert.Contains(name, text, StringComparison.Ordinal);

        // The link works once: replayed elsewhere it signs nobody in.
        var replay = await fixture.App.CreateBrowserLikeClient().GetAsync(handOver);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("This link has expired", await MedicalAppFactory.TextAsync(replay), StringComparison.Ordinal);
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
