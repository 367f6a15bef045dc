using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>A migrated database of one provider for the subscription tests; each test makes its own practices.</summary>
public abstract class PlansDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = default!;

    /// <summary>Shared by the class's tests: they only ever move it forward, and each practice's trial is set relative to it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 6, 30, 0, TimeSpan.Zero));

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync() => Db = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    public Task<TestPractice> CreatePracticeAsync(PracticePlan plan, DateTime? trialEndsAtUtc = null) =>
        Db.CreatePracticeAsync("p-" + Guid.NewGuid().ToString("N")[..12], plan, trialEndsAtUtc, clock: Clock);
}

public sealed class SqlitePlansFixture : PlansDatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite, clock: Clock);
}

public sealed class PostgresPlansFixture(PostgresServer server) : PlansDatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server, clock: Clock);
}

/// <summary>The owner's side of plans on both databases: usage, upgrade at once, downgrade only when usage fits.</summary>
public abstract class SubscriptionServiceTests(PlansDatabaseFixture fixture)
{
    private TestDatabase Db => fixture.Db;

    private DateTime Now => fixture.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task An_upgrade_applies_at_once_with_the_new_limits_a_history_row_and_no_trial_end()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(10));
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor);
        var directory = Db.AtRoot(null).Get<MedicalApp.Web.Tenancy.PracticeDirectory>();
        var slug = practiceId.Slug;
        Assert.Equal(PracticePlan.Trial, (await directory.FindBySlugAsync(slug))!.Plan); // cached before the change
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();
        var raised = 0;
        service.PlanChanged += () => raised++;

        var result = await service.ChangePlanAsync(PracticePlan.Basic);

        Assert.True(result.Succeeded, result.Message);
        var practice = await practiceId.TenantAsync();
        Assert.Equal(PracticePlan.Basic, practice.Plan);
        Assert.Equal(3, practice.Limits.MaxClinicLocations);
        Assert.Equal(20, practice.Limits.MaxDoctors);
        Assert.Equal(10_000, practice.Limits.MaxPatients);
        Assert.Equal(10L * 1024 * 1024 * 1024, practice.Limits.MaxStorageBytes);
        Assert.Null(practice.TrialEndsAtUtc);

        var usage = await service.GetUsageAsync();
        var entry = Assert.Single(usage.History);
        // The console's rule: a move onto a paid plan with no paid period running starts one month, through the same day next month.
        Assert.Equal(new DateOnly(2026, 12, 20), TrialPeriod.LastDay(practice.PaidUntilUtc!.Value, practice.TimeZoneId));
        Assert.Equal((PracticePlan.Trial, PracticePlan.Basic, "Upgraded to Basic; paid through 20 Dec 2026", false, owner.UserId),
            (entry.FromPlan, entry.ToPlan, entry.Description, entry.ByPlatform, (await HistoryRowAsync(practiceId, entry.Id)).ChangedByUserId!.Value));
        Assert.Equal(owner.Email, entry.ChangedByEmail);
        Assert.Equal(PracticePlan.Basic, usage.Plan.Plan);
        Assert.Null(usage.TrialDaysLeft);

        await using var db = Db.CreateContext(practiceId);
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == AuditActions.PlanChanged && e.UserId == owner.UserId && e.EntityId == practiceId.ToString());
        Assert.Equal(PracticePlan.Basic, (await directory.FindBySlugAsync(slug))!.Plan);
        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task A_downgrade_is_refused_with_one_reason_per_limit_that_usage_exceeds()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Premium);
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner);
        await PlanTestData.AddLocationsAsync(practiceId, 4);
        await PlanTestData.AddLocationsAsync(practiceId, 2, active: false); // closed locations do not count
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();

        var result = await service.ChangePlanAsync(PracticePlan.Basic);

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Equal(new[] { "You use 4 clinic locations; Basic allows 3." }, result.Reasons);
        Assert.Equal("The practice cannot move to Basic yet. Deactivate what is no longer needed, then try again. You use 4 clinic locations; Basic allows 3.",
            result.Summary());
        var practice = await practiceId.TenantAsync();
        Assert.Equal(PracticePlan.Premium, practice.Plan);
        Assert.Equal(10, practice.Limits.MaxClinicLocations);
        Assert.Empty((await service.GetUsageAsync()).History);
        await using var db = Db.CreateContext(practiceId);
        Assert.DoesNotContain(await db.AuditEvents.ToListAsync(), e => e.Action == AuditActions.PlanChanged); // the trail says only what happened
    }

    [Fact]
    public async Task A_downgrade_that_fits_current_usage_is_applied()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Premium);
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner);
        await PlanTestData.AddLocationsAsync(practiceId, 3);
        await PlanTestData.AddDoctorsAsync(practiceId, 2);
        var paidUntil = fixture.Clock.GetUtcNow().UtcDateTime.AddDays(10);
        await practiceId.UpdateAsync(t => t.PaidUntilUtc = paidUntil);
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();

        var result = await service.ChangePlanAsync(PracticePlan.Basic);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(paidUntil, (await practiceId.TenantAsync()).PaidUntilUtc); // a running paid period is kept, as by the console
        var practice = await practiceId.TenantAsync();
        Assert.Equal(PracticePlan.Basic, practice.Plan);
        Assert.Equal(3, practice.Limits.MaxClinicLocations);
        var entry = Assert.Single((await service.GetUsageAsync()).History);
        Assert.Equal("Downgraded to Basic", entry.Description);
        Assert.Equal(PracticePlan.Premium, entry.FromPlan);
    }

    [Theory]
    [InlineData(PracticeRoles.Admin)]
    [InlineData(PracticeRoles.Doctor | PracticeRoles.Receptionist)]
    public async Task Only_the_owner_can_change_the_plan(PracticeRoles roles)
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(5));
        var member = await practiceId.AddMemberAsync(roles);
        var service = practiceId.As(member, fixture.Clock).Get<SubscriptionService>();

        var result = await service.ChangePlanAsync(PracticePlan.Premium);

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.Equal("Only the practice owner can change the plan.", result.Message);
        Assert.Equal(PracticePlan.Trial, (await practiceId.TenantAsync()).Plan);
    }

    [Fact]
    public async Task The_owner_of_another_practice_cannot_change_this_practices_plan()
    {
        var practiceA = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(5));
        var practiceB = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(5));
        var ownerOfA = await practiceA.AddMemberAsync(PracticeRoles.Owner);
        await PlanTestData.AddLocationsAsync(practiceA, 1);
        var ownerOfB = await practiceB.AddMemberAsync(PracticeRoles.Owner);
        Assert.True((await practiceA.As(ownerOfA, fixture.Clock).Get<SubscriptionService>().ChangePlanAsync(PracticePlan.Basic)).Succeeded);

        // A's owner acting at B's address (as if B's page carried A's account) is not B's owner.
        var result = await practiceB.As(ownerOfA, fixture.Clock).Get<SubscriptionService>().ChangePlanAsync(PracticePlan.Premium);
        var serviceOfB = practiceB.As(ownerOfB, fixture.Clock).Get<SubscriptionService>();

        Assert.False(result.Succeeded);
        Assert.Equal(PracticePlan.Trial, (await practiceB.TenantAsync()).Plan);
        var usageOfB = await serviceOfB.GetUsageAsync();
        Assert.Empty(usageOfB.History); // A's upgrade is not in B's history
        Assert.Equal(0, usageOfB.For(LimitedResource.ClinicLocations).Used); // nor A's location in B's usage
        Assert.Equal(PracticePlan.Basic, (await practiceA.TenantAsync()).Plan);
    }

    [Fact]
    public async Task Owners_cannot_choose_Enterprise_or_the_trial_themselves()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Basic);
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner);
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();

        var enterprise = await service.ChangePlanAsync(PracticePlan.Enterprise);
        var trial = await service.ChangePlanAsync(PracticePlan.Trial);
        var same = await service.ChangePlanAsync(PracticePlan.Basic);

        Assert.False(enterprise.Succeeded);
        Assert.Contains("Contact the MedicalApp platform team", enterprise.Message, StringComparison.Ordinal);
        Assert.False(trial.Succeeded);
        Assert.Contains("cannot be chosen again", trial.Message, StringComparison.Ordinal);
        Assert.False(same.Succeeded);
        Assert.Equal(PracticePlan.Basic, (await practiceId.TenantAsync()).Plan);
        Assert.Empty((await service.GetUsageAsync()).History);
    }

    [Fact]
    public async Task Usage_counts_active_resources_against_the_plan_and_warns_at_80_percent()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(3).AddHours(2));
        await PlanTestData.AddDoctorsAsync(practiceId, 4);
        await PlanTestData.AddDoctorsAsync(practiceId, 2, membershipActive: false); // deactivated members do not count
        await PlanTestData.AddFileAsync(Db, practiceId, 5 * 1024 * 1024);
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner);
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();

        var usage = await service.GetUsageAsync();

        var doctors = usage.For(LimitedResource.Doctors);
        Assert.Equal((4L, 5L, 80d, true, false), (doctors.Used, doctors.Allowed!.Value, doctors.Percent, doctors.IsWarning, doctors.IsExceeded));
        var locations = usage.For(LimitedResource.ClinicLocations);
        Assert.Equal((0L, 1L, false), (locations.Used, locations.Allowed!.Value, locations.IsWarning));
        var storage = usage.For(LimitedResource.StorageBytes);
        Assert.Equal(5L * 1024 * 1024, storage.Used);
        Assert.Equal("5 MB / 1 GB", $"{storage.UsedText} / {storage.AllowedText}");
        Assert.Equal(PracticePlan.Trial, usage.Plan.Plan);
        Assert.Equal(3, usage.TrialDaysLeft);
        Assert.False(usage.IsReadOnly);
        Assert.Equal(PracticeTime(Now.AddDays(3).AddHours(2)), usage.TrialEndsLocal);
    }

    [Fact]
    public async Task Unlimited_limits_show_as_unlimited_and_never_warn()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Enterprise);
        await PlanTestData.AddLocationsAsync(practiceId, 12);
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner);
        var service = practiceId.As(owner, fixture.Clock).Get<SubscriptionService>();

        var usage = await service.GetUsageAsync();

        var locations = usage.For(LimitedResource.ClinicLocations);
        Assert.Equal((12L, true, false, false), (locations.Used, locations.IsUnlimited, locations.IsWarning, locations.IsExceeded));
        Assert.Equal("12 / unlimited", $"{locations.UsedText} / {locations.AllowedText}");
        Assert.Null(usage.TrialEndsLocal);
        Assert.Equal("On request", PlanText.Price(usage.Plan));
    }

    private async Task<SubscriptionChange> HistoryRowAsync(Guid practiceId, Guid id)
    {
        await using var db = Db.CreateContext(practiceId);
        return await db.SubscriptionChanges.SingleAsync(c => c.Id == id);
    }

    private static DateTime PracticeTime(DateTime utc) => MedicalApp.Data.Tenancy.PracticeTime.ToLocal(utc, Practice.DefaultTimeZoneId);
}

public sealed class SqliteSubscriptionServiceTests(SqlitePlansFixture fixture)
    : SubscriptionServiceTests(fixture), IClassFixture<SqlitePlansFixture>;

public sealed class PostgresSubscriptionServiceTests(PostgresPlansFixture fixture)
    : SubscriptionServiceTests(fixture), IClassFixture<PostgresPlansFixture>;
