using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// A medicine of the catalogue every practice shares, shipped with the application and loaded by a migration
/// (<c>Medicines/global-medicines-*.csv</c>). Its id is name-based, so a later catalogue file updates the same rows.
/// Every practice reads it; on PostgreSQL only the platform role may write it (the application role's write grants are
/// revoked), and platform administrators edit it in the console.
/// </summary>
public class GlobalMedicine : IMedicine, IVersioned
{
    public Guid Id { get; set; }

    public string BrandName { get; set; } = "";

    public string GenericName { get; set; } = "";

    public string Strength { get; set; } = "";

    public string DosageForm { get; set; } = "";

    /// <summary>The pharmacological class (Penicillins, NSAIDs, …) that an allergy may name.</summary>
    public string DrugClass { get; set; } = "";

    public string Category { get; set; } = "";

    public string Manufacturer { get; set; } = "";

    public MedicineSchedule Schedule { get; set; }

    /// <summary>Typical price of one unit (tablet, capsule, ml, tube) in rupees.</summary>
    public decimal TypicalPriceInr { get; set; }

    /// <summary>Withdrawn medicines stay for the prescriptions that name them but are no longer offered.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Lower-case brand and generic name, what the trigram search matches.</summary>
    public string SearchText { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>A medicine a practice added for itself (by hand or CSV import). Only that practice sees it.</summary>
public class PracticeMedicine : ITenantOwned, IVersioned, IMedicine
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string BrandName { get; set; } = "";

    public string GenericName { get; set; } = "";

    public string Strength { get; set; } = "";

    public string DosageForm { get; set; } = "";

    public string DrugClass { get; set; } = "";

    public string Category { get; set; } = "";

    public string Manufacturer { get; set; } = "";

    public MedicineSchedule Schedule { get; set; }

    public decimal? TypicalPriceInr { get; set; }

    public bool IsActive { get; set; } = true;

    /// <inheritdoc cref="GlobalMedicine.SearchText" />
    public string SearchText { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>A global medicine a practice does not want offered (it stays readable on old prescriptions).</summary>
public class HiddenGlobalMedicine : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid GlobalMedicineId { get; set; }

    public GlobalMedicine? GlobalMedicine { get; set; }

    public DateTime HiddenAtUtc { get; set; }

    public Guid? HiddenByUserId { get; set; }
}

/// <summary>
/// How often a practice has prescribed one medicine (global or its own), kept up to date when a prescription is
/// finalised, so the medicine search offers the practice's usual choices first without counting lines each time.
/// </summary>
public class MedicineUsage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid? GlobalMedicineId { get; set; }

    public Guid? PracticeMedicineId { get; set; }

    public int TimesPrescribed { get; set; }

    public DateTime LastPrescribedAtUtc { get; set; }
}

/// <summary>What a prescription line and a search result need of a medicine, global or the practice's own.</summary>
public interface IMedicine
{
    Guid Id { get; }

    string BrandName { get; }

    string GenericName { get; }

    string Strength { get; }

    string DosageForm { get; }

    string DrugClass { get; }
}
