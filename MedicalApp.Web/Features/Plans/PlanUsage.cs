using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;

namespace MedicalApp.Web.Features.Plans;

/// <summary>One limit of a practice as the usage page shows it: used / allowed, where <c>null</c> allowed is unlimited.</summary>
public sealed record LimitUsage(LimitedResource Resource, long Used, long? Allowed)
{
    /// <summary>The share of the limit in use at which the page warns.</summary>
    public const int WarningPercent = 80;

    public string Label => PlanLimitService.Label(Resource);

    public bool IsUnlimited => Allowed is null;

    /// <summary>0–100 for the bar; a limit of 0 counts as full (there is no room at all).</summary>
    public double Percent => Allowed switch
    {
        null => 0,
        <= 0 => 100,
        { } allowed => Math.Min(100, Used * 100d / allowed),
    };

    /// <summary>
    /// Warns about a limit the practice is growing into: at 80 % of an allowance of two or more. An allowance of one
    /// (the trial's single clinic location) is full from the first day by design, and "100 % used" there alarmed
    /// every new practice about the one thing it was meant to have; going above it still shows as exceeded.
    /// </summary>
    public bool IsWarning => Allowed is { } allowed && !(allowed == 1 && Resource != LimitedResource.StorageBytes) && Percent >= WarningPercent;

    /// <summary>An allowance of exactly one, in use: full as the plan intends (no warning, see <see cref="IsWarning"/>).</summary>
    public bool IsFullByDesign => Allowed == 1 && Used == 1 && Resource != LimitedResource.StorageBytes;

    public bool IsExceeded => Allowed is { } allowed && Used > allowed;

    public string UsedText => PlanLimitService.Amount(Resource, Used);

    public string AllowedText => Allowed is { } allowed ? PlanLimitService.Amount(Resource, allowed) : "unlimited";
}

/// <summary>One row of the subscription history, newest first on the pages.</summary>
public sealed record SubscriptionHistoryEntry(
    Guid Id,
    DateTime ChangedAtUtc,
    PracticePlan FromPlan,
    PracticePlan ToPlan,
    string Description,
    string? Reason,
    string? ChangedByEmail,
    bool ByPlatform);

/// <summary>The practice's plan, trial and usage, as the Plan and usage page shows them.</summary>
public sealed record PracticeUsage(
    PlanDefinition Plan,
    PlanLimits Limits,
    DateTime? TrialEndsAtUtc,
    DateTime? TrialEndsLocal,
    int? TrialDaysLeft,
    bool IsReadOnly,
    string TimeZoneId,
    IReadOnlyList<LimitUsage> Usage,
    IReadOnlyList<SubscriptionHistoryEntry> History)
{
    public LimitUsage For(LimitedResource resource) => Usage.Single(l => l.Resource == resource);
}

/// <summary>The rule shared by owners and the platform: limits may not drop below what the practice already uses.</summary>
public static class PlanFit
{
    /// <summary>One sentence per limit the usage exceeds: "You use 4 clinic locations; Basic allows 3."</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<LimitUsage> usage, PlanLimits limits, string planName)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(limits);
        return usage
            .Select(u => (u.Resource, u.Used, Limit: PlanLimitService.LimitOf(limits, u.Resource)))
            .Where(u => u.Limit is { } limit && u.Used > limit)
            .Select(u => $"You use {PlanLimitService.Describe(u.Resource, u.Used)}; {planName} allows {PlanLimitService.Amount(u.Resource, u.Limit!.Value)}.")
            .ToList();
    }
}

/// <summary>How plans read on the usage page and the platform console (the landing page words them the same way).</summary>
public static class PlanText
{
    public static string Price(PlanDefinition plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.MonthlyPriceInr switch
        {
            null => "On request",
            0 => $"Free · {PlanCatalog.TrialDays} days",
            var price => $"₹{price:N0} / month",
        };
    }

    /// <summary>"Up to 3 clinic locations", "Unlimited patients", "10 GB storage".</summary>
    public static IReadOnlyList<string> Limits(PlanLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        static string Count(int? max, string one, string many) => max switch
        {
            null => $"Unlimited {many}",
            1 => $"1 {one}",
            var n => $"Up to {n:N0} {many}",
        };

        return
        [
            Count(limits.MaxClinicLocations, "clinic location", "clinic locations"),
            Count(limits.MaxDoctors, "doctor", "doctors"),
            Count(limits.MaxPatients, "patient", "patients"),
            limits.MaxStorageBytes is { } bytes ? $"{PlanLimitService.FormatBytes(bytes)} storage" : "Unlimited storage",
        ];
    }
}
