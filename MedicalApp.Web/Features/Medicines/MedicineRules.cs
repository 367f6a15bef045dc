using System.Globalization;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// What the add/edit form of a medicine holds (a practice's own, or a catalogue medicine in the platform console); the
/// dialog binds to it, a CSV row is read into it, and the service reads it.
/// </summary>
public sealed class MedicineInput
{
    public string? BrandName { get; set; }

    public string? GenericName { get; set; }

    public string? Strength { get; set; }

    public string? DosageForm { get; set; }

    public string? DrugClass { get; set; }

    public string? Category { get; set; }

    public string? Manufacturer { get; set; }

    public MedicineSchedule? Schedule { get; set; }

    /// <summary>Rupees per unit (tablet, capsule, ml, tube); optional for a practice's own medicine.</summary>
    public decimal? TypicalPriceInr { get; set; }

    /// <summary>The version of the medicine the form was filled from (editing), so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>The same fields, tidied (trimmed, runs of spaces as one), as they are stored.</summary>
public sealed record MedicineValues(
    string BrandName, string GenericName, string Strength, string DosageForm, string DrugClass, string Category, string Manufacturer,
    MedicineSchedule Schedule, decimal? TypicalPriceInr)
{
    public static MedicineValues From(MedicineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(Tidy(input.BrandName), Tidy(input.GenericName), Tidy(input.Strength), Tidy(input.DosageForm), Tidy(input.DrugClass),
            Tidy(input.Category), Tidy(input.Manufacturer), input.Schedule ?? MedicineSchedule.OTC, input.TypicalPriceInr);
    }

    /// <summary>Two medicines are the same product when brand, strength and form agree, whatever the case and spacing.</summary>
    public bool IsSameProductAs(IMedicine other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Same(BrandName, other.BrandName) && Same(Strength, other.Strength) && Same(DosageForm, other.DosageForm);
    }

    public string Label => MedicineLabel.Of(BrandName, GenericName, Strength, DosageForm);

    private static bool Same(string a, string b) => string.Equals(Tidy(a), Tidy(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Trimmed, with runs of spaces as one: "Dolo  650 " and "Dolo 650" are one brand.</summary>
    private static string Tidy(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// The rules for a medicine's fields, shared by the dialog (client-side), the CSV import (each row) and the services
/// (again on the server). Each returns null when the value is acceptable, otherwise the message for the field. The
/// lengths are the columns' (MedicineColumns in the data model).
/// </summary>
public static class MedicineRules
{
    public const int BrandNameMaxLength = 120;
    public const int GenericNameMaxLength = 300;
    public const int StrengthMaxLength = 80;
    public const int DosageFormMaxLength = 40;
    public const int DrugClassMaxLength = 80;
    public const int CategoryMaxLength = 80;
    public const int ManufacturerMaxLength = 120;

    /// <summary>numeric(10,2): up to 99,999,999.99.</summary>
    public const decimal MaxPriceInr = 99_999_999.99m;

    /// <summary>Forms the dialog suggests; any other form may be typed.</summary>
    public static IReadOnlyList<string> CommonDosageForms { get; } =
    [
        "Tablet", "Capsule", "Syrup", "Suspension", "Drops", "Injection", "Cream", "Ointment", "Gel", "Lotion", "Inhaler",
        "Nasal spray", "Eye drops", "Ear drops", "Mouthwash", "Powder", "Sachet", "Soap",
    ];

    public static string? BrandNameError(string? value) => Required(value, "brand name", BrandNameMaxLength);

    public static string? GenericNameError(string? value) => Required(value, "generic name", GenericNameMaxLength);

    public static string? StrengthError(string? value) => Required(value, "strength", StrengthMaxLength, " (e.g. 500 mg, or 5 mg/5 ml for a syrup)");

    public static string? DosageFormError(string? value) => Required(value, "dosage form", DosageFormMaxLength);

    public static string? DrugClassError(string? value) => Required(value, "drug class", DrugClassMaxLength, " (e.g. Penicillins: allergy warnings compare it)");

    public static string? CategoryError(string? value) => Optional(value, "category", CategoryMaxLength);

    public static string? ManufacturerError(string? value) => Optional(value, "manufacturer", ManufacturerMaxLength);

    public static string? ScheduleError(MedicineSchedule? value) =>
        value is { } schedule && Enum.IsDefined(schedule) ? null : "Choose the schedule: OTC, H, H1 or X.";

    public static string? PriceError(decimal? value) => value switch
    {
        null => null,
        < 0 => "The price cannot be negative.",
        > MaxPriceInr => $"The price must be at most ₹{MaxPriceInr.ToString("N2", CultureInfo.InvariantCulture)}.",
        { } price when decimal.Round(price, 2) != price => "Give the price in rupees with at most 2 decimals (paise).",
        _ => null,
    };

    /// <summary>The platform's catalogue gives every medicine a typical price.</summary>
    public static string? RequiredPriceError(decimal? value) => value is null ? "Enter the typical price per unit in rupees." : PriceError(value);

    public static string DuplicateMessage(string label) =>
        $"Your practice already has {label} among its active medicines. Edit that one instead.";

    /// <summary>Every field's rule at once, keyed by the input's property names: the refusal, or null when valid.</summary>
    public static ChangeResult? Check(MedicineInput input, bool priceRequired = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeResult.InvalidIfAny(Errors(input, priceRequired));
    }

    public static IEnumerable<KeyValuePair<string, string?>> Errors(MedicineInput input, bool priceRequired = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        return
        [
            new(nameof(MedicineInput.BrandName), BrandNameError(input.BrandName)),
            new(nameof(MedicineInput.GenericName), GenericNameError(input.GenericName)),
            new(nameof(MedicineInput.Strength), StrengthError(input.Strength)),
            new(nameof(MedicineInput.DosageForm), DosageFormError(input.DosageForm)),
            new(nameof(MedicineInput.DrugClass), DrugClassError(input.DrugClass)),
            new(nameof(MedicineInput.Category), CategoryError(input.Category)),
            new(nameof(MedicineInput.Manufacturer), ManufacturerError(input.Manufacturer)),
            new(nameof(MedicineInput.Schedule), ScheduleError(input.Schedule)),
            new(nameof(MedicineInput.TypicalPriceInr), priceRequired ? RequiredPriceError(input.TypicalPriceInr) : PriceError(input.TypicalPriceInr)),
        ];
    }

    private static string? Required(string? value, string what, int maxLength, string example = "")
    {
        var length = value?.Trim().Length ?? 0;
        return length switch
        {
            0 => $"Enter the {what}{example}.",
            _ when length > maxLength => $"Keep the {what} to {maxLength} characters.",
            _ => null,
        };
    }

    private static string? Optional(string? value, string what, int maxLength) =>
        (value?.Trim().Length ?? 0) > maxLength ? $"Keep the {what} to {maxLength} characters." : null;
}
