using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Platform;

public sealed record PracticeListItem(
    Guid Id, string Name, string Slug, PracticePlan Plan, PracticeStatus Status, DateTime? TrialEndsAtUtc,
    DateTime CreatedAtUtc, int ActiveMembers, int ActiveLocations);

/// <summary>
/// The platform console's view across practices. It is the one place that reads every practice's rows, so it goes
/// through the platform database path (the BYPASSRLS role on PostgreSQL) and says so with IgnoreQueryFilters.
/// </summary>
public sealed class PlatformPracticeService(PlatformDbContextFactory contextFactory)
{
    public async Task<IReadOnlyList<PracticeListItem>> ListAsync(string? search, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        var practices = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            practices = practices.Where(t => t.Name.ToUpper().Contains(term) || t.Slug.ToUpper().Contains(term));
        }

        var memberships = db.TenantMemberships.IgnoreQueryFilters([MedicalDbContext.TenantFilter]);
        var locations = db.ClinicLocations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]);
        return await practices
            .OrderBy(t => t.Name)
            .Select(t => new PracticeListItem(
                t.Id, t.Name, t.Slug, t.Plan, t.Status, t.TrialEndsAtUtc, t.CreatedAtUtc,
                memberships.Count(m => m.TenantId == t.Id && m.IsActive),
                locations.Count(l => l.TenantId == t.Id && l.IsActive)))
            .ToListAsync(cancellationToken);
    }
}
