using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Reminders;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Reminders;

/// <summary>
/// The unsubscribe link of reminder emails over HTTP on both databases, as a patient's browser follows it: opening the
/// link only asks (a mail scanner that fetches it changes nothing), the button on that page opts the patient out and is
/// audited; an altered link, and another practice's link at this practice's address, are told plainly and change nothing.
/// </summary>
public abstract partial class ReminderUnsubscribeEndpointTests(MedicalAppFactory app)
{
    [Fact]
    public async Task Opening_the_link_asks_the_button_opts_out_and_a_bad_or_foreign_link_changes_nothing()
    {
        var (demoId, patient) = await app.InPracticeAsync("demo", async db => (db.RequirePracticeId(), await AddPatientAsync(db, "Ravi")));
        var (sunriseId, sunrisePatient) = await app.InPracticeAsync("sunrise", async db => (db.RequirePracticeId(), await AddPatientAsync(db, "Priya")));
        var protection = app.Services.GetRequiredService<ReminderProtection>();
        var token = protection.UnsubscribeToken(demoId, patient);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = new Uri(client.BaseAddress!, "/t/demo/reminders/unsubscribe?token=" + Uri.EscapeDataString(token));

        // Opening the link (what a mail scanner does too) asks and changes nothing.
        using var asked = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await asked.Content.ReadAsStringAsync();
        Assert.Contains("Stop appointment confirmations and reminders from Demo Family Clinic by email and SMS?", question, StringComparison.Ordinal);
        Assert.Null(await OptedOutAtAsync("demo", patient));

        // An altered token, a cut-short one and none at all: said plainly, nothing changed, nothing audited.
        foreach (var bad in new[] { token[..^3] + "abc", token[..(token.Length / 2)], "" })
        {
            using var refused = await PostAsync(client, link, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("This unsubscribe link is not complete or not valid, so your reminders from Demo Family Clinic have not been stopped.",
                await MedicalAppFactory.TextAsync(refused), StringComparison.Ordinal);
        }

        using var badLink = await client.GetAsync(new Uri(client.BaseAddress!, "/t/demo/reminders/unsubscribe?token=" + Uri.EscapeDataString(token[..^3] + "abc")));
        Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);
        Assert.DoesNotContain("<form", await badLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Sunrise's patient's genuine link, brought to demo's address: not demo's, so it stops nothing anywhere.
        var foreign = protection.UnsubscribeToken(sunriseId, sunrisePatient);
        using (var atDemo = await PostAsync(client, link, foreign))
        {
            Assert.Equal(HttpStatusCode.BadRequest, atDemo.StatusCode);
        }

        Assert.Null(await OptedOutAtAsync("demo", patient));
        Assert.Null(await OptedOutAtAsync("sunrise", sunrisePatient));
        Assert.DoesNotContain(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.PatientOptedOutOfReminders && e.EntityId == patient.ToString());

        // The button of the page, posted where the page's form points: the patient is opted out, once, with an audit row.
        var action = new Uri(link, FormAction().Match(question).Groups[1].Value);
        Assert.Equal(link.AbsolutePath, action.AbsolutePath);
        var hiddenToken = WebUtility.HtmlDecode(HiddenToken().Match(question).Groups[1].Value);
        using var stopped = await PostAsync(client, action, hiddenToken);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("You will not receive appointment reminders from Demo Family Clinic any more.", await MedicalAppFactory.TextAsync(stopped), StringComparison.Ordinal);
        var optedOutAt = await OptedOutAtAsync("demo", patient);
        Assert.NotNull(optedOutAt);
        Assert.Single(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.PatientOptedOutOfReminders && e.EntityId == patient.ToString());

        // Pressed again (a second tab, a double click): the same answer, and nothing more is written.
        using var again = await PostAsync(client, action, hiddenToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(optedOutAt, await OptedOutAtAsync("demo", patient));
        Assert.Single(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.PatientOptedOutOfReminders && e.EntityId == patient.ToString());
        Assert.Null(await OptedOutAtAsync("sunrise", sunrisePatient));
    }

    private static async Task<Guid> AddPatientAsync(MedicalApp.Data.MedicalDbContext db, string firstName)
    {
        var patient = new Patient
        {
            FirstName = firstName, LastName = "Unsubscribe", FirstNameKey = firstName.ToLowerInvariant(), SearchName = $"{firstName.ToLowerInvariant()} unsubscribe",
            Mobile = "9840055101", IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Male,
            DateOfBirth = new DateOnly(1980, 5, 6), Email = $"{firstName.ToLowerInvariant()}@example.com", IsActive = true, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    private Task<DateTime?> OptedOutAtAsync(string practice, Guid patient) =>
        app.InPracticeAsync(practice, db => db.Patients.AsNoTracking().Where(p => p.Id == patient).Select(p => p.RemindersOptedOutAtUtc).SingleAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Uri address, string token) =>
        client.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"token\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenToken();
}

public sealed class SqliteReminderUnsubscribeEndpointTests(SqliteAppFixture fixture)
    : ReminderUnsubscribeEndpointTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReminderUnsubscribeEndpointTests(PostgresAppFixture fixture)
    : ReminderUnsubscribeEndpointTests(fixture.App), IClassFixture<PostgresAppFixture>;
