using System.Text;
using MedicalApp.Data;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Registration;

/// <summary>
/// The practices an account is an active member of, for the mails that tell a person where to sign in (registering
/// with an email that has an account, "I forgot my practice's address"). Crossing practices, so read through the
/// platform path like the mail dispatcher; only ever mailed to the account's own address, never shown on a page.
/// </summary>
public static class AccountPractices
{
    public sealed record Entry(string Name, string Slug);

    public static async Task<IReadOnlyList<Entry>> ListAsync(PlatformDbContextFactory platformFactory, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platformFactory);
        await using var platform = platformFactory.CreateDbContext();
        return await platform.PracticeMemberships.IgnoreQueryFilters([MedicalDbContext.TenantFilter])
            .Where(m => m.UserId == userId && m.IsActive)
            .Join(platform.Practices, m => m.TenantId, t => t.Id, (m, t) => new { t.Name, t.Slug })
            .OrderBy(p => p.Name)
            .Select(p => new Entry(p.Name, p.Slug))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The list as the mails word it: each practice with its sign-in address, then how to sign in.</summary>
    public static void AppendTo(StringBuilder body, IReadOnlyList<Entry> practices, PracticeAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(practices);
        ArgumentNullException.ThrowIfNull(addresses);
        if (practices.Count == 0)
        {
            body.Append("The account is not an active member of any practice at the moment. Ask your practice's administrator to add you again.\n");
            return;
        }

        body.Append(practices.Count == 1 ? "Your practice:\n\n" : "Your practices:\n\n");
        foreach (var practice in practices)
        {
            body.Append($"  {practice.Name}\n  sign in at {new Uri(addresses.PublicBaseUrl(practice.Slug), "Account/Login")}\n\n");
        }

        body.Append("Sign in there with your email and password (\"Forgot your password?\" on that page if you need a new one).\n");
    }
}
