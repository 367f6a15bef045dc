using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Platform;

/// <summary>A medicine of the global catalogue as the console lists it.</summary>
public sealed record CatalogueMedicineRow(
    Guid Id, string BrandName, string GenericName, string Strength, string DosageForm, string DrugClass, string Category, string Manufacturer,
    MedicineSchedule Schedule, decimal TypicalPriceInr, bool IsActive, int Version, DateTime UpdatedAtUtc)
{
    public string Label => MedicineLabel.Of(BrandName, GenericName, Strength, DosageForm);
}

/// <summary>A page of the catalogue (0-based) and how many match in all, or why the text was not searched.</summary>
public sealed record CataloguePage(IReadOnlyList<CatalogueMedicineRow> Rows, int Total, string? Problem);

/// <summary>
/// The global medicine catalogue in the platform console: list, add, edit and withdraw (a withdrawn medicine stays for
/// the prescriptions that name it, and is offered to no practice). It is written only through the platform path: the
/// platform database role (on PostgreSQL the application role may not write the table), a platform administrator read
/// from the database inside each change, versioned edits, and a row of the platform trail saved with every change (no
/// practice is acted upon, so no practice's own log).
/// </summary>
public sealed class PlatformMedicineCatalogue(
    PlatformDbContextFactory contextFactory,
    PlatformAdministrators administrators,
    TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public const string NotFoundMessage = "This medicine is not in the catalogue.";

    public async Task<CataloguePage> ListAsync(string? text, bool includeWithdrawn, int page = 0, int pageSize = 25, CancellationToken cancellationToken = default)
    {
        var pattern = MedicineSearchPattern.From(text);
        if (pattern is null && !string.IsNullOrWhiteSpace(text))
        {
            return new CataloguePage([], 0, MedicineListQueries.TooShortMessage);
        }

        await using var db = contextFactory.CreateDbContext();
        if (await administrators.ReadAsync(db, cancellationToken) is null)
        {
            throw new UnauthorizedAccessException(PlatformPracticeService.AdminsOnlyMessage);
        }

        var medicines = db.GlobalMedicines.AsNoTracking();
        if (!includeWithdrawn)
        {
            medicines = medicines.Where(m => m.IsActive);
        }

        if (pattern is not null)
        {
            medicines = medicines.Where(m => EF.Functions.Like(m.SearchText, pattern, "\\"));
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await medicines.CountAsync(cancellationToken);
        var rows = await medicines.OrderBy(m => m.BrandName).ThenBy(m => m.Strength).ThenBy(m => m.DosageForm).ThenBy(m => m.Id)
            .Skip(Math.Max(0, page) * size).Take(size)
            .Select(m => new CatalogueMedicineRow(m.Id, m.BrandName, m.GenericName, m.Strength, m.DosageForm, m.DrugClass, m.Category, m.Manufacturer,
                m.Schedule, m.TypicalPriceInr, m.IsActive, m.Version, m.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        return new CataloguePage(rows, total, null);
    }

    /// <summary>The drug classes the catalogue uses, offered as a class is typed.</summary>
    public async Task<IReadOnlyList<string>> DrugClassesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        if (await administrators.ReadAsync(db, cancellationToken) is null)
        {
            throw new UnauthorizedAccessException(PlatformPracticeService.AdminsOnlyMessage);
        }

        var classes = await db.GlobalMedicines.Select(m => m.DrugClass).Distinct().ToListAsync(cancellationToken);
        return [.. classes.Where(c => !string.IsNullOrWhiteSpace(c)).Order(StringComparer.OrdinalIgnoreCase)];
    }

    public Task<ChangeResult<Guid>> AddAsync(MedicineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ActAsync<Guid>(async action =>
        {
            if (MedicineRules.Check(input, priceRequired: true) is { } invalid)
            {
                return invalid;
            }

            var values = MedicineValues.From(input);
            if (await DuplicateAsync(action.Db, values, exceptId: null, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            // Console additions get a new id; the shipped catalogue's rows keep theirs.
            var medicine = new GlobalMedicine { Id = Guid.CreateVersion7(), IsActive = true };
            Apply(medicine, values, action.NowUtc);
            action.Db.GlobalMedicines.Add(medicine);
            action.Audit(AuditActions.GlobalMedicineAdded, $"Added “{values.Label}” ({medicine.Schedule}, ₹{medicine.TypicalPriceInr:0.00}) to the catalogue.");
            return ChangeResult<Guid>.Done(medicine.Id, $"{values.BrandName} added to the catalogue.");
        }, cancellationToken);
    }

    public Task<ChangeResult> UpdateAsync(Guid id, MedicineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Plain(ActAsync<object>(async action =>
        {
            if (MedicineRules.Check(input, priceRequired: true) is { } invalid)
            {
                return invalid;
            }

            var medicine = await action.Db.GlobalMedicines.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (medicine is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(input.Version, medicine))
            {
                return ChangeResult.Stale("catalogue medicine");
            }

            var values = MedicineValues.From(input);
            if (medicine.IsActive && await DuplicateAsync(action.Db, values, exceptId: id, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            var before = MedicineLabel.Of(medicine);
            var changed = Changes(medicine, values);
            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            Apply(medicine, values, action.NowUtc);
            action.Audit(AuditActions.GlobalMedicineChanged, $"Changed {string.Join(", ", changed)} of “{before}”.");
            return ChangeResult.Done($"{medicine.BrandName} saved.");
        }, cancellationToken));
    }

    /// <summary>Offered to no practice any more; prescriptions and short keys that name it keep it.</summary>
    public Task<ChangeResult> WithdrawAsync(Guid id, CancellationToken cancellationToken = default) => SetActiveAsync(id, false, cancellationToken);

    public Task<ChangeResult> RestoreAsync(Guid id, CancellationToken cancellationToken = default) => SetActiveAsync(id, true, cancellationToken);

    private Task<ChangeResult> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken) =>
        Plain(ActAsync<object>(async action =>
        {
            var medicine = await action.Db.GlobalMedicines.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (medicine is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (medicine.IsActive == active)
            {
                return ChangeResult.Unchanged();
            }

            if (active && await DuplicateAsync(action.Db, MedicineValues.From(InputOf(medicine)), exceptId: id, cancellationToken) is { } duplicate)
            {
                return ChangeResult.Refused(duplicate.FieldErrors.Values.Single());
            }

            medicine.IsActive = active;
            medicine.UpdatedAtUtc = action.NowUtc;
            action.Audit(active ? AuditActions.GlobalMedicineRestored : AuditActions.GlobalMedicineWithdrawn,
                $"{(active ? "Restored" : "Withdrew")} “{MedicineLabel.Of(medicine)}”.");
            return ChangeResult.Done($"{medicine.BrandName} {(active ? "is offered again" : "is withdrawn")}.");
        }, cancellationToken));

    /// <summary>
    /// The console's frame for a catalogue change: one platform context and transaction, the administrator read inside
    /// it, the change, and one save writing it with its platform audit row, only when it is done.
    /// </summary>
    private async Task<ChangeResult<T>> ActAsync<T>(Func<CatalogueAction, Task<ChangeResult<T>>> act, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await administrators.ReadAsync(db, cancellationToken) is not { } admin)
        {
            return ChangeResult.Forbidden(PlatformPracticeService.AdminsOnlyMessage);
        }

        var action = new CatalogueAction(db, admin, clock.GetUtcNow().UtcDateTime);
        var result = await act(action);
        if (result.Outcome != ChangeOutcome.Done)
        {
            return result;
        }

        if (!action.Audited)
        {
            throw new InvalidOperationException("A catalogue change that saves must record what it did (CatalogueAction.Audit).");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<ChangeResult> Plain(Task<ChangeResult<object>> result) => (await result).Result;

    private sealed class CatalogueAction(MedicalDbContext db, PlatformActor admin, DateTime nowUtc)
    {
        public MedicalDbContext Db => db;

        public DateTime NowUtc => nowUtc;

        public bool Audited { get; private set; }

        public void Audit(string auditAction, string details)
        {
            db.PlatformAuditEvents.Add(new PlatformAuditEvent
            {
                UserId = admin.UserId,
                UserEmail = admin.Email,
                Action = auditAction,
                IpAddress = admin.IpAddress,
                Details = $"Medicine catalogue: {details}",
                OccurredAtUtc = nowUtc,
            });
            Audited = true;
        }
    }

    // The catalogue holds a few hundred rows: the active ones of the brand are compared in memory.
    private static async Task<ChangeResult?> DuplicateAsync(MedicalDbContext db, MedicineValues values, Guid? exceptId, CancellationToken cancellationToken)
    {
        var brand = values.BrandName.ToLowerInvariant();
        var sameBrand = await db.GlobalMedicines.AsNoTracking()
            .Where(m => m.IsActive && m.Id != exceptId && m.BrandName.ToLower() == brand)
            .ToListAsync(cancellationToken);
        return sameBrand.Any(values.IsSameProductAs)
            ? ChangeResult.Invalid(nameof(MedicineInput.BrandName), $"The catalogue already offers {values.Label}. Edit that one instead.")
            : null;
    }

    private static void Apply(GlobalMedicine medicine, MedicineValues values, DateTime nowUtc)
    {
        medicine.BrandName = values.BrandName;
        medicine.GenericName = values.GenericName;
        medicine.Strength = values.Strength;
        medicine.DosageForm = values.DosageForm;
        medicine.DrugClass = values.DrugClass;
        medicine.Category = values.Category;
        medicine.Manufacturer = values.Manufacturer;
        medicine.Schedule = values.Schedule;
        medicine.TypicalPriceInr = values.TypicalPriceInr ?? 0;
        medicine.SearchText = MedicineSearchText.Of(values.BrandName, values.GenericName);
        medicine.UpdatedAtUtc = nowUtc;
    }

    private static List<string> Changes(GlobalMedicine medicine, MedicineValues values)
    {
        var changed = new List<string>();
        void Compare<T>(string name, T current, T next)
        {
            if (!EqualityComparer<T>.Default.Equals(current, next))
            {
                changed.Add(name);
            }
        }

        Compare("brand name", medicine.BrandName, values.BrandName);
        Compare("generic name", medicine.GenericName, values.GenericName);
        Compare("strength", medicine.Strength, values.Strength);
        Compare("dosage form", medicine.DosageForm, values.DosageForm);
        Compare("drug class", medicine.DrugClass, values.DrugClass);
        Compare("category", medicine.Category, values.Category);
        Compare("manufacturer", medicine.Manufacturer, values.Manufacturer);
        Compare("schedule", medicine.Schedule, values.Schedule);
        Compare("price", (decimal?)medicine.TypicalPriceInr, values.TypicalPriceInr);
        return changed;
    }

    public static MedicineInput InputOf(GlobalMedicine medicine)
    {
        ArgumentNullException.ThrowIfNull(medicine);
        return new()
        {
            BrandName = medicine.BrandName, GenericName = medicine.GenericName, Strength = medicine.Strength, DosageForm = medicine.DosageForm,
            DrugClass = medicine.DrugClass, Category = medicine.Category, Manufacturer = medicine.Manufacturer, Schedule = medicine.Schedule,
            TypicalPriceInr = medicine.TypicalPriceInr, Version = medicine.Version,
        };
    }

    public static MedicineInput InputOf(CatalogueMedicineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new()
        {
            BrandName = row.BrandName, GenericName = row.GenericName, Strength = row.Strength, DosageForm = row.DosageForm, DrugClass = row.DrugClass,
            Category = row.Category, Manufacturer = row.Manufacturer, Schedule = row.Schedule, TypicalPriceInr = row.TypicalPriceInr, Version = row.Version,
        };
    }
}
