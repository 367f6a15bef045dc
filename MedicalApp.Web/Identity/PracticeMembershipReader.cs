using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Reads a user's roles in the current practice from the database. Asked on every request and on every page
/// navigation inside a circuit, never cached, so a deactivation or role change applies at once.
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

        var membership = await db.TenantMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .Select(m => new { m.Roles })
            .SingleOrDefaultAsync(cancellationToken);
        return membership?.Roles;
    }
}
