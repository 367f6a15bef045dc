using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Data.Dental;

/// <summary>A shared note template every practice starts with. Its short code identifies it when the set is added again.</summary>
public sealed record StandardDentalNoteTemplate(
    string ShortCode, DentalCondition? Condition, ToothSurfaces? Surfaces, DentalSeverity? Severity, string Text);

/// <summary>
/// The shared dental note templates a practice starts with (the legacy system gave new practices none): common findings
/// of a general dental practice, worded as a dentist writes them, for the doctors to adapt or add to. An empty
/// condition, surface or severity fits any observation.
/// </summary>
public static class StandardDentalNoteTemplates
{
    private const ToothSurfaces O = ToothSurfaces.OcclusalIncisal;
    private const ToothSurfaces M = ToothSurfaces.Mesial;
    private const ToothSurfaces D = ToothSurfaces.Distal;
    private const ToothSurfaces B = ToothSurfaces.BuccalFacial;
    private const ToothSurfaces L = ToothSurfaces.LingualPalatal;

    public static IReadOnlyList<StandardDentalNoteTemplate> All { get; } =
    [
        new("CAR-O-MILD", DentalCondition.Caries, O, DentalSeverity.Mild, "Incipient occlusal caries limited to enamel; pit and fissure sealant or monitoring advised."),
        new("CAR-O-MOD", DentalCondition.Caries, O, DentalSeverity.Moderate, "Occlusal caries into dentine, no pulpal involvement; composite restoration advised."),
        new("CAR-O-SEV", DentalCondition.Caries, O, DentalSeverity.Severe, "Deep occlusal caries approaching the pulp; vitality test and IOPA advised before restoration."),
        new("CAR-MO", DentalCondition.Caries, M | O, null, "Mesio-occlusal caries; class II restoration advised."),
        new("CAR-DO", DentalCondition.Caries, D | O, null, "Disto-occlusal caries; class II restoration advised."),
        new("CAR-MOD", DentalCondition.Caries, M | O | D, null, "Mesio-occluso-distal caries with undermined cusps; onlay or crown to be considered."),
        new("CAR-B", DentalCondition.Caries, B, null, "Cervical caries on the buccal surface; glass ionomer restoration advised."),
        new("CAR-PROX", DentalCondition.Caries, M, null, "Proximal caries seen on bitewing radiograph; restoration advised."),
        new("CAR-SEC", DentalCondition.Caries, null, null, "Secondary caries at the margin of the existing restoration; replacement advised."),
        new("CAR-PAIN", DentalCondition.Caries, null, DentalSeverity.Severe, "Caries with spontaneous, lingering pain; irreversible pulpitis suspected, root canal treatment advised."),
        new("FRA-ENAMEL", DentalCondition.Fracture, null, DentalSeverity.Mild, "Enamel fracture (Ellis class I), no sensitivity; smoothing or composite build-up."),
        new("FRA-DENTINE", DentalCondition.Fracture, null, DentalSeverity.Moderate, "Enamel-dentine fracture (Ellis class II) with sensitivity; composite restoration after protecting the dentine."),
        new("FRA-PULP", DentalCondition.Fracture, null, DentalSeverity.Severe, "Fracture exposing the pulp (Ellis class III); pulp therapy needed."),
        new("FRA-CUSP", DentalCondition.Fracture, O, null, "Fractured cusp; cuspal coverage restoration advised."),
        new("MIS-EXT", DentalCondition.Missing, null, null, "Tooth missing (extracted); replacement options discussed: implant, bridge or removable partial denture."),
        new("MIS-CONG", DentalCondition.Missing, null, DentalSeverity.Mild, "Congenitally missing; space maintained, no treatment needed now."),
        new("IMP-WISDOM", DentalCondition.Impacted, null, null, "Impacted third molar; OPG advised to assess angulation and nerve proximity."),
        new("IMP-PERICO", DentalCondition.Impacted, null, DentalSeverity.Severe, "Partially erupted impacted third molar with pericoronitis; irrigation now, surgical removal advised."),
        new("MOB-1", DentalCondition.Mobility, null, DentalSeverity.Mild, "Grade I mobility; periodontal evaluation advised."),
        new("MOB-2", DentalCondition.Mobility, null, DentalSeverity.Moderate, "Grade II mobility; splinting and periodontal therapy to be considered."),
        new("MOB-3", DentalCondition.Mobility, null, DentalSeverity.Severe, "Grade III mobility with poor prognosis; extraction advised."),
        new("PAL-IOPA", DentalCondition.PeriapicalLesion, null, null, "Periapical radiolucency on IOPA; tender on percussion, root canal treatment advised."),
        new("PAL-ABSC", DentalCondition.PeriapicalLesion, null, DentalSeverity.Severe, "Periapical abscess with swelling; drainage and antibiotics, then root canal treatment or extraction."),
        new("GIN-PLAQ", DentalCondition.Gingivitis, null, DentalSeverity.Mild, "Plaque-induced marginal gingivitis, bleeding on probing; oral prophylaxis and brushing instructions."),
        new("GIN-GEN", DentalCondition.Gingivitis, null, DentalSeverity.Moderate, "Generalised gingivitis with calculus; scaling and polishing advised."),
        new("PER-CHRON", DentalCondition.Periodontitis, null, DentalSeverity.Moderate, "Chronic periodontitis with 4–5 mm pockets; scaling and root planing advised."),
        new("PER-ADV", DentalCondition.Periodontitis, null, DentalSeverity.Severe, "Advanced periodontitis with pockets over 6 mm and bone loss; periodontal surgery referral."),
        new("ATT-O", DentalCondition.Attrition, O, null, "Attrition of the occlusal/incisal surface; bruxism suspected, night guard advised."),
        new("ABR-CERV", DentalCondition.Abrasion, B, null, "Cervical abrasion from horizontal brushing; desensitising toothpaste and brushing technique advised."),
        new("ERO-ACID", DentalCondition.Erosion, null, null, "Erosion of enamel; dietary acid and reflux discussed, fluoride application advised."),
        new("DIS-EXT", DentalCondition.Discoloration, null, DentalSeverity.Mild, "Extrinsic stains; oral prophylaxis and polishing."),
        new("DIS-NONVITAL", DentalCondition.Discoloration, null, DentalSeverity.Moderate, "Discoloured tooth, possibly non-vital; vitality test and IOPA advised."),
        new("RES-SOUND", DentalCondition.Restoration, null, DentalSeverity.Mild, "Existing restoration intact, margins sound; no treatment needed."),
        new("RES-DEF", DentalCondition.Restoration, null, DentalSeverity.Moderate, "Existing restoration with open margins; replacement advised."),
        new("CRN-SOUND", DentalCondition.Crown, null, null, "Crown present, margins intact."),
        new("CRN-LOOSE", DentalCondition.Crown, null, DentalSeverity.Moderate, "Crown loose or decemented; re-cementation after checking the abutment."),
        new("RCT-OK", DentalCondition.RootCanalTreated, null, null, "Root canal treated tooth; obturation adequate on IOPA, crown advised."),
        new("RCT-FAIL", DentalCondition.RootCanalTreated, null, DentalSeverity.Severe, "Root canal treated tooth with persistent periapical lesion; retreatment advised."),
        new("IMPL-OK", DentalCondition.Implant, null, null, "Implant present, stable, peri-implant tissues healthy."),
        new("SENS", DentalCondition.Other, null, null, "Dentine hypersensitivity to cold; desensitising toothpaste advised, review in four weeks."),
        new("REVIEW", null, null, null, "To be reviewed at the next visit."),
    ];

    /// <summary>
    /// Adds to <paramref name="db"/> (tracked, saved by the caller with the rest of its unit of work) the standard
    /// templates whose short code the practice does not use yet, shared, in the order of <see cref="All"/>. The context
    /// must work inside the practice. Returns the templates added.
    /// </summary>
    public static async Task<IReadOnlyList<DentalNoteTemplate>> AddMissingAsync(
        MedicalDbContext db, Guid? createdByUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.DentalNoteTemplates.Where(t => t.ShortCode != null).Select(t => t.ShortCode!).ToListAsync(cancellationToken);
        var added = All.Select((standard, index) => (standard, index))
            .Where(s => !existing.Contains(s.standard.ShortCode, StringComparer.OrdinalIgnoreCase))
            .Select(s => new DentalNoteTemplate
            {
                Condition = s.standard.Condition,
                Surfaces = s.standard.Surfaces,
                Severity = s.standard.Severity,
                Text = s.standard.Text,
                ShortCode = s.standard.ShortCode,
                DisplayOrder = (s.index + 1) * 10,
                CreatedByUserId = createdByUserId,
                CreatedAtUtc = nowUtc,
            })
            .ToList();
        db.DentalNoteTemplates.AddRange(added);
        return added;
    }
}
