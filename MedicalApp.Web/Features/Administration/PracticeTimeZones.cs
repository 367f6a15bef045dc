using System.Globalization;

namespace MedicalApp.Web.Features.Administration;

/// <summary>
/// Time zones a practice may choose: any IANA zone the server knows, with a short list of the likely ones offered
/// first (India's neighbours, then a few world cities for practices abroad).
/// </summary>
public static class PracticeTimeZones
{
    private static readonly string[] CommonIds =
    [
        "Asia/Kolkata", "Asia/Colombo", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Karachi", "Asia/Thimphu", "Indian/Maldives",
        "Asia/Dubai", "Asia/Riyadh", "Asia/Singapore", "Asia/Kuala_Lumpur", "Europe/London", "America/New_York",
        "Australia/Sydney", "UTC",
    ];

    private static readonly Lazy<Dictionary<string, TimeZoneInfo>> SystemZones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().ToDictionary(z => z.Id, StringComparer.Ordinal));

    /// <summary>The short list shown before the user types, Asia/Kolkata first.</summary>
    public static IReadOnlyList<string> Common => [.. CommonIds.Where(IsValid)];

    /// <summary>True for a zone id the server's time zone database has (ids are IANA names on Linux).</summary>
    public static bool IsValid(string? id) => id is not null && SystemZones.Value.ContainsKey(id);

    /// <summary>The short list for an empty search; otherwise every known zone containing the text, common ones first.</summary>
    public static IReadOnlyList<string> Search(string? text, int max = 30)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Common;
        }

        var term = text.Trim().Replace(' ', '_');
        return [.. SystemZones.Value.Keys
            .Where(id => id.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(id => Array.IndexOf(CommonIds, id) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(max)];
    }

    /// <summary>"Asia/Kolkata (UTC+05:30)".</summary>
    public static string Describe(string? id)
    {
        if (id is null || !SystemZones.Value.TryGetValue(id, out var zone))
        {
            return id ?? "";
        }

        var offset = zone.BaseUtcOffset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{id} (UTC{sign}{offset.Duration():hh\\:mm})");
    }
}
