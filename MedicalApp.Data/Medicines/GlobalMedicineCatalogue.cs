using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedicalApp.Data.Entities;

namespace MedicalApp.Data.Medicines;

/// <summary>
/// One medicine of the global catalogue as the catalogue file states it. <see cref="TypicalPriceInr"/> is the price
/// of one unit as sold: a tablet or capsule, or one bottle, tube, vial, cartridge, inhaler or sachet.
/// </summary>
public sealed record CatalogueMedicine(
    string BrandName,
    string GenericName,
    string Strength,
    string DosageForm,
    string DrugClass,
    string Category,
    string Manufacturer,
    MedicineSchedule Schedule,
    decimal TypicalPriceInr)
{
    /// <summary>
    /// The row's id, derived from what identifies the product (brand, strength, form), so a later catalogue file that
    /// lists the same product updates the same row instead of adding a second one. Computed, not stored, so a copy
    /// made with <c>with</c> cannot carry the id of the product it was copied from.
    /// </summary>
    public Guid StableId => GlobalMedicineCatalogue.StableIdOf(BrandName, Strength, DosageForm);
}

/// <summary>
/// The global medicine catalogue shipped with the application as CSV files embedded in this assembly, loaded into the
/// database by migrations on both providers (production needs it, so not by the development seeder).
/// <para>
/// A file, once a migration loads it, never changes: migrations are history and must replay the same rows. A revised
/// catalogue is a new file with its own constant here, and a new migration; products it shares with an older file keep
/// their <see cref="CatalogueMedicine.StableId"/>, so that migration updates them in place.
/// </para>
/// See <c>Medicines/README.md</c> for what the columns mean and how the data was chosen.
/// </summary>
public static class GlobalMedicineCatalogue
{
    /// <summary>The first catalogue: common medicines of Indian general and dental practice, December 2026.</summary>
    public const string December2026File = "global-medicines-2026-12.csv";

