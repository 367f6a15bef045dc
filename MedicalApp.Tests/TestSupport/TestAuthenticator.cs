using System.Security.Cryptography;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// The phone's authenticator app, re-implemented from RFC 6238 (HMAC-SHA1 over the 30-second step, dynamic
/// truncation, 6 digits) and RFC 4648 Base32, independently of the library the app uses to check codes.
/// The app accepts each time step once, so <see cref="NextCodeAsync"/> hands out the code of a step not given before:
/// the current one, else the next (the app accepts one step ahead for clock drift), else it waits for the clock to
/// reach a step that is.
/// </summary>
public sealed class TestAuthenticator(string base32Key)
{
    private const int Step = 30;
    private readonly byte[] key = FromBase32(base32Key);
    private long lastStepGiven = long.MinValue;

    public string Key => base32Key;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / Step;

    public string CodeAt(long step)
    {
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--, step >>= 8)
        {
            counter[i] = (byte)(step & 0xff);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string CurrentCode() => CodeAt(StepAt(DateTimeOffset.UtcNow));

    public async Task<string> NextCodeAsync()
    {
        var now = StepAt(DateTimeOffset.UtcNow);
        var step = Math.Max(now, lastStepGiven + 1);
        while (step > StepAt(DateTimeOffset.UtcNow) + 1)
        {
            // Both steps the app accepts now were used: wait for the clock's next step (at most 30 s).
            var nextBoundary = DateTimeOffset.FromUnixTimeSeconds((StepAt(DateTimeOffset.UtcNow) + 1) * Step);
            await Task.Delay(nextBoundary - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        }

        lastStepGiven = step;
        return CodeAt(step);
    }

    /// <summary>A code for a step the app never accepts now (ten minutes ago): surely wrong, and never a used one.</summary>
    public string StaleCode() => CodeAt(StepAt(DateTimeOffset.UtcNow) - 20);

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xff));
            }
        }

        return [.. bytes];
    }
}
