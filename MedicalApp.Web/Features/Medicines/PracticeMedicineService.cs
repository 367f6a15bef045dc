using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// The practice's own medicines (add, edit, deactivate, reactivate) and its choice of global ones (hide, show again).
/// Own medicines are never deleted: prescriptions and short keys point at them. Every change runs in the practice
/// frame (docs/decisions/0010) with its audit row.
/// </summary>
public sealed class PracticeMedicineService(PracticeChanges changes)
{
    internal static readonly ChangeRule ManageMedicines = new(
        PracticePermission.ManageMedicines, "Only doctors and administrators can change the practice's medicines.");

    public const string NotFoundMessage = "This medicine does not exist in your practice (it may have been removed).";

    public const string GlobalNotFoundMessage = "This medicine is not in the catalogue any more.";

    public Task<ChangeResult<Guid>> AddAsync(MedicineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync<Guid>(ManageMedicines, async change =>
        {
            if (MedicineRules.Check(input) is { } invalid)
            {
                return invalid;
            }

            var values = MedicineValues.From(input);
            if (await DuplicateAsync(change.Db, values, exceptId: null, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            var medicine = New(values, change.Actor.UserId, change.NowUtc);
            change.Db.PracticeMedicines.Add(medicine);
            change.Audit(AuditActions.PracticeMedicineAdded, nameof(PracticeMedicine), medicine.Id, $"Added “{values.Label}”.");
            return ChangeResult<Guid>.Done(medicine.Id, $"{values.BrandName} added.");
        }, cancellationToken);
    }

    public Task<ChangeResult> UpdateAsync(Guid id, MedicineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(ManageMedicines, async change =>
        {
            if (MedicineRules.Check(input) is { } invalid)
            {
                return invalid;
            }

            var medicine = await change.Db.PracticeMedicines.FindInTenantAsync(id, cancellationToken);
            if (medicine is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(input.Version, medicine))
            {
                return ChangeResult.Stale("medicine");
            }

            var values = MedicineValues.From(input);
            if (medicine.IsActive && await DuplicateAsync(change.Db, values, exceptId: id, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            var before = MedicineLabel.Of(medicine);
            var changed = Apply(medicine, values);
            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            change.Audit(AuditActions.PracticeMedicineChanged, nameof(PracticeMedicine), id, $"Changed {string.Join(", ", changed)} of “{before}”.");
            return ChangeResult.Done($"{medicine.BrandName} saved.");
        }, cancellationToken);
    }

    /// <summary>No longer offered in searches and short keys; stays on the prescriptions that name it.</summary>
    public Task<ChangeResult> DeactivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageMedicines, async change =>
        {
            var medicine = await change.Db.PracticeMedicines.FindInTenantAsync(id, cancellationToken);
            if (medicine is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (!medicine.IsActive)
            {
                return ChangeResult.Unchanged();
            }

            medicine.IsActive = false;
            change.Audit(AuditActions.PracticeMedicineDeactivated, nameof(PracticeMedicine), id, $"Deactivated “{MedicineLabel.Of(medicine)}”.");
            return ChangeResult.Done($"{medicine.BrandName} deactivated.");
        }, cancellationToken);

    /// <summary>Offered again, unless an active medicine of the same brand, strength and form was added meanwhile.</summary>
    public Task<ChangeResult> ReactivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageMedicines, async change =>
        {
            var medicine = await change.Db.PracticeMedicines.FindInTenantAsync(id, cancellationToken);
            if (medicine is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (medicine.IsActive)
            {
                return ChangeResult.Unchanged();
            }

            var values = MedicineValues.From(InputOf(medicine));
            if (await DuplicateAsync(change.Db, values, exceptId: id, cancellationToken) is { } duplicate)
            {
                return ChangeResult.Refused(duplicate.FieldErrors.Values.Single());
            }

            medicine.IsActive = true;
            change.Audit(AuditActions.PracticeMedicineReactivated, nameof(PracticeMedicine), id, $"Reactivated “{MedicineLabel.Of(medicine)}”.");
            return ChangeResult.Done($"{medicine.BrandName} reactivated.");
        }, cancellationToken);

    /// <summary>The practice stops being offered a global medicine (old prescriptions still name it).</summary>
    public Task<ChangeResult> HideGlobalAsync(Guid globalMedicineId, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageMedicines, async change =>
        {
            var medicine = await change.Db.GlobalMedicines.AsNoTracking().FirstOrDefaultAsync(g => g.Id == globalMedicineId && g.IsActive, cancellationToken);
            if (medicine is null)
            {
                return ChangeResult.NotFound(GlobalNotFoundMessage);
            }

            if (await change.Db.HiddenGlobalMedicines.AnyAsync(h => h.GlobalMedicineId == globalMedicineId, cancellationToken))
            {
                return ChangeResult.Unchanged();
            }

            change.Db.HiddenGlobalMedicines.Add(new HiddenGlobalMedicine
            {
                GlobalMedicineId = globalMedicineId,
                HiddenAtUtc = change.NowUtc,
                HiddenByUserId = change.Actor.UserId,
            });
            change.Audit(AuditActions.GlobalMedicineHidden, nameof(GlobalMedicine), globalMedicineId, $"Hid “{MedicineLabel.Of(medicine)}” from the practice's searches.");
            return ChangeResult.Done($"{medicine.BrandName} is hidden from your practice.");
        }, cancellationToken);

    public Task<ChangeResult> UnhideGlobalAsync(Guid globalMedicineId, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageMedicines, async change =>
        {
            var hidden = await change.Db.HiddenGlobalMedicines.Include(h => h.GlobalMedicine)
                .FirstOrDefaultAsync(h => h.GlobalMedicineId == globalMedicineId, cancellationToken);
            if (hidden is null)
            {
                return await change.Db.GlobalMedicines.AnyAsync(g => g.Id == globalMedicineId, cancellationToken)
                    ? ChangeResult.Unchanged()
                    : ChangeResult.NotFound(GlobalNotFoundMessage);
            }

            change.Db.HiddenGlobalMedicines.Remove(hidden);
            change.Audit(AuditActions.GlobalMedicineUnhidden, nameof(GlobalMedicine), globalMedicineId,
                $"Offered “{MedicineLabel.Of(hidden.GlobalMedicine!)}” in the practice's searches again.");
            return ChangeResult.Done($"{hidden.GlobalMedicine!.BrandName} is offered again.");
        }, cancellationToken);

    internal static PracticeMedicine New(MedicineValues values, Guid createdBy, DateTime nowUtc) => new()
    {
        BrandName = values.BrandName,
        GenericName = values.GenericName,
        Strength = values.Strength,
        DosageForm = values.DosageForm,
        DrugClass = values.DrugClass,
        Category = values.Category,
        Manufacturer = values.Manufacturer,
        Schedule = values.Schedule,
        TypicalPriceInr = values.TypicalPriceInr,
        SearchText = MedicineSearchText.Of(values.BrandName, values.GenericName),
        IsActive = true,
        CreatedAtUtc = nowUtc,
        CreatedByUserId = createdBy,
    };

    internal static MedicineInput InputOf(PracticeMedicine medicine) => new()
    {
        BrandName = medicine.BrandName,
        GenericName = medicine.GenericName,
        Strength = medicine.Strength,
        DosageForm = medicine.DosageForm,
        DrugClass = medicine.DrugClass,
        Category = medicine.Category,
        Manufacturer = medicine.Manufacturer,
        Schedule = medicine.Schedule,
        TypicalPriceInr = medicine.TypicalPriceInr,
        Version = medicine.Version,
    };

    /// <summary>
    /// The practice's active medicines of the same brand as <paramref name="values"/> (any case), compared in memory
    /// on brand, strength and form. Under the frame's practice lock, so two adds of the same medicine cannot both pass.
    /// </summary>
    private static async Task<ChangeResult?> DuplicateAsync(MedicalDbContext db, MedicineValues values, Guid? exceptId, CancellationToken cancellationToken)
    {
        var brand = values.BrandName.ToLowerInvariant();
        var sameBrand = await db.PracticeMedicines.AsNoTracking()
            .Where(p => p.IsActive && p.Id != exceptId && p.BrandName.ToLower() == brand)
            .ToListAsync(cancellationToken);
        return sameBrand.Any(values.IsSameProductAs)
            ? ChangeResult.Invalid(nameof(MedicineInput.BrandName), MedicineRules.DuplicateMessage(values.Label))
            : null;
    }

    private static List<string> Apply(PracticeMedicine medicine, MedicineValues values)
    {
        var changed = new List<string>();
        void Set<T>(string name, T current, T next, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, next))
            {
                changed.Add(name);
                assign(next);
            }
        }

        Set("brand name", medicine.BrandName, values.BrandName, v => medicine.BrandName = v);
        Set("generic name", medicine.GenericName, values.GenericName, v => medicine.GenericName = v);
        Set("strength", medicine.Strength, values.Strength, v => medicine.Strength = v);
        Set("dosage form", medicine.DosageForm, values.DosageForm, v => medicine.DosageForm = v);
        Set("drug class", medicine.DrugClass, values.DrugClass, v => medicine.DrugClass = v);
        Set("category", medicine.Category, values.Category, v => medicine.Category = v);
        Set("manufacturer", medicine.Manufacturer, values.Manufacturer, v => medicine.Manufacturer = v);
        Set("schedule", medicine.Schedule, values.Schedule, v => medicine.Schedule = v);
        Set("price", medicine.TypicalPriceInr, values.TypicalPriceInr, v => medicine.TypicalPriceInr = v);
        medicine.SearchText = MedicineSearchText.Of(medicine.BrandName, medicine.GenericName);
        return changed;
    }
}
