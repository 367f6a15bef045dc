using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// A doctor's shorthand for a set of medicines: typing <c>/FEVER</c> in the prescription editor inserts its lines,
/// still editable. The code is unique per practice whatever its case (stored upper-case). A personal key is its
/// creator's; a shared one is offered to every doctor of the practice. Only the creator or an administrator edits it.
/// </summary>
public class ShortKey : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    /// <summary>2–20 letters, digits or hyphens, upper-case.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public bool IsShared { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int TimesUsed { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public bool IsActive { get; set; } = true;

    /// <inheritdoc />
    public int Version { get; set; }

    public List<ShortKeyLine> Lines { get; } = [];
}

/// <summary>One medicine of a short key, with the defaults a prescription line starts from.</summary>
public class ShortKeyLine : ITenantOwned, IMedicineLine
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ShortKeyId { get; set; }

    public int Position { get; set; }

    public Guid? GlobalMedicineId { get; set; }

    public Guid? PracticeMedicineId { get; set; }

    public string? Dose { get; set; }

    public string? Frequency { get; set; }

    public string? Duration { get; set; }

    public MedicineTiming Timing { get; set; }

    public string? Instructions { get; set; }

    public int? Quantity { get; set; }
}

/// <summary>When a medicine is taken relative to food.</summary>
public enum MedicineTiming
{
    Unspecified,
    BeforeFood,
    AfterFood,
    WithFood,
    EmptyStomach,
    AtBedtime,
    AsNeeded,
}

/// <summary>What a short-key line and a prescription line share: which medicine, and how it is taken.</summary>
public interface IMedicineLine
{
    Guid? GlobalMedicineId { get; }

    Guid? PracticeMedicineId { get; }

    string? Dose { get; }

    string? Frequency { get; }

    string? Duration { get; }

    MedicineTiming Timing { get; }

    string? Instructions { get; }

    int? Quantity { get; }
}
