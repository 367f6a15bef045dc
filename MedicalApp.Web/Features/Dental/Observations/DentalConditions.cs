using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Teeth;

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

    /// <summary>A surface named for any tooth, with its letters: "Occlusal / incisal (O/I)".</summary>
    public static string Label(ToothSurfaces surface) => $"{SurfaceWords(surface)} ({SurfaceLetters(surface)})";

    /// <summary>Surfaces for any tooth, by their letters: "M, O/I, D".</summary>
    public static string Letters(ToothSurfaces surfaces) =>
        string.Join(", ", FdiTeeth.SurfaceOrder.Where(s => surfaces.HasFlag(s)).Select(SurfaceLetters));

    private static string SurfaceWords(ToothSurfaces surface) => surface switch
    {
        ToothSurfaces.OcclusalIncisal => "Occlusal / incisal",
        ToothSurfaces.BuccalFacial => "Buccal / facial",
        ToothSurfaces.LingualPalatal => "Lingual / palatal",
        _ => surface.ToString(),
    };

    private static string SurfaceLetters(ToothSurfaces surface) => surface switch
    {
        ToothSurfaces.OcclusalIncisal => "O/I",
        ToothSurfaces.BuccalFacial => "B/F",
        ToothSurfaces.LingualPalatal => "L/P",
        _ => surface.ToString()[..1],
    };

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
