using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Home;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Plans;

/// <summary>
/// The practice's own side of its subscription: usage against the plan's limits, the trial, the history, and the
/// owner's plan changes (upgrade at once, downgrade only when current usage fits). Works inside the scope's practice.
/// </summary>
public sealed class SubscriptionService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    PracticeDirectory directory,
    TimeProvider clock)
{
    /// <summary>Raised after this scope (circuit) changed the plan, so the read-only banner can disappear at once.</summary>
    public event Action? PlanChanged;

    public async Task<PracticeUsage> GetUsageAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPlan, cancellationToken: cancellationToken);
        var practiceId = db.RequirePracticeId();
        var practice = await db.Practices.AsNoTracking().SingleAsync(t => t.Id == practiceId, cancellationToken);
        var usage = await CountUsageAsync(db, practice.Limits, cancellationToken);
        var history = await db.SubscriptionChanges.AsNoTracking()
            .OrderByDescending(c => c.ChangedAtUtc).ThenByDescending(c => c.Id)
            .Select(c => new SubscriptionHistoryEntry(c.Id, c.ChangedAtUtc, c.FromPlan, c.ToPlan, c.Description, c.Reason, c.ChangedByEmail, c.ByPlatform))
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var onTrial = practice.Plan == PracticePlan.Trial ? practice.TrialEndsAtUtc : null;
        return new PracticeUsage(
            PlanCatalog.For(practice.Plan),
            practice.Limits,
            onTrial,
            onTrial is { } ends ? PracticeTime.ToLocal(ends, practice.TimeZoneId) : null,
            TrialPeriod.DaysLeft(practice.Plan, practice.TrialEndsAtUtc, practice.TimeZoneId, now),
            PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, now),
            practice.TimeZoneId,
            usage,
            history);
    }

    /// <summary>True when the practice's trial has ended without a paid plan (the same rule SaveChanges enforces).</summary>
    public async Task<bool> IsReadOnlyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.CurrentTenantId is not { } practiceId)
        {
            return false;
        }

        var practice = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => new { t.Plan, t.TrialEndsAtUtc }).SingleOrDefaultAsync(cancellationToken);
        return practice is not null && PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, clock.GetUtcNow().UtcDateTime);
    }

    public const string OwnerOnlyMessage = "Only the practice owner can change the plan.";

    // Choosing a plan is how a practice whose trial has ended continues, so it is allowed while read-only.
    private static readonly ChangeRule ChoosePlan = new(PracticePermission.ChangePlan, OwnerOnlyMessage) { AllowedWhenReadOnly = true };

    /// <summary>
    /// The owner moves the practice to another plan. An upgrade applies at once; a downgrade is refused, with one reason
    /// per limit, while usage exceeds the lower plan. Checked and applied under the practice row lock that every
    /// limited creation takes, so a doctor or location added meanwhile cannot slip past a downgrade.
    /// </summary>
    public Task<ChangeResult> ChangePlanAsync(PracticePlan newPlan, CancellationToken cancellationToken = default)
    {
        var target = PlanCatalog.For(newPlan);
        return changes.RunAsync(ChoosePlan, async change =>
        {
            if (newPlan == PracticePlan.Trial)
            {
                return ChangeResult.Refused("The free trial cannot be chosen again. Choose Basic or Premium to continue.");
            }

            if (newPlan == PracticePlan.Enterprise)
            {
                return ChangeResult.Refused(
                    "Enterprise is arranged on request, with limits made for your practice. Contact the MedicalApp platform team to set it up.");
            }

            var db = change.Db;
            var practiceId = db.RequirePracticeId();
            var practice = await db.Practices.SingleAsync(t => t.Id == practiceId, cancellationToken);
            var from = practice.Plan;
            if (from == newPlan)
            {
                return ChangeResult.Refused($"The practice is already on the {target.Name} plan.");
            }

            var upgrade = IsUpgrade(from, newPlan);
            if (!upgrade)
            {
                var problems = PlanFit.Problems(await CountUsageAsync(db, target.CreateLimits(), cancellationToken), target.CreateLimits(), target.Name);
                if (problems.Count > 0)
                {
                    return ChangeResult.Refused(
                        $"The practice cannot move to {target.Name} yet. Deactivate what is no longer needed, then try again.", problems);
                }
            }

            practice.Plan = newPlan;
            practice.Limits = target.CreateLimits();
            practice.TrialEndsAtUtc = null; // a paid plan has no trial left to run out
            var paidPeriodStarted = PaidPeriod.StartIfNoneRuns(practice, change.NowUtc);
            var description = $"{(upgrade ? "Upgraded" : "Downgraded")} to {target.Name}" + PaidPeriod.Described(paidPeriodStarted, practice);
            db.SubscriptionChanges.Add(new SubscriptionChange
            {
                FromPlan = from,
                ToPlan = newPlan,
                Description = description,
                ChangedByUserId = change.Actor.UserId,
                ChangedByEmail = change.Actor.Email,
                ByPlatform = false,
                ChangedAtUtc = change.NowUtc,
            });
            change.Audit(AuditActions.PlanChanged, nameof(Practice), practiceId, $"{description} (from {PlanCatalog.For(from).Name}).");
            change.AfterCommit(() =>
            {
                directory.Invalidate(practice.Slug); // the cached snapshot carries the plan and the trial end
                PlanChanged?.Invoke();
            });
            return ChangeResult.Done($"The practice is now on the {target.Name} plan.");
        }, cancellationToken);
    }

    /// <summary>Plans are ordered by what they allow: Trial, Basic, Premium, Enterprise.</summary>
    public static bool IsUpgrade(PracticePlan from, PracticePlan to) => to > from;

    /// <summary>Each limited resource of the practice in scope, counted as the limit check counts it.</summary>
    private static async Task<IReadOnlyList<LimitUsage>> CountUsageAsync(MedicalDbContext db, PlanLimits limits, CancellationToken cancellationToken)
    {
        var usage = new List<LimitUsage>();
        foreach (var resource in Enum.GetValues<LimitedResource>())
        {
            usage.Add(new LimitUsage(resource, await PlanLimitService.CountAsync(db, resource, cancellationToken), PlanLimitService.LimitOf(limits, resource)));
        }

        return usage;
    }
}
