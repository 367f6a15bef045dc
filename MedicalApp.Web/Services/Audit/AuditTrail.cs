using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Services.Audit;

/// <summary>What happened, by whom, to which record, from which address.</summary>
public sealed record AuditEntry(
    string Action,
    Guid? UserId,
    string? UserEmail,
    string? EntityType = null,
    string? EntityId = null,
    string? IpAddress = null,
    string? Details = null);

/// <summary>
/// Writes audit events: into the practice's own trail when the scope has a practice, into the platform trail
/// otherwise (the root sign-in of platform admins, the platform console). Only ever inserts.
/// An entry without an address gets the scope's <see cref="ClientAddress"/> (the page's or the request's).
/// </summary>
public sealed class AuditTrail(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PlatformDbContextFactory platformContextFactory,
    CurrentTenant currentTenant,
    TimeProvider clock,
    ClientAddress? clientAddress = null)
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry = entry.IpAddress is null && clientAddress?.Value is { } address ? entry with { IpAddress = address } : entry;
        var now = clock.GetUtcNow().UtcDateTime;
        if (currentTenant.IsSet)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            db.AuditEvents.Add(new AuditEvent
            {
                UserId = entry.UserId,
                UserEmail = Truncate(entry.UserEmail, 256),
                Action = entry.Action,
                EntityType = entry.EntityType,
                EntityId = entry.EntityId,
                IpAddress = entry.IpAddress,
                Details = Truncate(entry.Details, 2000),
                OccurredAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var platformDb = platformContextFactory.CreateDbContext();
        platformDb.PlatformAuditEvents.Add(new PlatformAuditEvent
        {
            UserId = entry.UserId,
            UserEmail = Truncate(entry.UserEmail, 256),
            Action = entry.Action,
            TenantId = Guid.TryParse(entry.EntityId, out var tenantId) && entry.EntityType == nameof(Practice) ? tenantId : null,
            IpAddress = entry.IpAddress,
            Details = Truncate(entry.Details, 2000),
            OccurredAtUtc = now,
        });
        await platformDb.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;
}
