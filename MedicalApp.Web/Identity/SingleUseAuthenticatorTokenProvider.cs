using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Checks authenticator app codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) in place of Identity's provider,
/// which accepts a code again for as long as it is valid (about three minutes). Here a code is accepted once
/// (OWASP ASVS 2.8.4): the accepted time step is stored with the user, and a code of that step or an earlier one is
/// refused. One step either side of the server's clock is allowed for phones whose clocks drift.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(IDbContextFactory<MedicalDbContext> contextFactory, TimeProvider clock)
    : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const int CodeLength = 6;

    private static readonly VerificationWindow ClockDrift = new(previous: 1, future: 1);

    /// <summary>The code as typed ("123 456", "123-456") reduced to its digits.</summary>
    public static string Normalize(string? code) => new((code ?? "").Where(char.IsAsciiDigit).ToArray());

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>Codes come from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var code = Normalize(token);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (code.Length != CodeLength || string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, ClockDrift))
        {
            return false;
        }

        // Claims the step in one conditional update: of two requests carrying the same code, one wins.
        await using var db = await contextFactory.CreateDbContextAsync();
        var claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorTimeStep == null || u.LastAuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastAuthenticatorTimeStep, step));
        if (claimed == 0)
        {
            return false;
        }

        // Identity saves this user object again (the lockout reset after a good code): it must not write the old step back.
        user.LastAuthenticatorTimeStep = step;
        return true;
    }
}
