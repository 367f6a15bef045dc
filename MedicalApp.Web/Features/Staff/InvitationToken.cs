using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The secret in an invitation link: 32 random bytes, base64url. Only its SHA-256 is stored, so a copy of the
/// database (a backup, a support export) holds no usable link; a random 256-bit token needs no salt or slow hash.
/// </summary>
public static class InvitationToken
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static (string Token, string Hash) Create()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> looks like one of ours; anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
