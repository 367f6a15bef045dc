namespace MedicalApp.Data.Entities;

/// <summary>
/// A practice: the unit of isolation. Global (not tenant-owned): the resolver reads it before any practice is known.
/// </summary>
public class Practice : IVersioned
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Unique address of the practice: <c>{slug}.{RootDomain}</c> or <c>/t/{slug}</c>.</summary>
    public string Slug { get; set; } = "";

    public PracticePlan Plan { get; set; }

    public PracticeStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public DateTime? TrialEndsAtUtc { get; set; }

    /// <summary>For paid plans: the end of the period paid for. Kept when a trial moves to a paid plan and on suspension.</summary>
    public DateTime? PaidUntilUtc { get; set; }

    public PlanLimits Limits { get; set; } = new();

    /// <summary>The practice's contact phone (10-digit Indian mobile or landline as given at registration).</summary>
    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    public PracticeSettings Settings { get; set; } = new();

    /// <summary>
    /// Set by the owner: members holding the Owner or Admin role must sign in with an authenticator app, and one
    /// without it is sent to set it up before anything else (PRODUCT.md §10).
    /// </summary>
    public bool RequireMfaForAdministrators { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>
    /// Bumped at the start of every write that a plan limit guards. The row lock this takes serializes concurrent
    /// creations in one practice, so two admins adding the last allowed doctor at once cannot both succeed.
    /// </summary>
    public long UsageVersion { get; set; }

    public const string DefaultTimeZoneId = "Asia/Kolkata";
}
