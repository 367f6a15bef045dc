using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>One entry of a practice's subscription history: a plan, limit or trial change and who made it.</summary>
public class SubscriptionChange : ITenantOwned, IAllowedWhenReadOnly
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public PracticePlan FromPlan { get; set; }

    public PracticePlan ToPlan { get; set; }

    /// <summary>What changed, in words: "Upgraded to Basic", "Trial extended to 30 Dec 2026".</summary>
    public string Description { get; set; } = "";

    public string? Reason { get; set; }

    public Guid? ChangedByUserId { get; set; }

    public string? ChangedByEmail { get; set; }

    /// <summary>True when the platform made the change, false when the practice's owner did.</summary>
    public bool ByPlatform { get; set; }

    public DateTime ChangedAtUtc { get; set; }
}
