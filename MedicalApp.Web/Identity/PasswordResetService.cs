using System.Text;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Identity;

/// <summary>
/// "Forgot your password?" at a practice's address: an active member of that practice gets an emailed link, valid for
/// <see cref="LinkLifetime"/>, to choose a new password there. The page says the same whether or not the address has
/// an account here, so it reveals nobody. Platform admins are not served here (the root has no reset).
/// </summary>
public sealed class PasswordResetService(
    UserManager<ApplicationUser> users,
    IDbContextFactory<MedicalDbContext> contextFactory,
    MailOutbox outbox,
    PracticeAddresses addresses,
    CurrentTenant currentTenant,
    AuditTrail auditTrail)
{
    public const string Purpose = "PasswordReset";

    /// <summary>How long a link works (the token provider's lifespan, set in AddMedicalIdentity).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(2);

    public const string InvalidLinkMessage =
        "This link to reset your password is not valid any more (it works once, for 2 hours). Ask for a new one below.";

    /// <summary>Queues the link when <paramref name="email"/> is an active member of this practice; otherwise nothing.</summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken = default)
    {
        if (currentTenant.Practice is not { } practice || await FindMemberAsync(email, cancellationToken) is not { } user)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = new Uri(addresses.PublicBaseUrl(practice.Slug), $"Account/ResetPassword?email={Uri.EscapeDataString(user.Email!)}&code={code}");
        var body =
            $"Hello {user.FullName},\n\n" +
            $"Someone asked to reset your MedicalApp password at {practice.Name}. To choose a new password, open:\n\n{link}\n\n" +
            $"The link works once, for {LinkLifetime.TotalHours:0} hours. If you did not ask for it, ignore this message: your " +
            "password stays as it is.\n";

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        outbox.Queue(db, new EmailMessage(user.Email!, user.FullName, $"Reset your MedicalApp password for {practice.Name}", body, Purpose, user.Id));
        await db.SaveChangesAsync(cancellationToken);
        outbox.NotifyQueued();
        await auditTrail.RecordAsync(new AuditEntry(AuditActions.PasswordResetRequested, user.Id, user.Email, Details: "A link to reset the password was emailed."), cancellationToken);
    }

    /// <summary>
    /// Sets the new password when the link is valid for an active member of this practice. Null when the link is not
    /// (say <see cref="InvalidLinkMessage"/>); otherwise Identity's result, whose errors are the password's.
    /// A reset also ends a lock-out and any "choose your own password" demand, and signs out other sessions.
    /// </summary>
    public async Task<IdentityResult?> ResetAsync(string? email, string? code, string newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(code) || await FindMemberAsync(email, cancellationToken) is not { } user)
        {
            return null;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }

        var mustChange = user.MustChangePassword;
        user.MustChangePassword = false;
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            user.MustChangePassword = mustChange;
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? null : result;
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await auditTrail.RecordAsync(new AuditEntry(AuditActions.PasswordReset, user.Id, user.Email, Details: "The password was reset with an emailed link."), cancellationToken);
        return result;
    }

    private async Task<ApplicationUser?> FindMemberAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || !currentTenant.IsSet || await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PracticeMemberships.AnyAsync(m => m.UserId == user.Id && m.IsActive, cancellationToken) ? user : null;
    }
}
