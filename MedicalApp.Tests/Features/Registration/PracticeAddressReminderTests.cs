using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Registration;

/// <summary>
/// "I forgot my practice's address" on both databases: one mail to a member listing each of their practices' sign-in
/// addresses, nothing to an unknown email, and the same answer for both.
/// </summary>
public abstract class PracticeAddressReminderTests(MedicalAppFactory app)
{
    private PracticeAddressReminderService Service => app.Services.GetRequiredService<PracticeAddressReminderService>();

    [Fact]
    public async Task A_member_of_two_practices_gets_one_mail_with_both_addresses_and_not_a_practice_they_left()
    {
        var (first, owner) = await app.RegisterPracticeAsync("Reminder One " + Guid.NewGuid().ToString("N")[..6]);
        var (second, _) = await app.RegisterPracticeAsync("Reminder Two " + Guid.NewGuid().ToString("N")[..6]);
        var (left, _) = await app.RegisterPracticeAsync("Reminder Left " + Guid.NewGuid().ToString("N")[..6]);
        await app.InPracticeAsync(second, db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = owner.Id, Roles = PracticeRoles.Doctor, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await app.InPracticeAsync(left, db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = owner.Id, Roles = PracticeRoles.Doctor, IsActive = false, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        var result = await Service.SendAsync(new PracticeAddressReminderForm { Email = "  " + owner.Email!.ToUpperInvariant() + " " });

        Assert.True(result.Succeeded, result.Message);
        var (mail, body) = Assert.Single(await app.PlatformMailsToAsync(owner.Email!), m => m.Email.Purpose == PracticeAddressReminderService.Purpose);
        Assert.Equal("Your practice's address on MedicalApp", mail.Subject);
        Assert.Contains($"http://localhost:5000/t/{first}/Account/Login", body, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:5000/t/{second}/Account/Login", body, StringComparison.Ordinal);
        Assert.DoesNotContain(left, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_gets_no_mail_and_the_same_answer_and_a_malformed_one_is_told_next_to_the_field()
    {
        var unknown = $"nobody-{Guid.NewGuid():N}@nowhere.test";

        var result = await Service.SendAsync(new PracticeAddressReminderForm { Email = unknown });

        Assert.True(result.Succeeded);
        Assert.Empty(await app.PlatformMailsToAsync(unknown));
        var malformed = await Service.SendAsync(new PracticeAddressReminderForm { Email = "not-an-email" });
        Assert.Equal("Enter a valid email address.", malformed.FieldErrors[nameof(PracticeAddressReminderForm.Email)]);
    }
}

public sealed class SqlitePracticeAddressReminderTests(SqliteAppFixture fixture)
    : PracticeAddressReminderTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPracticeAddressReminderTests(PostgresAppFixture fixture)
    : PracticeAddressReminderTests(fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>The page over HTTP: the answer is the same, word for word, for a member's email and an unknown one.</summary>
public sealed class ForgotPracticeAddressPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task The_page_answers_alike_for_a_member_and_a_stranger()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var (_, owner) = await fixture.App.RegisterPracticeAsync("Reminder Page " + Guid.NewGuid().ToString("N")[..6]);
        var stranger = $"stranger-{Guid.NewGuid():N}@nowhere.test";

        async Task<string> AnswerAsync(string email)
        {
            var posted = await MedicalAppFactory.PostFormAsync(client, "/forgot-address", "forgot-address", new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var text = await MedicalAppFactory.TextAsync(posted);
            var start = text.IndexOf("data-testid=\"forgot-address-sent\"", StringComparison.Ordinal);
            Assert.True(start > 0, text);
            return text[start..text.IndexOf("</div>", start, StringComparison.Ordinal)].Replace(email, "EMAIL", StringComparison.Ordinal);
        }

        Assert.Equal(await AnswerAsync(owner.Email!), await AnswerAsync(stranger));
        Assert.Single(await fixture.App.PlatformMailsToAsync(owner.Email!), m => m.Email.Purpose == PracticeAddressReminderService.Purpose);
        Assert.Empty(await fixture.App.PlatformMailsToAsync(stranger));
    }
}
