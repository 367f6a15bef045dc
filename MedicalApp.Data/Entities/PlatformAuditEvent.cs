namespace MedicalApp.Data.Entities;

/// <summary>
/// Audit entry of the platform console and of sign-ins at the root: actions that belong to no single practice or
/// cross practices. Kept apart from <see cref="AuditEvent"/> so a practice's trail stays under row-level security.
/// </summary>
public class PlatformAuditEvent
{
    public Guid Id { get; set; }

    public Guid? UserId { get; set; }

    public string? UserEmail { get; set; }

    public string Action { get; set; } = "";

    /// <summary>The practice acted upon, if any.</summary>
    public Guid? TenantId { get; set; }

    public string? Details { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    public string? IpAddress { get; set; }
}
