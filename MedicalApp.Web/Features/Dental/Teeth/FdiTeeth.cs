using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.Teeth;

public enum DentalArch
{
    Upper,
    Lower,
}

/// <summary>The patient's own side (their right is on the viewer's left when facing them).</summary>
public enum PatientSide
{
    Right,
    Left,
}

/// <summary>
/// FDI (ISO 3950) two-digit tooth numbers: the tens digit is the quadrant (1–4 permanent, 5–8 primary, clockwise from the
/// patient's upper right), the units digit the position from the midline (1 central incisor … 8 third molar).
/// </summary>
public static class FdiTeeth
{
    /// <summary>Below this age the chart starts with the primary teeth only (no permanent tooth has erupted yet).</summary>
    public const int MixedFromAge = 6;

    /// <summary>From this age the chart starts with the permanent teeth only (the last primary teeth are shed by about 12).</summary>
    public const int PermanentFromAge = 13;

    /// <summary>The 32 permanent teeth in number order.</summary>
    public static IReadOnlyList<int> Permanent { get; } = [.. Quadrants(1, 8)];

    /// <summary>The 20 primary teeth in number order.</summary>
    public static IReadOnlyList<int> Primary { get; } = [.. Quadrants(5, 5)];

    private static readonly HashSet<int> Valid = [.. Permanent, .. Primary];

    private static readonly string[] PermanentPositions =
        ["central incisor", "lateral incisor", "canine", "first premolar", "second premolar", "first molar", "second molar", "third molar"];

    private static readonly string[] PrimaryPositions = ["central incisor", "lateral incisor", "canine", "first molar", "second molar"];

    public static bool IsValid(int tooth) => Valid.Contains(tooth);

    public static bool IsPrimary(int tooth) => Require(tooth) >= 51;

    /// <summary>1–4 permanent, 5–8 primary (upper right, upper left, lower left, lower right).</summary>
    public static int Quadrant(int tooth) => Require(tooth) / 10;

    /// <summary>1 at the midline (central incisor) to 8 (third molar) or 5 (primary second molar).</summary>
    public static int Position(int tooth) => Require(tooth) % 10;

    public static DentalArch Arch(int tooth) => Quadrant(tooth) is 1 or 2 or 5 or 6 ? DentalArch.Upper : DentalArch.Lower;

    public static PatientSide Side(int tooth) => Quadrant(tooth) is 1 or 4 or 5 or 8 ? PatientSide.Right : PatientSide.Left;

    /// <summary>Incisors and canines (positions 1–3 in both sets): their biting edge is incisal and their outer face facial.</summary>
    public static bool IsAnterior(int tooth) => Position(tooth) <= 3;

    /// <summary>"upper right first molar", "lower left primary canine".</summary>
    public static string Name(int tooth)
    {
        var position = Position(tooth);
        var kind = IsPrimary(tooth) ? "primary " + PrimaryPositions[position - 1] : PermanentPositions[position - 1];
        return $"{(Arch(tooth) == DentalArch.Upper ? "upper" : "lower")} {(Side(tooth) == PatientSide.Right ? "right" : "left")} {kind}";
    }

    /// <summary>"16 upper right first molar".</summary>
    public static string Label(int tooth) => $"{tooth} {Name(tooth)}";

