using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Platform;

/// <summary>
/// The platform console's actions on both databases, through the platform path: each writes its history row into the
/// practice it names (and no other), each is audited in the platform trail and in that practice's own trail (saved with
/// the action), and each is refused to anyone but a platform admin.
/// </summary>
public abstract class PlatformPracticeServiceTests(PlansDatabaseFixture fixture)
{
    private TestDatabase Db => fixture.Db;

    private DateTime Now => fixture.Clock.GetUtcNow().UtcDateTime;

    /// <summary>The console's service as <paramref name="admin"/> uses it, signed in at the root.</summary>
    private PlatformPracticeService NewService(TestMember admin) =>
        Db.AtRoot(admin, fixture.Clock).Get<PlatformPracticeService>();

    [Fact]
    public async Task The_list_shows_each_practices_usage_counted_like_the_limit_check()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Basic);
        await PlanTestData.AddLocationsAsync(practiceId, 2);
        await PlanTestData.AddLocationsAsync(practiceId, 1, active: false);
        await PlanTestData.AddDoctorsAsync(practiceId, 3);
        await PlanTestData.AddDoctorsAsync(practiceId, 1, membershipActive: false);
        await PlanTestData.AddFileAsync(Db, practiceId, 1500);
        await PlanTestData.AddFileAsync(Db, practiceId, 500);
        var slug = practiceId.Slug;

        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var item = Assert.Single(await NewService(admin).ListAsync(slug));

        Assert.Equal((practiceId, 3, 2, 3, 2000L), (item.Id, item.ActiveMembers, item.ActiveLocations, item.ActiveDoctors, item.StorageBytes));
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner); // the practice's own page is read by its owner
        var practiceSide = await practiceId.As(owner, fixture.Clock).Get<SubscriptionService>().GetUsageAsync();
        var details = await NewService(admin).GetAsync(practiceId);
        Assert.NotNull(details);
        Assert.Equal(practiceSide.Usage, details.Usage);
        Assert.Equal((4, 5), (details.ActiveMembers, details.TotalMembers)); // with the owner added above
    }

    [Fact]
    public async Task A_plan_change_lands_in_the_named_practice_only_and_is_a_platform_audit_event()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practiceA = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(3));
        var practiceB = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(3));
        var directory = Db.AtRoot(null).Get<MedicalApp.Web.Tenancy.PracticeDirectory>();
        var slugA = practiceA.Slug;
        Assert.Equal(PracticePlan.Trial, (await directory.FindBySlugAsync(slugA))!.Plan);

        var result = await NewService(admin).ChangePlanAsync(practiceA, PracticePlan.Premium, null, "Signed the annual contract");

        Assert.True(result.Succeeded, result.Message);
        var practice = await practiceA.TenantAsync();
        Assert.Equal((PracticePlan.Premium, 10, (int?)null), (practice.Plan, practice.Limits.MaxClinicLocations!.Value, practice.Limits.MaxPatients));
        Assert.Null(practice.TrialEndsAtUtc);
        Assert.Equal(PracticePlan.Premium, (await directory.FindBySlugAsync(slugA))!.Plan);

        await using (var asA = Db.CreateContext(practiceA))
        {
            var row = await asA.SubscriptionChanges.SingleAsync();
            Assert.Equal((practiceA, PracticePlan.Trial, PracticePlan.Premium, true, "Signed the annual contract", admin.UserId),
                (row.TenantId, row.FromPlan, row.ToPlan, row.ByPlatform, row.Reason, row.ChangedByUserId!.Value));
        }

        await using (var asB = Db.CreateContext(practiceB))
        {
            Assert.Empty(await asB.SubscriptionChanges.ToListAsync());
        }

        await AssertPlatformAuditAsync(practiceA, AuditActions.PlanChanged, admin);
        Assert.Equal(PracticePlan.Trial, (await practiceB.TenantAsync()).Plan);
    }

    [Fact]
    public async Task Enterprise_takes_custom_limits_that_may_not_be_negative_or_below_usage()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Premium);
        await PlanTestData.AddLocationsAsync(practiceId, 4);
        var service = NewService(admin);

        var toEnterprise = await service.ChangePlanAsync(practiceId, PracticePlan.Enterprise,
            new PlanLimits { MaxClinicLocations = 25, MaxDoctors = null, MaxPatients = 50_000, MaxStorageBytes = null }, "Hospital group");
        Assert.True(toEnterprise.Succeeded, toEnterprise.Message);
        var practice = await practiceId.TenantAsync();
        Assert.Equal((PracticePlan.Enterprise, 25, (int?)null, 50_000, (long?)null),
            (practice.Plan, practice.Limits.MaxClinicLocations!.Value, practice.Limits.MaxDoctors, practice.Limits.MaxPatients!.Value, practice.Limits.MaxStorageBytes));

        var negative = await service.SetLimitsAsync(practiceId, new PlanLimits { MaxDoctors = -1 }, "Typo");
        Assert.False(negative.Succeeded);
        Assert.NotNull(negative.ErrorFor(nameof(PlanLimits.MaxDoctors)));

        var belowUsage = await service.SetLimitsAsync(practiceId, new PlanLimits { MaxClinicLocations = 3 }, "Shrink");
        Assert.False(belowUsage.Succeeded);
        Assert.Equal(new[] { "You use 4 clinic locations; the new limit allows 3." }, belowUsage.Reasons);
        Assert.Equal(25, (await practiceId.TenantAsync()).Limits.MaxClinicLocations);

        var saved = await service.SetLimitsAsync(practiceId, new PlanLimits { MaxClinicLocations = 6, MaxDoctors = 40 }, "Agreed new terms");
        Assert.True(saved.Succeeded, saved.Message);
        practice = await practiceId.TenantAsync();
        Assert.Equal((6, 40, (int?)null), (practice.Limits.MaxClinicLocations!.Value, practice.Limits.MaxDoctors!.Value, practice.Limits.MaxPatients));

        var history = (await service.GetAsync(practiceId))!.History;
        Assert.Equal(2, history.Count);
        Assert.Equal("Limits set: 6 clinic locations, 40 doctors, unlimited patients, unlimited storage", history[0].Description);
        Assert.StartsWith("Upgraded to Enterprise", history[1].Description, StringComparison.Ordinal);
        await AssertPlatformAuditAsync(practiceId, AuditActions.PlanLimitsChanged, admin);

        var customForBasic = await service.ChangePlanAsync(practiceId, PracticePlan.Basic, new PlanLimits(), "Custom basic");
        Assert.NotNull(customForBasic.ErrorFor("Plan"));
    }

    [Fact]
    public async Task Limits_can_only_be_set_for_Enterprise_and_a_downgrade_must_fit()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Premium);
        await PlanTestData.AddLocationsAsync(practiceId, 4);
        var service = NewService(admin);

        var limits = await service.SetLimitsAsync(practiceId, new PlanLimits { MaxClinicLocations = 50 }, "Wrong plan");
        var downgrade = await service.ChangePlanAsync(practiceId, PracticePlan.Basic, null, "Stopped paying");

        Assert.False(limits.Succeeded);
        Assert.Contains("Enterprise", limits.Message, StringComparison.Ordinal);
        Assert.False(downgrade.Succeeded);
        Assert.Equal(new[] { "You use 4 clinic locations; Basic allows 3." }, downgrade.Reasons);
        var practice = await practiceId.TenantAsync();
        Assert.Equal($"{practice.Name} cannot move to Basic: You use 4 clinic locations; Basic allows 3.", downgrade.Summary());
        Assert.Equal(PracticePlan.Premium, practice.Plan);
        Assert.Empty((await service.GetAsync(practiceId))!.History);
        // Refused actions leave nothing in either trail.
        await using var db = Db.CreateContext(null, MedicalApp.Data.DatabaseRole.Platform);
        Assert.Empty(await db.PlatformAuditEvents.Where(e => e.TenantId == practiceId).ToListAsync());
        await using var practiceDb = Db.CreateContext(practiceId);
        Assert.Empty(await practiceDb.AuditEvents.ToListAsync());
    }

    [Fact]
    public async Task A_trial_is_extended_through_the_chosen_day_in_the_practices_time_zone()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(-1)); // already ended: read-only
        var service = NewService(admin);
        var today = DateOnly.FromDateTime(MedicalApp.Data.Tenancy.PracticeTime.ToLocal(Now, Practice.DefaultTimeZoneId));

        var past = await service.ExtendTrialAsync(practiceId, today.AddDays(-1), "Too late");
        var noReason = await service.ExtendTrialAsync(practiceId, today.AddDays(10), "  ");
        Assert.NotNull(past.ErrorFor("LastTrialDay"));
        Assert.NotNull(noReason.ErrorFor("Reason"));

        var lastDay = today.AddDays(10);
        var extended = await service.ExtendTrialAsync(practiceId, lastDay, "Evaluating with their second clinic");

        Assert.True(extended.Succeeded, extended.Message);
        var practice = await practiceId.TenantAsync();
        // Asia/Kolkata is UTC+5:30: the trial runs until local midnight after the last day.
        Assert.Equal(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-5.5), practice.TrialEndsAtUtc);
        Assert.False(await practiceId.As(null, fixture.Clock).Get<SubscriptionService>().IsReadOnlyAsync());
        var entry = Assert.Single((await service.GetAsync(practiceId))!.History);
        Assert.Equal($"Trial extended to {lastDay:dd MMM yyyy}", entry.Description);
        Assert.True(entry.ByPlatform);
        await AssertPlatformAuditAsync(practiceId, AuditActions.TrialExtended, admin);

        var shorter = await service.ExtendTrialAsync(practiceId, lastDay.AddDays(-2), "Shorter");
        Assert.NotNull(shorter.ErrorFor("LastTrialDay"));

        var paid = await fixture.CreatePracticeAsync(PracticePlan.Basic);
        var notATrial = await service.ExtendTrialAsync(paid, lastDay, "Not a trial");
        Assert.False(notATrial.Succeeded);
        Assert.Null((await paid.TenantAsync()).TrialEndsAtUtc);
    }

    [Fact]
    public async Task Suspension_and_reactivation_need_a_reason_and_are_audited()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Basic);
        var directory = Db.AtRoot(null).Get<MedicalApp.Web.Tenancy.PracticeDirectory>();
        var slug = practiceId.Slug;
        Assert.Equal(PracticeStatus.Active, (await directory.FindBySlugAsync(slug))!.Status);
        var service = NewService(admin);

        var withoutReason = await service.SuspendAsync(practiceId, null);
        Assert.False(withoutReason.Succeeded);
        Assert.NotNull(withoutReason.ErrorFor("Reason"));
        Assert.Equal(PracticeStatus.Active, (await practiceId.TenantAsync()).Status);

        Assert.True((await service.SuspendAsync(practiceId, "Reported for misuse")).Succeeded);
        var suspended = await practiceId.TenantAsync();
        Assert.Equal((PracticeStatus.Suspended, "Reported for misuse"), (suspended.Status, suspended.StatusReason));
        Assert.Equal(PracticeStatus.Suspended, (await directory.FindBySlugAsync(slug))!.Status); // cache dropped at once
        Assert.False((await service.SuspendAsync(practiceId, "Again")).Succeeded);
        await AssertPlatformAuditAsync(practiceId, AuditActions.PracticeSuspended, admin);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await service.ReactivateAsync(practiceId, "Cleared after review")).Succeeded);
        var active = await practiceId.TenantAsync();
        Assert.Equal((PracticeStatus.Active, (string?)null), (active.Status, active.StatusReason));
        Assert.Equal(PracticeStatus.Active, (await directory.FindBySlugAsync(slug))!.Status);
        await AssertPlatformAuditAsync(practiceId, AuditActions.PracticeReactivated, admin);

        var details = await service.GetAsync(practiceId);
        Assert.Equal(
            new[] { AuditActions.PracticeReactivated, AuditActions.PracticeSuspended },
            details!.PlatformActions.Select(a => a.Action));
        Assert.Empty(details.History); // suspension is not a subscription change
    }

    [Fact]
    public async Task The_console_shows_the_real_trial_end_after_extension_and_suspension_and_a_paid_until_kept_by_suspension()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(3));
        var service = NewService(admin);
        var today = DateOnly.FromDateTime(MedicalApp.Data.Tenancy.PracticeTime.ToLocal(Now, "Asia/Kolkata"));
        var lastDay = today.AddDays(20);

        Assert.True((await service.ExtendTrialAsync(practiceId, lastDay, "Evaluating")).Succeeded);
        Assert.True((await service.SuspendAsync(practiceId, "Paused at their request")).Succeeded);

        // The list and the details name the same last day, in the practice's calendar, also while suspended.
        var item = Assert.Single(await service.ListAsync(practiceId.Slug));
        Assert.Equal((lastDay, (DateOnly?)null), (item.TrialLastDay!.Value, item.PaidUntilDay));
        var details = (await service.GetAsync(practiceId))!;
        Assert.Equal(lastDay, MedicalApp.Data.Plans.TrialPeriod.LastDay(details.TrialEndsAtUtc!.Value, details.TimeZoneId));

        // Trial → Basic starts a paid month through the same day next month; suspension and reactivation keep it.
        Assert.True((await service.ReactivateAsync(practiceId, "Back")).Succeeded);
        Assert.True((await service.ChangePlanAsync(practiceId, PracticePlan.Basic, null, "Paid by bank transfer")).Succeeded);
        var paidThrough = today.AddMonths(1);
        Assert.Equal(paidThrough, (await service.ListAsync(practiceId.Slug)).Single().PaidUntilDay);
        Assert.True((await service.SuspendAsync(practiceId, "Cheque bounced")).Succeeded);
        details = (await service.GetAsync(practiceId))!;
        Assert.Equal((PracticePlan.Basic, (DateTime?)null), (details.Plan, details.TrialEndsAtUtc));
        Assert.Equal(paidThrough, MedicalApp.Data.Plans.TrialPeriod.LastDay(details.PaidUntilUtc!.Value, details.TimeZoneId));

        // A move between paid plans keeps a running period.
        Assert.True((await service.ReactivateAsync(practiceId, "Paid")).Succeeded);
        Assert.True((await service.ChangePlanAsync(practiceId, PracticePlan.Premium, null, "Second clinic")).Succeeded);
        Assert.Equal(paidThrough, (await service.ListAsync(practiceId.Slug)).Single().PaidUntilDay);
    }

    [Fact]
    public async Task Someone_who_is_not_a_platform_admin_is_refused_every_action()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, Now.AddDays(2));
        var owner = await practiceId.AddMemberAsync(PracticeRoles.Owner);
        var notAdmin = owner with { PracticeId = null }; // an account signed in at the root that is not a platform admin
        var service = NewService(notAdmin);

        var outcomes = new[]
        {
            await service.ChangePlanAsync(practiceId, PracticePlan.Premium, null, "Free upgrade"),
            await service.ExtendTrialAsync(practiceId, DateOnly.FromDateTime(Now).AddDays(60), "More trial"),
            await service.SuspendAsync(practiceId, "Prank"),
        };

        Assert.All(outcomes, o => Assert.Equal((ChangeOutcome.Forbidden, PlatformPracticeService.AdminsOnlyMessage), (o.Outcome, o.Message)));
        var practice = await practiceId.TenantAsync();
        Assert.Equal((PracticePlan.Trial, PracticeStatus.Active), (practice.Plan, practice.Status));
        await using var db = Db.CreateContext(null, MedicalApp.Data.DatabaseRole.Platform);
        Assert.Empty(await db.PlatformAuditEvents.Where(e => e.TenantId == practiceId).ToListAsync());
        await using var practiceDb = Db.CreateContext(practiceId);
        Assert.Empty(await practiceDb.AuditEvents.ToListAsync());
    }

    [Fact]
    public async Task An_unknown_practice_is_refused_and_has_no_details()
    {
        var admin = await PlanTestData.CreatePlatformAdminAsync(Db);
        var service = NewService(admin);
        Assert.Null(await service.GetAsync(Guid.CreateVersion7()));
        var unknown = await service.SuspendAsync(Guid.CreateVersion7(), "Gone");
        Assert.Equal((ChangeOutcome.NotFound, "There is no such practice."), (unknown.Outcome, unknown.Message));
    }

    /// <summary>The action is in the platform trail and, so the practice can see what the platform team did, in its own.</summary>
    private async Task AssertPlatformAuditAsync(Guid practiceId, string action, TestMember admin)
    {
        await using var db = Db.CreateContext(null, MedicalApp.Data.DatabaseRole.Platform);
        var audited = Assert.Single(await db.PlatformAuditEvents.Where(e => e.TenantId == practiceId && e.Action == action).ToListAsync());
        Assert.Equal((admin.UserId, admin.Email), (audited.UserId!.Value, audited.UserEmail));
        Assert.Contains("Reason:", audited.Details, StringComparison.Ordinal);
        await using var practiceDb = Db.CreateContext(practiceId);
        var inPractice = Assert.Single(await practiceDb.AuditEvents.Where(e => e.Action == action).ToListAsync());
        Assert.Equal((admin.UserId, admin.Email, practiceId.ToString()), (inPractice.UserId!.Value, inPractice.UserEmail, inPractice.EntityId));
        Assert.StartsWith("By the MedicalApp platform team: ", inPractice.Details, StringComparison.Ordinal);
        Assert.EndsWith(audited.Details![audited.Details!.IndexOf("Reason:", StringComparison.Ordinal)..], inPractice.Details, StringComparison.Ordinal);
        Assert.Equal(audited.OccurredAtUtc, inPractice.OccurredAtUtc);
    }
}

public sealed class SqlitePlatformPracticeServiceTests(SqlitePlansFixture fixture)
    : PlatformPracticeServiceTests(fixture), IClassFixture<SqlitePlansFixture>;

public sealed class PostgresPlatformPracticeServiceTests(PostgresPlansFixture fixture)
    : PlatformPracticeServiceTests(fixture), IClassFixture<PostgresPlansFixture>;
