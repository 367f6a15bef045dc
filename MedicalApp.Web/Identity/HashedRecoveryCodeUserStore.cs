using System.Security.Cryptography;
using System.Text;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Identity's EF store, except that two-factor recovery codes are kept as salted hashes instead of in plain text.
/// A code has 10 characters of a 26-letter alphabet (about 47 bits), below the 112 bits OWASP ASVS 2.6.2 accepts
/// unhashed: each is stored as PBKDF2-SHA256 with its own random salt, so a copy of the database does not hand out
/// codes that sign in without the phone. Typed codes are compared in any case, with or without the dash.
/// </summary>
public sealed class HashedRecoveryCodeUserStore(MedicalDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, IdentityRole<Guid>, MedicalDbContext, Guid>(context, describer)
{
    // Identity's own token names, so its CountCodesAsync keeps counting the stored entries.
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";
    private const string Version = "v1";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    // Enough to make guessing from a stolen copy slow; one sign-in compares at most ten.
    private const int Iterations = 10_000;

    public override Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(";", recoveryCodes.Select(Hash)), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken = default)
    {
        var stored = (await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var used = stored.FirstOrDefault(entry => Matches(entry, code));
        if (used is null)
        {
            return false;
        }

        await SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(";", stored.Where(entry => entry != used)), cancellationToken);
        return true;
    }

    private static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return $"{Version}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Derive(code, salt))}";
    }

    private static bool Matches(string entry, string code)
    {
        var parts = entry.Split('$');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Derive(code, Convert.FromBase64String(parts[1])), Convert.FromBase64String(parts[2]));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string code, byte[] salt)
    {
        var canonical = new string((code ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(canonical), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
    }
}
