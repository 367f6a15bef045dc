using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>Which medicines the list shows.</summary>
public enum MedicineListFilter
{
    /// <summary>What the practice is offered (the catalogue less hidden ones) and all its own, inactive ones included.</summary>
    All,

    /// <summary>The practice's own medicines, active and inactive.</summary>
    Own,

    /// <summary>Catalogue medicines the practice is offered.</summary>
    Global,

    /// <summary>Catalogue medicines the practice hid.</summary>
    Hidden,
}

public sealed record MedicineListQuery(string? Text, MedicineListFilter Filter = MedicineListFilter.All, int Page = 0, int PageSize = 25);

/// <summary>One medicine of the list, global or the practice's own, as the page shows it.</summary>
public sealed record MedicineRow(
    bool IsGlobal, Guid Id, string BrandName, string GenericName, string Strength, string DosageForm, string DrugClass,
    string Category, string Manufacturer, MedicineSchedule Schedule, decimal? TypicalPriceInr, bool IsActive, bool IsHidden, int Version)
{
    public string Label => MedicineLabel.Of(BrandName, GenericName, Strength, DosageForm);
}

/// <summary>A page of the list (0-based), how many match in all, or why the text was not searched.</summary>
public sealed record MedicineListPage(IReadOnlyList<MedicineRow> Rows, int Total, string? Problem);

/// <summary>
/// The medicines page's list: the catalogue as the practice sees it and its own medicines, in one alphabetical list,
/// a page at a time, with a fragment filter over brand and generic name. A browsing list, not the prescribing search
/// (<see cref="MedicineSearch"/>): it shows inactive own medicines and hidden catalogue ones, which the search never offers.
/// </summary>
public sealed class MedicineListQueries(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors)
{
    public const int MaxPageSize = 100;

    public static readonly string TooShortMessage = $"Type at least {MedicineSearchPattern.MinLength} letters of a brand or generic name.";

    public async Task<MedicineListPage> ListAsync(MedicineListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pattern = MedicineSearchPattern.From(query.Text);
        if (pattern is null && !string.IsNullOrWhiteSpace(query.Text))
        {
            return new MedicineListPage([], 0, TooShortMessage);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPrescriptions, cancellationToken: cancellationToken);
        const string escape = "\\";
        var hiddenIds = db.HiddenGlobalMedicines.Select(h => h.GlobalMedicineId);

        var global = db.GlobalMedicines.AsNoTracking().Where(g => g.IsActive);
        global = query.Filter switch
        {
            MedicineListFilter.Hidden => global.Where(g => hiddenIds.Contains(g.Id)),
            MedicineListFilter.Own => global.Where(g => false),
            _ => global.Where(g => !hiddenIds.Contains(g.Id)),
        };
        var own = db.PracticeMedicines.AsNoTracking();
        if (query.Filter is MedicineListFilter.Global or MedicineListFilter.Hidden)
        {
            own = own.Where(p => false);
        }

        if (pattern is not null)
        {
            global = global.Where(g => EF.Functions.Like(g.SearchText, pattern, escape));
            own = own.Where(p => EF.Functions.Like(p.SearchText, pattern, escape));
        }

        // Hidden-ness is known from the filter: the Hidden list holds only hidden ones, the others none.
        var hidden = query.Filter == MedicineListFilter.Hidden;
        var rows = global
            .Select(g => new ListRow
            {
                IsGlobal = true, Id = g.Id, BrandName = g.BrandName, GenericName = g.GenericName, Strength = g.Strength, DosageForm = g.DosageForm,
                DrugClass = g.DrugClass, Category = g.Category, Manufacturer = g.Manufacturer, Schedule = g.Schedule,
                TypicalPriceInr = g.TypicalPriceInr, IsActive = true, Version = g.Version,
            })
            .Concat(own.Select(p => new ListRow
            {
                IsGlobal = false, Id = p.Id, BrandName = p.BrandName, GenericName = p.GenericName, Strength = p.Strength, DosageForm = p.DosageForm,
                DrugClass = p.DrugClass, Category = p.Category, Manufacturer = p.Manufacturer, Schedule = p.Schedule,
                TypicalPriceInr = p.TypicalPriceInr, IsActive = p.IsActive, Version = p.Version,
            }));

        var total = await rows.CountAsync(cancellationToken);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await rows
            .OrderBy(r => r.BrandName).ThenBy(r => r.Strength).ThenBy(r => r.DosageForm).ThenBy(r => r.IsGlobal).ThenBy(r => r.Id)
            .Skip(Math.Max(0, query.Page) * size)
            .Take(size)
            .ToListAsync(cancellationToken);
        return new MedicineListPage(
            [.. page.Select(r => new MedicineRow(r.IsGlobal, r.Id, r.BrandName, r.GenericName, r.Strength, r.DosageForm, r.DrugClass, r.Category,
                r.Manufacturer, r.Schedule, r.TypicalPriceInr, r.IsActive, r.IsGlobal && hidden, r.Version))],
            total, null);
    }

    /// <summary>The drug classes in use (catalogue and the practice's own), for the form's suggestions.</summary>
    public async Task<IReadOnlyList<string>> DrugClassesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPrescriptions, cancellationToken: cancellationToken);
        var classes = await db.GlobalMedicines.Where(g => g.IsActive).Select(g => g.DrugClass)
            .Concat(db.PracticeMedicines.Select(p => p.DrugClass))
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. classes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    // A class, not a record: EF builds both sides of the UNION from member initialisers.
    private sealed class ListRow
    {
        public bool IsGlobal { get; init; }

        public Guid Id { get; init; }

        public string BrandName { get; init; } = "";

        public string GenericName { get; init; } = "";

        public string Strength { get; init; } = "";

        public string DosageForm { get; init; } = "";

        public string DrugClass { get; init; } = "";

        public string Category { get; init; } = "";

        public string Manufacturer { get; init; } = "";

        public MedicineSchedule Schedule { get; init; }

        public decimal? TypicalPriceInr { get; init; }

        public bool IsActive { get; init; }

        public int Version { get; init; }
    }
}
