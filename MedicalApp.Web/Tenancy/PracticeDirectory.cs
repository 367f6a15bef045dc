using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MedicalApp.Web.Tenancy;

/// <summary>
/// Looks practices up by slug or id for the resolver. Every request (static files included) passes through the
/// resolver, so answers are cached briefly; code that changes a practice's slug or status calls <see cref="Invalidate"/>.
/// </summary>
public sealed class PracticeDirectory(MedicalDatabase database, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    public async Task<TenantSnapshot?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(("practice-slug", slug), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = database.CreateContext(DatabaseRole.Application, new CurrentTenant());
            var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken);
            return practice is null ? null : TenantSnapshot.From(practice);
        });

    public async Task<TenantSnapshot?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(DatabaseRole.Application, new CurrentTenant());
        var slug = await db.Practices.Where(t => t.Id == id).Select(t => t.Slug).SingleOrDefaultAsync(cancellationToken);
        return slug is null ? null : await FindBySlugAsync(slug, cancellationToken);
    }

    /// <summary>
    /// The current slug of the practice that used to live at <paramref name="formerSlug"/> (its owner moved it), or
    /// null when no practice ever moved away from that address.
    /// </summary>
    public async Task<string?> FindMovedAsync(string formerSlug, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(("practice-moved", formerSlug), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = database.CreateContext(DatabaseRole.Application, new CurrentTenant());
            return await db.FormerPracticeAddresses.AsNoTracking().Where(a => a.Slug == formerSlug)
                .Select(a => a.Practice!.Slug).SingleOrDefaultAsync(cancellationToken);
        });

    public void Invalidate(string slug)
    {
        cache.Remove(("practice-slug", slug));
        cache.Remove(("practice-moved", slug));
    }
}
