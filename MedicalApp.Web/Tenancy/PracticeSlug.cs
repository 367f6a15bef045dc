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

    public static bool IsWellFormed(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    public static bool IsAllowed(string? slug) => IsWellFormed(slug) && !Reserved.Contains(slug!);

    // 3–40 characters of a-z, 0-9 and '-', not starting or ending with '-'.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
