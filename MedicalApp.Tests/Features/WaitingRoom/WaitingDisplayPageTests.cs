using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.WaitingRoom;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.WaitingRoom;

/// <summary>
/// The waiting-room display over HTTP (the first, prerendered GET), signed out as a TV is: the right key shows tokens
/// (names only when switched on); a wrong key, a replaced key, another practice's key or no practice at all is a 404
/// that shows nothing of the practice.
/// </summary>
public sealed class WaitingDisplayPageTests(FixedClockAppFixture fixture) : IClassFixture<FixedClockAppFixture>
{
    private const string PracticeName = "Demo Family Clinic";

    private FixedClockAppFactory App => fixture.App;

    [Fact]
    public async Task The_right_key_shows_todays_tokens_without_names_until_names_are_switched_on()
    {
        var key = await NewKeyAsync("demo");
        await CheckInWalkInAsync("Ishaan", "Quintero");
        var client = App.CreateBrowserLikeClient();

        var tokensOnly = await client.GetAsync($"/t/demo/display/{key}");
        var tokensHtml = await MedicalAppFactory.TextAsync(tokensOnly);
        await SetNamesAsync(true);
        var withNames = await MedicalAppFactory.TextAsync(await client.GetAsync($"/t/demo/display/{key}"));
        await SetNamesAsync(false);

        Assert.Equal(HttpStatusCode.OK, tokensOnly.StatusCode);
        Assert.Contains(PracticeName, tokensHtml, StringComparison.Ordinal);
        Assert.Contains("data-doctor=\"Vikram Iyer\"", tokensHtml, StringComparison.Ordinal);
        Assert.Contains("T-01", tokensHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Ishaan", tokensHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Quintero", tokensHtml, StringComparison.Ordinal);
        // No navigation of the signed-in app.
        Assert.DoesNotContain("data-testid=\"drawer\"", tokensHtml, StringComparison.Ordinal);
        Assert.Contains("Ishaan Q.", withNames, StringComparison.Ordinal);
        Assert.DoesNotContain("Quintero", withNames, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_a_replaced_key_another_practices_key_and_no_practice_are_not_found()
    {
        var old = await NewKeyAsync("demo");
        var current = await NewKeyAsync("demo");
        var (otherSlug, _) = await App.RegisterPracticeAsync("Display Other Clinic");
        var otherKey = await NewKeyAsync(otherSlug);
        var client = App.CreateBrowserLikeClient();

        var responses = new[]
        {
            await client.GetAsync($"/t/demo/display/{WaitingDisplayKeys.NewKey()}"),
            await client.GetAsync("/t/demo/display/not-a-key"),
            await client.GetAsync($"/t/demo/display/{old}"),
            await client.GetAsync($"/t/demo/display/{otherKey}"),
            await client.GetAsync($"/display/{current}"),
        };

        foreach (var response in responses)
        {
            var html = await MedicalAppFactory.TextAsync(response);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(PracticeName, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Display Other Clinic", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Vikram", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/t/demo/display/{current}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/t/{otherSlug}/display/{otherKey}")).StatusCode);
    }

    [Fact]
    public async Task Only_administrators_make_the_link_and_only_its_hash_is_kept()
    {
        var reception = await UserAsync("reception@demo.test");

        var refused = await App.WithPracticeServicesAsync("demo", reception, s => s.GetRequiredService<WaitingDisplayService>().CreateLinkAsync());
        var key = await NewKeyAsync("demo");
        var stored = await App.InPracticeAsync("demo", db => Task.FromResult(db.Practices.Where(p => p.Slug == "demo").Select(p => p.Settings.WaitingDisplayKeyHash).Single()));

        Assert.Equal(MedicalApp.Web.Services.Changes.ChangeOutcome.Forbidden, refused.Outcome);
        Assert.Equal(WaitingDisplayKeys.Hash(key), stored);
        Assert.DoesNotContain(key, stored!, StringComparison.Ordinal);
        Assert.Equal(64, stored!.Length);
    }

    private async Task<string> NewKeyAsync(string slug)
    {
        var owner = await App.InPracticeAsync(slug, db => Task.FromResult(db.PracticeMemberships
            .Where(m => (m.Roles & PracticeRoles.Owner) != 0).Select(m => m.UserId).First()));
        var made = await App.WithPracticeServicesAsync(slug, owner, s => s.GetRequiredService<WaitingDisplayService>().CreateLinkAsync());
        Assert.True(made.Succeeded, made.Message);
        return made.Value!;
    }

    private async Task SetNamesAsync(bool on)
    {
        var owner = await UserAsync("owner@demo.test");
        var result = await App.WithPracticeServicesAsync("demo", owner, s => s.GetRequiredService<WaitingDisplayService>().SetShowsNamesAsync(on));
        Assert.True(result.Succeeded, result.Message);
    }

    private Task<Guid> UserAsync(string email) => App.InPracticeAsync("demo", db => Task.FromResult(db.PracticeMemberships
        .Where(m => m.User!.Email == email).Select(m => m.UserId).Single()));

    private async Task CheckInWalkInAsync(string first, string last)
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(App);
        var reception = await UserAsync("reception@demo.test");
        var patient = await App.InPracticeAsync("demo", async db =>
        {
            var added = new Patient
            {
                FirstName = first, LastName = last, FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} {last}".ToLowerInvariant(),
                Mobile = TestPractice.NewMobile(), IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Male,
                DateOfBirth = new DateOnly(1990, 1, 1), IsActive = true, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var walkIn = await App.WithPracticeServicesAsync("demo", reception, async services =>
        {
            var options = await services.GetRequiredService<AppointmentQueries>().BookingOptionsAsync();
            var annaNagar = options.Locations.Single(l => l.Name.EndsWith("Anna Nagar", StringComparison.Ordinal)).Id;
            return await services.GetRequiredService<WalkInQueueService>().AddWalkInAsync(patient, vikram, annaNagar);
        });
        Assert.True(walkIn.Succeeded, walkIn.Message);
    }
}
