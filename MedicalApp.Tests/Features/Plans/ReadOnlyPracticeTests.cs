using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>
/// A trial that runs out leaves the practice read-only, on both databases, judged by a clock the test moves: any write
/// of practice records is refused on the server (even straight through EF), the audit trail and plan changes are not,
/// and an upgrade makes the practice writable again at once.
/// </summary>
public abstract class ReadOnlyPracticeTests(PlansDatabaseFixture fixture)
{
    private TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_trial_that_ends_makes_the_practice_read_only_until_the_owner_upgrades()
    {
        var trialEnds = fixture.Clock.GetUtcNow().UtcDateTime.AddDays(2);
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, trialEnds);
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor);
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();
        await PlanTestData.AddLocationsAsync(practiceId, 1); // writable while the trial runs
        Assert.False(await service.IsReadOnlyAsync());

        fixture.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        Assert.True(await service.IsReadOnlyAsync());
        var usage = await service.GetUsageAsync();
        Assert.True(usage.IsReadOnly);
        Assert.Equal(0, usage.TrialDaysLeft);

        await using (var db = Db.CreateContext(practiceId))
        {
            db.ClinicLocations.Add(PlanTestData.NewLocation());
            var refused = await Assert.ThrowsAsync<PracticeReadOnlyException>(() => db.SaveChangesAsync());
            Assert.Equal(PracticeAccess.ReadOnlyMessage, refused.Message);
        }

        await using (var db = Db.CreateContext(practiceId))
        {
            var location = await db.ClinicLocations.SingleAsync();
            location.Name = "Renamed while read-only";
            await Assert.ThrowsAsync<PracticeReadOnlyException>(() => db.SaveChangesAsync());
        }

        await using (var db = Db.CreateContext(practiceId))
        {
            db.AuditEvents.Add(new AuditEvent { Action = "RecordViewed", UserId = owner.UserId, OccurredAtUtc = fixture.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(); // reading and printing are audited, so the trail stays writable
        }

        var upgrade = await practiceId.As(owner, fixture.Clock).Get<SubscriptionService>().ChangePlanAsync(PracticePlan.Basic);
        Assert.True(upgrade.Succeeded, upgrade.Message);
        Assert.False(await service.IsReadOnlyAsync());

        await using (var db = Db.CreateContext(practiceId))
        {
            db.ClinicLocations.Add(PlanTestData.NewLocation());
            await db.SaveChangesAsync();
            Assert.Equal(2, await db.ClinicLocations.CountAsync());
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "RecordViewed"));
        }
    }

    [Fact]
    public async Task A_trial_with_time_left_is_not_read_only_and_a_paid_plan_never_is()
    {
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var trial = await fixture.CreatePracticeAsync(PracticePlan.Trial, now.AddHours(1));
        var basicWithOldTrialEnd = await fixture.CreatePracticeAsync(PracticePlan.Basic, now.AddDays(-40));

        Assert.False(await trial.As(null, fixture.Clock).Get<SubscriptionService>().IsReadOnlyAsync());
        Assert.False(await basicWithOldTrialEnd.As(null, fixture.Clock).Get<SubscriptionService>().IsReadOnlyAsync());
        await PlanTestData.AddLocationsAsync(basicWithOldTrialEnd, 1);
    }
}

public sealed class SqliteReadOnlyPracticeTests(SqlitePlansFixture fixture)
    : ReadOnlyPracticeTests(fixture), IClassFixture<SqlitePlansFixture>;

public sealed class PostgresReadOnlyPracticeTests(PostgresPlansFixture fixture)
    : ReadOnlyPracticeTests(fixture), IClassFixture<PostgresPlansFixture>;
