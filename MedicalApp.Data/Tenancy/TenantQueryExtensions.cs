using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedicalApp.Data.Tenancy;

public static class TenantQueryExtensions
{
    /// <summary>
    /// <c>Find</c> for a <c>(TenantId, Id)</c> key, always in the current practice. Plain <c>Find(id)</c> cannot work
    /// with a composite key, and <c>Find(tenantId, id)</c> with a caller-supplied practice could return another
    /// practice's row already tracked by the context.
    /// </summary>
    public static ValueTask<T?> FindInTenantAsync<T>(this DbSet<T> set, Guid id, CancellationToken cancellationToken = default)
        where T : class, ITenantOwned
    {
        ArgumentNullException.ThrowIfNull(set);
        var context = (MedicalDbContext)set.GetService<ICurrentDbContext>().Context;
        return set.FindAsync([context.RequirePracticeId(), id], cancellationToken);
    }

    /// <summary>
    /// The practice this context works in, for code that only makes sense inside one (a practice-less context here is
    /// a programming error, not a user's mistake).
    /// </summary>
    public static Guid RequirePracticeId(this MedicalDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CurrentTenantId ?? throw new InvalidOperationException("This runs inside a practice, and no practice is set.");
    }
}
