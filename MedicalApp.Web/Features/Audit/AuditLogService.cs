using MedicalApp.Data;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Audit;

public sealed record AuditLogFilter(string? Action, string? UserEmail, DateOnly? From, DateOnly? To);

public sealed record AuditLogRow(DateTime OccurredAtUtc, string? UserEmail, string Action, string? EntityType, string? EntityId, string? IpAddress, string? Details);

public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, int TotalCount);

/// <summary>Reads the practice's audit trail for administrators, newest first.</summary>
public sealed class AuditLogService(IDbContextFactory<MedicalDbContext> contextFactory)
{
    public const int MaxPageSize = 100;

    public async Task<AuditLogPage> SearchAsync(AuditLogFilter filter, int pageIndex, int pageSize, TimeZoneInfo practiceTimeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.UserEmail))
        {
            var email = filter.UserEmail.Trim().ToUpperInvariant();
            query = query.Where(e => e.UserEmail != null && e.UserEmail.ToUpper().Contains(email));
        }

        // Dates are the practice's calendar days, converted to UTC bounds.
        if (filter.From is { } from)
        {
            var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), practiceTimeZone);
            query = query.Where(e => e.OccurredAtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), practiceTimeZone);
            query = query.Where(e => e.OccurredAtUtc < toUtc);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Skip(pageIndex * pageSize).Take(pageSize)
            .Select(e => new AuditLogRow(e.OccurredAtUtc, e.UserEmail, e.Action, e.EntityType, e.EntityId, e.IpAddress, e.Details))
            .ToListAsync(cancellationToken);
        return new AuditLogPage(rows, total);
    }
}
