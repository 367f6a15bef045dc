namespace MedicalApp.Data.Dental;

/// <summary>What kind of work a catalogue procedure is, for grouping the price list and the procedure picker.</summary>
public enum DentalProcedureCategory
{
    Examination,
    Radiograph,
    Preventive,
    Periodontics,
    Restoration,
    Endodontics,
    Extraction,
    CrownAndBridge,
    Implant,
    Prosthodontics,
    Orthodontics,
    Other,
}

/// <summary>One coded procedure with the price it costs when the practice has set none of its own.</summary>
public sealed record DentalCatalogueProcedure(string Code, string Name, DentalProcedureCategory Category, decimal DefaultPrice);

/// <summary>
/// The built-in list of dental procedures (CDT-style codes, so a printed plan or a referral names the same work the
/// same way), with default prices in rupees for a city practice in India. A practice overrides a price with a
/// <see cref="Entities.DentalPrice"/> row; work the list does not name is recorded as <see cref="CustomCode"/> with a
/// free name. Codes are stored on the procedure with its name copied, so a renamed entry never rewrites history.
/// </summary>
public static class DentalProcedureCatalogue
{
    /// <summary>The code of a procedure named freely by the doctor.</summary>
    public const string CustomCode = "CUSTOM";

    public static IReadOnlyList<DentalCatalogueProcedure> All { get; } =
    [
        new("D0120", "Periodic oral evaluation", DentalProcedureCategory.Examination, 300),
        new("D0140", "Limited oral evaluation, problem focused", DentalProcedureCategory.Examination, 300),
        new("D0150", "Comprehensive oral evaluation", DentalProcedureCategory.Examination, 500),
        new("D0180", "Comprehensive periodontal evaluation", DentalProcedureCategory.Examination, 600),
        new("D0220", "Intraoral periapical radiograph (IOPA), first image", DentalProcedureCategory.Radiograph, 200),
        new("D0230", "Intraoral periapical radiograph, each additional image", DentalProcedureCategory.Radiograph, 150),
        new("D0272", "Bitewing radiographs, two images", DentalProcedureCategory.Radiograph, 350),
        new("D0330", "Panoramic radiograph (OPG)", DentalProcedureCategory.Radiograph, 600),
        new("D0367", "Cone beam CT (CBCT), both jaws", DentalProcedureCategory.Radiograph, 3500),
        new("D1110", "Prophylaxis (cleaning), adult", DentalProcedureCategory.Preventive, 1200),
        new("D1120", "Prophylaxis (cleaning), child", DentalProcedureCategory.Preventive, 800),
        new("D1206", "Topical fluoride varnish", DentalProcedureCategory.Preventive, 600),
        new("D1351", "Pit and fissure sealant, per tooth", DentalProcedureCategory.Preventive, 800),
        new("D4341", "Scaling and root planing, four or more teeth, per quadrant", DentalProcedureCategory.Periodontics, 2500),
        new("D4342", "Scaling and root planing, one to three teeth, per quadrant", DentalProcedureCategory.Periodontics, 1500),
        new("D4355", "Full mouth debridement (scaling)", DentalProcedureCategory.Periodontics, 1800),
        new("D4910", "Periodontal maintenance", DentalProcedureCategory.Periodontics, 1500),
        new("D2140", "Amalgam restoration, one surface", DentalProcedureCategory.Restoration, 800),
        new("D2150", "Amalgam restoration, two surfaces", DentalProcedureCategory.Restoration, 1000),
        new("D2160", "Amalgam restoration, three surfaces", DentalProcedureCategory.Restoration, 1200),
        new("D2161", "Amalgam restoration, four or more surfaces", DentalProcedureCategory.Restoration, 1400),
        new("D2330", "Composite restoration, anterior, one surface", DentalProcedureCategory.Restoration, 1200),
        new("D2331", "Composite restoration, anterior, two surfaces", DentalProcedureCategory.Restoration, 1500),
        new("D2332", "Composite restoration, anterior, three surfaces", DentalProcedureCategory.Restoration, 1800),
        new("D2335", "Composite restoration, anterior, four or more surfaces or incisal angle", DentalProcedureCategory.Restoration, 2200),
        new("D2391", "Composite restoration, posterior, one surface", DentalProcedureCategory.Restoration, 1500),
        new("D2392", "Composite restoration, posterior, two surfaces", DentalProcedureCategory.Restoration, 1800),
        new("D2393", "Composite restoration, posterior, three surfaces", DentalProcedureCategory.Restoration, 2200),
        new("D2394", "Composite restoration, posterior, four or more surfaces", DentalProcedureCategory.Restoration, 2500),
        new("D3220", "Pulpotomy (therapeutic)", DentalProcedureCategory.Endodontics, 2000),
        new("D3310", "Root canal treatment, anterior tooth", DentalProcedureCategory.Endodontics, 5000),
        new("D3320", "Root canal treatment, premolar", DentalProcedureCategory.Endodontics, 6000),
        new("D3330", "Root canal treatment, molar", DentalProcedureCategory.Endodontics, 7500),
        new("D3348", "Root canal retreatment, molar", DentalProcedureCategory.Endodontics, 9500),
        new("D7140", "Extraction, erupted tooth or exposed root (simple)", DentalProcedureCategory.Extraction, 1000),
        new("D7210", "Surgical extraction of an erupted tooth", DentalProcedureCategory.Extraction, 3000),
        new("D7220", "Removal of impacted tooth, soft tissue", DentalProcedureCategory.Extraction, 4000),
        new("D7230", "Removal of impacted tooth, partially bony", DentalProcedureCategory.Extraction, 5500),
        new("D7240", "Removal of impacted tooth, completely bony", DentalProcedureCategory.Extraction, 7000),
        new("D2740", "Crown, all-ceramic (zirconia)", DentalProcedureCategory.CrownAndBridge, 12000),
        new("D2750", "Crown, porcelain fused to high noble metal", DentalProcedureCategory.CrownAndBridge, 8000),
        new("D2751", "Crown, porcelain fused to base metal", DentalProcedureCategory.CrownAndBridge, 5000),
        new("D2930", "Prefabricated stainless steel crown, primary tooth", DentalProcedureCategory.CrownAndBridge, 2500),
        new("D2950", "Core build-up", DentalProcedureCategory.CrownAndBridge, 1500),
        new("D2954", "Prefabricated post and core", DentalProcedureCategory.CrownAndBridge, 2500),
        new("D6240", "Bridge pontic, porcelain fused to high noble metal", DentalProcedureCategory.CrownAndBridge, 8000),
        new("D6241", "Bridge pontic, porcelain fused to base metal", DentalProcedureCategory.CrownAndBridge, 5000),
        new("D6750", "Bridge retainer crown, porcelain fused to high noble metal", DentalProcedureCategory.CrownAndBridge, 8000),
        new("D6010", "Implant placement, endosteal (surgical)", DentalProcedureCategory.Implant, 30000),
        new("D6057", "Implant abutment, custom", DentalProcedureCategory.Implant, 8000),
        new("D6065", "Implant-supported crown, porcelain/ceramic", DentalProcedureCategory.Implant, 18000),
        new("D5110", "Complete denture, upper", DentalProcedureCategory.Prosthodontics, 15000),
        new("D5120", "Complete denture, lower", DentalProcedureCategory.Prosthodontics, 15000),
        new("D5213", "Removable partial denture, upper, cast metal framework", DentalProcedureCategory.Prosthodontics, 18000),
        new("D8080", "Comprehensive orthodontic treatment, adolescent (fixed braces)", DentalProcedureCategory.Orthodontics, 60000),
        new("D8090", "Comprehensive orthodontic treatment, adult (fixed braces)", DentalProcedureCategory.Orthodontics, 75000),
        new("D8670", "Periodic orthodontic treatment visit", DentalProcedureCategory.Orthodontics, 1500),
        new("D8680", "Orthodontic retention (retainers)", DentalProcedureCategory.Orthodontics, 8000),
        new("D9110", "Palliative (emergency) treatment of dental pain", DentalProcedureCategory.Other, 500),
        new("D9972", "External bleaching (whitening), per arch", DentalProcedureCategory.Other, 6000),
    ];

    private static readonly Dictionary<string, DentalCatalogueProcedure> ByCode = All.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The catalogue entry for <paramref name="code"/> (any case), or null (also for <see cref="CustomCode"/>).</summary>
    public static DentalCatalogueProcedure? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim());

    public static bool IsCustom(string? code) => string.Equals(code?.Trim(), CustomCode, StringComparison.OrdinalIgnoreCase);

    public static string Describe(DentalProcedureCategory category) => category switch
    {
        DentalProcedureCategory.Examination => "Examinations",
        DentalProcedureCategory.Radiograph => "Radiographs",
        DentalProcedureCategory.Preventive => "Prophylaxis and prevention",
        DentalProcedureCategory.Periodontics => "Scaling and periodontics",
        DentalProcedureCategory.Restoration => "Restorations (fillings)",
        DentalProcedureCategory.Endodontics => "Endodontics",
        DentalProcedureCategory.Extraction => "Extractions",
        DentalProcedureCategory.CrownAndBridge => "Crowns and bridges",
        DentalProcedureCategory.Implant => "Implants",
        DentalProcedureCategory.Prosthodontics => "Dentures",
        DentalProcedureCategory.Orthodontics => "Orthodontics",
        _ => "Other",
    };
}
