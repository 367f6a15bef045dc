using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// A medicine the practice may prescribe, as a search offers it: from the global catalogue (<see cref="IsGlobal"/>) or
/// the practice's own list, with how often the practice has prescribed it. <c>(IsGlobal, Id)</c> names it.
/// </summary>
public sealed record MedicineChoice(
    bool IsGlobal,
    Guid Id,
    string BrandName,
    string GenericName,
    string Strength,
    string DosageForm,
    string DrugClass,
    MedicineSchedule Schedule,
    int TimesPrescribed)
{
    /// <summary>"Dolo 650 · Paracetamol 650 mg Tablet": the brand a doctor looks for, then what it is.</summary>
    public string Label => MedicineLabel.Of(BrandName, GenericName, Strength, DosageForm);

    public (bool IsGlobal, Guid Id) Reference => (IsGlobal, Id);
}

/// <summary>How a medicine reads in lists, pickers and audit entries.</summary>
public static class MedicineLabel
{
    public static string Of(string brandName, string genericName, string strength, string dosageForm) =>
        $"{brandName} · {string.Join(' ', new[] { genericName, strength, dosageForm }.Where(p => !string.IsNullOrWhiteSpace(p)))}";

    public static string Of(IMedicine medicine)
    {
        ArgumentNullException.ThrowIfNull(medicine);
        return Of(medicine.BrandName, medicine.GenericName, medicine.Strength, medicine.DosageForm);
    }
}
