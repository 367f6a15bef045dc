using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Patients;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Audit;

/// <summary>
/// The audit log in people's words, on both databases: members by name, actions as sentences, records by what people
/// call them, and never the profile of an account that is not a member of this practice (issue #9).
/// </summary>
public abstract class AuditNamesTests(PatientFixture fixture)
{
    [Fact]
    public async Task Entries_name_the_member_the_action_and_the_record_but_not_an_outsider()
    {
        var mobile = $"98{Random.Shared.Next(10_000_000, 99_999_999)}";
        var registered = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(
            PatientFixture.Person("Anita", "D’Souza", mobile), []);
        Assert.True(registered.Succeeded, string.Join("; ", registered.AllMessages()));
        // Someone typed a member of practice B's address at A's sign-in page: A's log keeps the address, not B's profile.
        await using (var db = fixture.Db.CreateContext(fixture.PracticeA))
        {
            db.AuditEvents.Add(new AuditEvent
            {
                UserId = fixture.OwnerB.UserId, UserEmail = fixture.OwnerB.Email, Action = AuditActions.SignInFailed,
                OccurredAtUtc = DateTime.UtcNow.AddMinutes(1),
            });
            await db.SaveChangesAsync();
        }

        var ownerName = await NameOfAsync(fixture.OwnerA);
        var outsiderName = await NameOfAsync(fixture.OwnerB);
        var log = fixture.PracticeA.As(fixture.OwnerA).Get<AuditLogService>();
        var rows = (await log.SearchAsync(new AuditLogFilter(null, null, null, null), 0, 100, TimeZoneInfo.Utc)).Rows;

        var registration = rows.First(r => r.Action == AuditActions.PatientRegistered && r.UserId == fixture.OwnerA.UserId);
        Assert.Equal(ownerName, registration.Who);
        Assert.Equal("Registered a patient", registration.ActionText);
        Assert.Equal("Patient · Anita D’Souza", registration.RecordName);
        var outsider = rows.Single(r => r.UserId == fixture.OwnerB.UserId);
        Assert.Null(outsider.UserName);
        Assert.Equal(fixture.OwnerB.Email, outsider.Who);
        Assert.DoesNotContain(rows, r => r.Who == outsiderName || r.RecordName?.Contains(outsiderName, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Every_action_reads_as_a_sentence()
    {
        foreach (var action in AuditActions.All.Append(AuditActions.PlanLimitsChanged).Append(AuditActions.PracticeSuspended))
        {
            var sentence = AuditActions.Describe(action);
            Assert.Contains(' ', sentence);
            Assert.NotEqual(action, sentence);
        }

        Assert.Equal("Opened the access report", AuditActions.Describe(AuditActions.PatientAccessReportViewed));
        Assert.Equal("Some retired action", AuditActions.Describe("SomeRetiredAction"));
    }

    private async Task<string> NameOfAsync(TestMember member)
    {
        await using var db = fixture.Db.CreateContext(member.PracticeId!.Value);
        return await db.Users.Where(u => u.Id == member.UserId).Select(u => u.FullName).SingleAsync();
    }
}

public sealed class SqliteAuditNamesTests(SqlitePatientFixture fixture) : AuditNamesTests(fixture), IClassFixture<SqlitePatientFixture>;

public sealed class PostgresAuditNamesTests(PostgresPatientFixture fixture) : AuditNamesTests(fixture), IClassFixture<PostgresPatientFixture>;