    /// <summary>The one surface's name on this tooth: occlusal or incisal, buccal or facial, lingual or palatal.</summary>
    public static string SurfaceName(int tooth, ToothSurfaces surface) => surface switch
    {
        ToothSurfaces.Mesial => "mesial",
        ToothSurfaces.Distal => "distal",
        ToothSurfaces.OcclusalIncisal => IsAnterior(tooth) ? "incisal" : "occlusal",
        ToothSurfaces.BuccalFacial => IsAnterior(tooth) ? "facial" : "buccal",
        ToothSurfaces.LingualPalatal => Arch(tooth) == DentalArch.Upper ? "palatal" : "lingual",
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, "One surface, not a combination."),
    };

    /// <summary>The letter of one surface on this tooth: M, D, O/I, B/F, L/P.</summary>
    public static char SurfaceLetter(int tooth, ToothSurfaces surface) => char.ToUpperInvariant(SurfaceName(tooth, surface)[0]);

    /// <summary>The five surfaces in the order dentists write them (MODBL, MIDFP …).</summary>
    public static IReadOnlyList<ToothSurfaces> SurfaceOrder { get; } =
        [ToothSurfaces.Mesial, ToothSurfaces.OcclusalIncisal, ToothSurfaces.Distal, ToothSurfaces.BuccalFacial, ToothSurfaces.LingualPalatal];

    /// <summary>All five surfaces together: anything else outside it is not a surface.</summary>
    public const ToothSurfaces AllSurfaces = ToothSurfaces.Mesial | ToothSurfaces.Distal | ToothSurfaces.OcclusalIncisal
        | ToothSurfaces.BuccalFacial | ToothSurfaces.LingualPalatal;

    public static bool AreValidSurfaces(ToothSurfaces surfaces) => (surfaces & ~AllSurfaces) == 0;

    /// <summary>"MOD" on a molar, "MID" on an incisor, "" for none.</summary>
    public static string SurfaceCode(int tooth, ToothSurfaces surfaces) =>
        string.Concat(SurfaceOrder.Where(s => surfaces.HasFlag(s)).Select(s => SurfaceLetter(tooth, s)));

    /// <summary>"mesial, occlusal and distal" on this tooth.</summary>
    public static string SurfaceNames(int tooth, ToothSurfaces surfaces)
    {
        var names = SurfaceOrder.Where(s => surfaces.HasFlag(s)).Select(s => SurfaceName(tooth, s)).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    /// <summary>
    /// The dentition a chart starts with at <paramref name="ageYears"/>: under 6 primary (the first permanent molars and
    /// lower incisors erupt at about 6), 6–12 mixed (primary teeth are shed while permanent ones erupt; the last primary
    /// canines and molars go by about 12), 13 and over permanent (the second permanent molars are in by about 12–13).
    /// An unknown age starts permanent, the set of most patients; the doctor changes it per patient.
    /// </summary>
    public static Dentition DentitionForAge(int? ageYears) => ageYears switch
    {
        null => Dentition.Permanent,
        < MixedFromAge => Dentition.Primary,
        < PermanentFromAge => Dentition.Mixed,
        _ => Dentition.Permanent,
    };

    /// <summary>The teeth a chart of this dentition draws: mixed draws both sets, the primary teeth inside the permanent ones.</summary>
    public static IReadOnlyList<int> TeethOf(Dentition dentition) => dentition switch
    {
        Dentition.Permanent => Permanent,
        Dentition.Primary => Primary,
        _ => [.. Permanent, .. Primary],
    };

    /// <summary>
    /// The rows of the chart as seen facing the patient (the dentist's view), each tooth above its opposing tooth: the
    /// patient's right on the viewer's left in both arches. Upper 18…11 | 21…28, lower 48…41 | 31…38 (primary 55…51 |
    /// 61…65 and 85…81 | 71…75). The legacy "fix" that drew 31–38 on the left put the lower left teeth under the upper
    /// right ones, so a caries on 36 appeared below 16; it is not repeated. Mixed: upper permanent, upper primary, lower
    /// primary, lower permanent (the primary arches sit inside the permanent ones, as in the mouth).
    /// </summary>
    public static IReadOnlyList<ChartRow> RowsOf(Dentition dentition)
    {
        ChartRow Row(DentalArch arch, int rightQuadrant, int leftQuadrant, int count) => new(
            arch,
            [.. Enumerable.Range(1, count).Reverse().Select(p => rightQuadrant * 10 + p)],
            [.. Enumerable.Range(1, count).Select(p => leftQuadrant * 10 + p)]);

        var upperPermanent = Row(DentalArch.Upper, 1, 2, 8);
        var lowerPermanent = Row(DentalArch.Lower, 4, 3, 8);
        var upperPrimary = Row(DentalArch.Upper, 5, 6, 5);
        var lowerPrimary = Row(DentalArch.Lower, 8, 7, 5);
        return dentition switch
        {
            Dentition.Permanent => [upperPermanent, lowerPermanent],
            Dentition.Primary => [upperPrimary, lowerPrimary],
            _ => [upperPermanent, upperPrimary, lowerPrimary, lowerPermanent],
        };
    }

    private static int Require(int tooth) =>
        IsValid(tooth) ? tooth : throw new ArgumentOutOfRangeException(nameof(tooth), tooth, "Not an FDI tooth number (11–48, 51–85).");

    private static IEnumerable<int> Quadrants(int firstQuadrant, int teethPerQuadrant) =>
        Enumerable.Range(firstQuadrant, 4).SelectMany(q => Enumerable.Range(1, teethPerQuadrant).Select(p => q * 10 + p));
}

/// <summary>One row of the chart: the teeth on the viewer's left of the midline (the patient's right), then the others.</summary>
public sealed record ChartRow(DentalArch Arch, IReadOnlyList<int> ViewerLeft, IReadOnlyList<int> ViewerRight)
{
    public IEnumerable<int> Teeth => ViewerLeft.Concat(ViewerRight);
}
