using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.Observations;

/// <summary>The words for the one condition list (<see cref="DentalCondition"/>), severities and surfaces in sentences.</summary>
public static partial class DentalConditions
{
    public static IReadOnlyList<DentalCondition> All { get; } = Enum.GetValues<DentalCondition>();

    /// <summary>"Periapical lesion", "Root canal treated".</summary>
    public static string Label(DentalCondition condition)
    {
        var words = WordStart().Replace(condition.ToString(), " $1").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Label(DentalSeverity severity) => severity.ToString();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