    /// <summary>The columns every catalogue file has, in this order, as its header row.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "BrandName", "GenericName", "Strength", "DosageForm", "DrugClass", "Category", "Manufacturer", "Schedule", "TypicalPriceInr",
    ];

    /// <summary>
    /// The drug classes a catalogue row may name, spelled as the allergy check compares them. A class says what a
    /// patient allergic to it must not get, so a combination takes the class that matters most for allergy
    /// (amoxicillin + clavulanic acid → Penicillins, ibuprofen + paracetamol → NSAIDs, aspirin → NSAIDs even at an
    /// antiplatelet dose). "Analgesics" are the non-NSAID, non-opioid ones (paracetamol).
    /// </summary>
    public static IReadOnlyList<string> DrugClasses { get; } =
    [
        // Antibacterials
        "Penicillins", "Cephalosporins", "Macrolides", "Lincosamides", "Fluoroquinolones", "Tetracyclines",
        "Sulfonamides", "Nitroimidazoles", "Nitrofurans", "Aminoglycosides", "Oxazolidinones", "Rifamycins",
        "Other antibacterials",
        // Antifungals, antivirals, antiparasitics
        "Azole antifungals", "Allylamine antifungals", "Other antifungals", "Antivirals", "Anthelmintics",
        "Antimalarials", "Scabicides",
        // Pain, inflammation and anaesthesia
        "NSAIDs", "Analgesics", "Opioid analgesics", "Local anaesthetics", "Corticosteroids", "Proteolytic enzymes",
        "Antispasmodics", "Muscle relaxants",
        // Allergy and respiratory
        "Antihistamines", "Leukotriene receptor antagonists", "Beta-2 agonists", "Xanthines",
        "Expectorants and mucolytics", "Cough suppressants", "Nasal decongestants",
        // Gastro
        "Proton pump inhibitors", "H2 blockers", "Antacids", "Mucosal protectants", "Antiemetics", "Antidiarrhoeals",
        "Laxatives", "Probiotics", "Oral rehydration salts", "Bile acids",
        // Diabetes
        "Biguanides", "Sulfonylureas", "DPP-4 inhibitors", "SGLT2 inhibitors", "Thiazolidinediones", "Insulins",
        // Heart and blood
        "Calcium channel blockers", "Angiotensin receptor blockers", "ACE inhibitors", "Beta blockers", "Diuretics",
        "Statins", "Antiplatelets", "Anticoagulants", "Nitrates", "Antifibrinolytics", "Haemostatics",
        // Hormones
        "Thyroid hormones", "Antithyroid drugs", "Progestogens",
        // Nervous system
        "Benzodiazepines", "Hypnotics", "Tricyclic antidepressants", "SSRIs", "Gabapentinoids", "Anticonvulsants",
        "Antivertigo agents", "CNS stimulants",
        // Skin, mouth, eye
        "Antiseptics", "Desensitising agents", "Anti-acne agents", "Retinoids", "Ocular lubricants",
        // Urology
        "Alpha blockers", "Urinary alkalinisers",
        // Supplements
        "Vitamins", "Minerals",
    ];

    /// <summary>
    /// The namespace of the catalogue's name-based ids (RFC 9562 version 5). Chosen once at random for this
    /// catalogue; changing it would give every product a new id, so it never changes.
    /// </summary>
    public static readonly Guid StableIdNamespace = new("47b5503d-3a0c-49cc-99eb-1f43b3672024");

    private static readonly HashSet<string> KnownDrugClasses = new(DrugClasses, StringComparer.Ordinal);

    /// <summary>Reads a catalogue file embedded in this assembly (<see cref="December2026File"/>, …).</summary>
    /// <exception cref="FormatException">The file breaks a rule of the catalogue; the message names the line.</exception>
    public static IReadOnlyList<CatalogueMedicine> Load(string fileName)
    {
        var resourceName = $"{typeof(GlobalMedicineCatalogue).Namespace}.{fileName}";
        using var stream = typeof(GlobalMedicineCatalogue).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException($"No catalogue file {fileName} is embedded in {typeof(GlobalMedicineCatalogue).Assembly.GetName().Name}.", nameof(fileName));
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        return Parse(reader, fileName);
    }

    /// <summary>
    /// The id of the product with this brand, strength and form: a version 5 (SHA-1, name-based) UUID of
    /// <c>lower(brand)|lower(strength)|lower(form)</c> in UTF-8 under <see cref="StableIdNamespace"/>. Lower case
    /// because the catalogue is unique on these three regardless of case.
    /// </summary>
    public static Guid StableIdOf(string brandName, string strength, string dosageForm)
    {
        ArgumentNullException.ThrowIfNull(brandName);
        ArgumentNullException.ThrowIfNull(strength);
        ArgumentNullException.ThrowIfNull(dosageForm);
        var name = string.Join('|', brandName.ToLowerInvariant(), strength.ToLowerInvariant(), dosageForm.ToLowerInvariant());
        return NameBasedUuid(StableIdNamespace, name);
    }

    /// <summary>RFC 9562 section 5.5: SHA-1 over the namespace (network byte order) and the name, version and variant bits set.</summary>
    internal static Guid NameBasedUuid(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> uuid = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, uuid);
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // variant 10xx
        return new Guid(uuid[..16], bigEndian: true);
    }

    /// <summary>Reads catalogue CSV and checks every rule a migration relies on, so a bad row stops the build's tests, not a deploy.</summary>
    internal static IReadOnlyList<CatalogueMedicine> Parse(TextReader reader, string source)
    {
        var records = CsvRecords.Read(reader);
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(Columns, StringComparer.Ordinal))
        {
            throw new FormatException($"{source}: the first line must be the header {string.Join(',', Columns)}.");
        }

        var medicines = new List<CatalogueMedicine>(records.Count - 1);
        var lineOfId = new Dictionary<Guid, int>();
        foreach (var record in records.Skip(1))
        {
            var medicine = ParseRow(record, source);
            if (!lineOfId.TryAdd(medicine.StableId, record.LineNumber))
            {
                throw Error(source, record,
                    $"{medicine.BrandName} {medicine.Strength} {medicine.DosageForm} is already on line {lineOfId[medicine.StableId]} (brand, strength and form together must be unique, whatever their case).");
            }

            medicines.Add(medicine);
        }

        return medicines;
    }

    private static CatalogueMedicine ParseRow(CsvRecord record, string source)
    {
        var fields = record.Fields;
        if (fields.Count != Columns.Count)
        {
            throw Error(source, record, $"{fields.Count} fields where the header has {Columns.Count}.");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fields[i]) || fields[i] != fields[i].Trim())
            {
                throw Error(source, record, $"{Columns[i]} is empty or has spaces around it.");
            }
        }

        var drugClass = fields[4];
        if (!KnownDrugClasses.Contains(drugClass))
        {
            throw Error(source, record, $"drug class \"{drugClass}\" is not one of GlobalMedicineCatalogue.DrugClasses.");
        }

        var schedule = fields[7] switch
        {
            "OTC" => MedicineSchedule.OTC,
            "H" => MedicineSchedule.H,
            "H1" => MedicineSchedule.H1,
            "X" => MedicineSchedule.X,
            var other => throw Error(source, record, $"schedule \"{other}\" is not one of OTC, H, H1, X."),
        };

        // Money is decimal(10,2) in rupees: a third decimal would be rounded away silently by the database.
        if (!decimal.TryParse(fields[8], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            || price <= 0 || decimal.Round(price, 2) != price)
        {
            throw Error(source, record, $"typical price \"{fields[8]}\" is not a positive number of rupees with at most two decimals.");
        }

        return new CatalogueMedicine(fields[0], fields[1], fields[2], fields[3], drugClass, fields[5], fields[6], schedule, price);
    }

    private static FormatException Error(string source, CsvRecord record, string problem) =>
        new($"{source}, line {record.LineNumber}: {problem}");
}
