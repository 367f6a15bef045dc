using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Reads whether a user is an active member of the scope's practice (and with which roles) from the database, never
/// cached: when a circuit is bound and when it is revalidated. Pages and services decide through
/// <see cref="PracticeMemberHandler"/> and <see cref="PracticeActors"/>, which read the same rows.
/// </summary>
public sealed class PracticeMembershipReader(IDbContextFactory<MedicalDbContext> contextFactory)
{
    /// <summary>The roles of an active membership, or null when the user is not an active member.</summary>
    public async Task<PracticeRoles?> GetActiveRolesAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.CurrentTenantId is null)
        {
            return null;
        }

        var membership = await db.PracticeMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .Select(m => new { m.Roles })
            .SingleOrDefaultAsync(cancellationToken);
        return membership?.Roles;
    }
}
