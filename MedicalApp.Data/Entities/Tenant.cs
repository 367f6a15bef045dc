namespace MedicalApp.Data.Entities;

/// <summary>
/// A practice: the unit of isolation. Global (not tenant-owned): the resolver reads it before any practice is known.
/// </summary>
public class Tenant
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Unique address of the practice: <c>{slug}.{RootDomain}</c> or <c>/t/{slug}</c>.</summary>
    public string Slug { get; set; } = "";

    public PracticePlan Plan { get; set; }

    public PracticeStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public DateTime? TrialEndsAtUtc { get; set; }

    public PlanLimits Limits { get; set; } = new();

    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    public PracticeSettings Settings { get; set; } = new();

    public DateTime CreatedAtUtc { get; set; }

    public const string DefaultTimeZoneId = "Asia/Kolkata";
}
