using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// One entry of a practice's audit trail: who did what to which record, when and from where. Append-only: the
/// application never updates or deletes it, and on PostgreSQL a trigger refuses both to every role without BYPASSRLS.
/// </summary>
public class AuditEvent : ITenantOwned, IAllowedWhenReadOnly
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    /// <summary>The acting user; null when the actor is unknown (a failed sign-in with an unknown email).</summary>
    public Guid? UserId { get; set; }

    /// <summary>The email as typed or as it was at the time, kept because users can be renamed or removed.</summary>
    public string? UserEmail { get; set; }

    public string Action { get; set; } = "";

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    public string? IpAddress { get; set; }

    public string? Details { get; set; }
}
