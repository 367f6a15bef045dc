using System.Text.RegularExpressions;

namespace MedicalApp.Web.Tenancy;

/// <summary>The rules for a practice's address (PRODUCT.md section 2).</summary>
public static partial class PracticeSlug
{
    public const int MinLength = 3;

    public const int MaxLength = 40;

    /// <summary>Words that name parts of the platform itself, so no practice may take them.</summary>
    public static IReadOnlySet<string> Reserved { get; } =
        new HashSet<string>(["www", "admin", "api", "app", "platform", "static", "assets", "login", "register", "t"], StringComparer.Ordinal);

    /// <summary>
    /// A slug from a practice name: lower-case ASCII letters and digits, apostrophes dropped ("Rao's" → "raos"), every
    /// other run of punctuation or space a single hyphen, accents removed, at most 40 characters cut at a word
    /// boundary. Names with nothing usable (e.g. only Devanagari) give "practice"; reserved words get "-clinic".
    /// Uniqueness is the caller's job (<see cref="WithSuffix"/>).
    /// </summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        var builder = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is '\'' or '’' or '‘' || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : '-');
        }

        var slug = CollapseHyphens().Replace(builder.ToString(), "-").Trim('-');
        if (slug.Length > MaxLength)
        {
            // Cut at the last word boundary that fits (the character after the limit may itself be a boundary).
            var lastHyphen = slug[..(MaxLength + 1)].LastIndexOf('-');
            slug = (lastHyphen >= MinLength ? slug[..lastHyphen] : slug[..MaxLength]).Trim('-');
        }

        if (slug.Length < MinLength)
        {
            slug = slug.Length == 0 ? "practice" : $"{slug}-practice";
        }

        return Reserved.Contains(slug) ? $"{slug}-clinic" : slug;
    }

    /// <summary>The n-th alternative for a taken slug: "demo-2", "demo-3"…, still within 40 characters.</summary>
    public static string WithSuffix(string slug, int n)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stem = slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug;
        return stem + suffix;
    }

    public static bool IsWellFormed(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    public static bool IsAllowed(string? slug) => IsWellFormed(slug) && !Reserved.Contains(slug!);

    [GeneratedRegex("-{2,}")]
    private static partial Regex CollapseHyphens();

    // 3–40 characters of a-z, 0-9 and '-', not starting or ending with '-'.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
