using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Platform;

/// <summary>
/// Who acts in the platform console, as the database says inside the operation: the signed-in account of the root
/// while it holds the platform admin role (not merely the page's policy, checked when the page opened). Every platform
/// service reads it this way, so a role taken away counts at the next action.
/// </summary>
public sealed class PlatformAdministrators(SignedInUser signedIn, ClientAddress clientAddress)
{
    /// <summary>The acting platform administrator, or null when the signed-in account is none (any more).</summary>
    public async Task<PlatformActor?> ReadAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (signedIn.Id is not { } userId)
        {
            return null;
        }

        var admin = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == PlatformRoles.PlatformAdmin)))
            .Select(u => new { u.Email })
            .SingleOrDefaultAsync(cancellationToken);
        return admin is null ? null : new PlatformActor(userId, admin.Email, clientAddress.Value);
    }
}
