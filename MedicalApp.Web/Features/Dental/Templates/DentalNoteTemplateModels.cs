using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Teeth;

namespace MedicalApp.Web.Features.Dental.Templates;

/// <summary>The template form. Empty condition, surfaces or severity: the template fits any.</summary>
public sealed class DentalNoteTemplateInput
{
    public DentalCondition? Condition { get; set; }

    public ToothSurfaces? Surfaces { get; set; }

    public DentalSeverity? Severity { get; set; }

    public string? Text { get; set; }

    public string? ShortCode { get; set; }

    /// <summary>Only its doctor sees and uses it; else shared with the practice.</summary>
    public bool IsPersonal { get; set; }

    public int DisplayOrder { get; set; }

    public int? Version { get; set; }
}

/// <summary>A template as lists and chips show it.</summary>
public sealed record DentalNoteTemplateRow(
    Guid Id, DentalCondition? Condition, ToothSurfaces? Surfaces, DentalSeverity? Severity, string Text, string? ShortCode,
    bool IsPersonal, int DisplayOrder, bool MayChange, int Version);

public static partial class DentalNoteTemplateRules
{
    public const int TextMaxLength = 500;
    public const int ShortCodeMaxLength = 20;

    public static string? NormalizeCode(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    public static string CodeTakenMessage(string code) => $"{code} is already the short code of another template in this practice.";

    public static Dictionary<string, string> Errors(DentalNoteTemplateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors[nameof(input.Text)] = "Write the template's text.";
        }
        else if (input.Text.Trim().Length > TextMaxLength)
        {
            errors[nameof(input.Text)] = $"At most {TextMaxLength} characters.";
        }

        if (NormalizeCode(input.ShortCode) is { } code && (code.Length > ShortCodeMaxLength || !CodePattern().IsMatch(code)))
        {
            errors[nameof(input.ShortCode)] = $"Up to {ShortCodeMaxLength} letters, digits and hyphens, e.g. CAR-O-MOD.";
        }

        if (input.Condition is { } condition && !Enum.IsDefined(condition))
        {
            errors[nameof(input.Condition)] = "Choose a condition from the list, or none for any.";
        }

        if (input.Surfaces is { } surfaces && (surfaces == ToothSurfaces.None || !FdiTeeth.AreValidSurfaces(surfaces)))
        {
            errors[nameof(input.Surfaces)] = "Choose surfaces, or none for any.";
        }

        if (input.Severity is { } severity && !Enum.IsDefined(severity))
        {
            errors[nameof(input.Severity)] = "Choose a severity, or none for any.";
        }

        if (input.DisplayOrder is < 0 or > 100_000)
        {
            errors[nameof(input.DisplayOrder)] = "A number from 0 to 100000.";
        }

        return errors;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();
}

/// <summary>
/// Which templates fit an observation, best first. A template fits when each of its condition, surfaces and severity
/// is empty (any) or equal to the observation's; a field the observation has not filled yet rules nothing out. The
/// score is the number of the template's fields that equal the observation's exactly, so a template written for
/// "caries, occlusal, moderate" comes before one for any caries; equal scores go by display order, then text.
/// </summary>
public static class DentalNoteTemplateMatching
{
    public static bool Fits(DentalNoteTemplateRow template, DentalCondition? condition, ToothSurfaces? surfaces, DentalSeverity? severity)
    {
        ArgumentNullException.ThrowIfNull(template);
        return FieldFits(template.Condition, condition) && FieldFits(template.Surfaces, surfaces is ToothSurfaces.None ? null : surfaces)
            && FieldFits(template.Severity, severity);
    }

    public static int Score(DentalNoteTemplateRow template, DentalCondition? condition, ToothSurfaces? surfaces, DentalSeverity? severity)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Exact(template.Condition, condition) + Exact(template.Surfaces, surfaces) + Exact(template.Severity, severity);
    }

    public static IReadOnlyList<DentalNoteTemplateRow> Rank(
        IEnumerable<DentalNoteTemplateRow> templates, DentalCondition? condition, ToothSurfaces? surfaces, DentalSeverity? severity)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return [.. templates
            .Where(t => Fits(t, condition, surfaces, severity))
            .OrderByDescending(t => Score(t, condition, surfaces, severity))
            .ThenBy(t => t.DisplayOrder)
            .ThenBy(t => t.Text, StringComparer.OrdinalIgnoreCase)];
    }

    private static bool FieldFits<T>(T? templateValue, T? observed)
        where T : struct => templateValue is null || observed is null || templateValue.Value.Equals(observed.Value);

    private static int Exact<T>(T? templateValue, T? observed)
        where T : struct => templateValue is { } t && observed is { } o && t.Equals(o) ? 1 : 0;
}
