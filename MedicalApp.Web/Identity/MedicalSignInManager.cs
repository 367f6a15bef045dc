using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Identity's sign-in manager with the rules of this product for the second step:
/// <list type="bullet">
/// <item>the sign-in page checks the password and the practice's admission itself, then lets this decide between
/// signing in and asking for an authenticator code (<see cref="SignInOrRequireCodeAsync"/>);</item>
/// <item>platform admins (the root) give a code at every sign-in: no browser is ever remembered there;</item>
/// <item>wrong recovery codes count towards lockout like wrong passwords and codes, and a locked-out account cannot
/// use its recovery codes either (Identity does neither, as recovery codes are random).</item>
/// </list>
/// The remembered-browser and pending-sign-in cookies are bound to the practice that issued them (see
/// <see cref="PracticeBoundCookie"/>), so remembering a browser at one practice does not skip the code at another.
/// </summary>
public sealed class MedicalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    CurrentTenant currentTenant)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>How long "remember this device" skips the code, at the practice where it was chosen.</summary>
    public static readonly TimeSpan RememberDeviceFor = TimeSpan.FromDays(30);

    /// <summary>Whether this address lets a browser skip the code: practices do, the platform console never.</summary>
    public bool CanRememberDevice => currentTenant.IsSet;

    /// <summary>
    /// After a correct password (and the address admitting the account): signs in, or, when the account has an
    /// authenticator and this browser is not remembered here, starts the second step
    /// (<see cref="SignInResult.RequiresTwoFactor"/>).
    /// </summary>
    public Task<SignInResult> SignInOrRequireCodeAsync(ApplicationUser user, bool isPersistent) => SignInOrTwoFactorAsync(user, isPersistent);

    public override async Task<bool> IsTwoFactorClientRememberedAsync(ApplicationUser user) =>
        CanRememberDevice && await base.IsTwoFactorClientRememberedAsync(user);

    public override Task RememberTwoFactorClientAsync(ApplicationUser user) =>
        CanRememberDevice ? base.RememberTwoFactorClientAsync(user) : Task.CompletedTask;

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded || !UserManager.SupportsUserLockout)
        {
            return result;
        }

        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? await LockedOut(user) : SignInResult.Failed;
    }
}
