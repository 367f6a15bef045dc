using MedicalApp.Data;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Audit;

public sealed record AuditLogFilter(string? Action, string? UserEmail, DateOnly? From, DateOnly? To);

/// <summary>
/// One entry as recorded, and in people's words: <see cref="UserName"/> is the member's name (only for members of this
/// practice, never another practice's profile) and <see cref="RecordName"/> names the record ("Patient · Ravi Kumar").
/// </summary>
public sealed record AuditLogRow(DateTime OccurredAtUtc, string? UserEmail, string Action, string? EntityType, string? EntityId, string? IpAddress, string? Details,
    Guid? UserId = null, string? UserName = null, string? RecordName = null)
{
    public string ActionText => AuditActions.Describe(Action);

    /// <summary>Who, as a person reads it: the member's name, else the address the entry recorded.</summary>
    public string Who => AuditNames.Who(UserName, UserEmail);
}

public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, int TotalCount);

/// <summary>One person's part in a record's history: how often they viewed it, changed it, and when.</summary>
public sealed record RecordAccessPerson(Guid? UserId, string? UserEmail, int Views, int OtherActions, DateTime FirstUtc, DateTime LastUtc, string? UserName = null)
{
    public string Who => AuditNames.Who(UserName, UserEmail);
}

/// <summary>
/// Who accessed one record: a line per person (most recent first) and the events themselves, newest first, the most
/// recent <see cref="AuditLogService.MaxRecordEvents"/> of them (<see cref="Truncated"/> says there were more).
/// </summary>
/// <summary>Records that belong to the one a report is about, all of one type (a patient's appointments).</summary>
public sealed record RelatedRecords(string EntityType, IReadOnlyCollection<string> EntityIds);

public sealed record RecordAccessReport(IReadOnlyList<RecordAccessPerson> People, IReadOnlyList<AuditLogRow> Events, bool Truncated);

/// <summary>Reads the practice's audit trail for administrators, newest first (checked against the database each time).</summary>
public sealed class AuditLogService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors)
{
    public const int MaxPageSize = 100;

    public const int MaxRecordEvents = 500;

    public async Task<AuditLogPage> SearchAsync(AuditLogFilter filter, int pageIndex, int pageSize, TimeZoneInfo practiceTimeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewAuditLog, cancellationToken: cancellationToken);
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
            .Select(e => new AuditLogRow(e.OccurredAtUtc, e.UserEmail, e.Action, e.EntityType, e.EntityId, e.IpAddress, e.Details, e.UserId, null, null))
            .ToListAsync(cancellationToken);
        return new AuditLogPage(await AuditNames.InPeoplesWordsAsync(db, rows, cancellationToken), total);
    }

    /// <summary>
    /// The "who accessed this record" report: every audit event about one record (<paramref name="entityType"/> and
    /// <paramref name="entityId"/> as recorded) and about the records that belong to it (<paramref name="related"/>,
    /// e.g. a patient's appointments), with <paramref name="viewActions"/> counted as views (opening the record, or a
    /// prescription of it) and everything else (registered, changed, booked …) as other actions. Through the
    /// (TenantId, EntityType, EntityId) index.
    /// </summary>
    public async Task<RecordAccessReport> RecordAccessAsync(
        string entityType, string entityId, IReadOnlyCollection<string> viewActions, RelatedRecords? related = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewActions);
        var views = viewActions.ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatientAccessReport, cancellationToken: cancellationToken);
        var relatedType = related?.EntityType;
        var relatedIds = related?.EntityIds.ToList() ?? [];
        var events = db.AuditEvents.AsNoTracking().Where(e => (e.EntityType == entityType && e.EntityId == entityId)
            || (e.EntityType == relatedType && relatedIds.Contains(e.EntityId!)));
        // One line per account (an email that changed meanwhile is shown as one of its addresses).
        var people = await events
            .GroupBy(e => e.UserId)
            .Select(g => new RecordAccessPerson(g.Key, g.Max(e => e.UserEmail), g.Count(e => views.Contains(e.Action)), g.Count(e => !views.Contains(e.Action)),
                g.Min(e => e.OccurredAtUtc), g.Max(e => e.OccurredAtUtc)))
            .ToListAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Take(MaxRecordEvents + 1)
            .Select(e => new AuditLogRow(e.OccurredAtUtc, e.UserEmail, e.Action, e.EntityType, e.EntityId, e.IpAddress, e.Details, e.UserId, null, null))
            .ToListAsync(cancellationToken);
        var names = await AuditNames.MemberNamesAsync(db, people.Select(p => p.UserId), cancellationToken);
        return new RecordAccessReport(
            [.. people.OrderByDescending(p => p.LastUtc).Select(p => p with { UserName = p.UserId is { } id ? names.GetValueOrDefault(id) : null })],
            await AuditNames.InPeoplesWordsAsync(db, [.. rows.Take(MaxRecordEvents)], cancellationToken), rows.Count > MaxRecordEvents);
    }
}
