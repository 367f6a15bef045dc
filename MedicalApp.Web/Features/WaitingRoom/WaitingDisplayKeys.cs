using System.Security.Cryptography;
using System.Text;

namespace MedicalApp.Web.Features.WaitingRoom;

/// <summary>
/// The secret in a waiting-room display's address. 256 random bits, URL-safe; the practice keeps only its SHA-256 (hex),
/// so the address cannot be read back from the database, and a new key replaces the hash, which revokes the old address.
/// </summary>
public static class WaitingDisplayKeys
{
    /// <summary>43 characters of base64url (32 bytes without padding).</summary>
    public const int Length = 43;

    public static string NewKey() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="key"/> is the one whose hash is stored; compared in constant time.</summary>
    public static bool Matches(string? key, string? storedHash)
    {
        if (string.IsNullOrEmpty(storedHash) || key is not { Length: Length } || !key.All(IsKeyCharacter))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash.ToLowerInvariant()));
    }

    private static bool IsKeyCharacter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
