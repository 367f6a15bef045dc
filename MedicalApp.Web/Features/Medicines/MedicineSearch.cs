using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// Finds the medicines the practice may prescribe by a fragment of their brand or generic name: the global catalogue
/// less what the practice hid, plus its own active medicines, the practice's most prescribed first. On PostgreSQL
/// through the <c>search_medicines</c> function (see the MedicineSearch migration), so the trigram indexes work under
/// row-level security; on SQLite through LIKE, with the same rows in the same order.
/// </summary>
public sealed class MedicineSearch(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors)
{
    public const int DefaultMax = 20;

    /// <summary>The most one search returns, whatever is asked (the function's own cap).</summary>
    public const int MaxRows = 50;

    /// <summary>
    /// Up to <paramref name="max"/> medicines matching <paramref name="text"/>; nothing when the text has fewer than
    /// <see cref="MedicineSearchPattern.MinLength"/> characters. Any active member may search (everyone reads and prints
    /// prescriptions); refused when the actor is no member of this practice any more.
    /// </summary>
    public async Task<IReadOnlyList<MedicineChoice>> SearchAsync(string? text, int max = DefaultMax, CancellationToken ct = default)
    {
        if (MedicineSearchPattern.From(text) is not { } pattern)
        {
            return [];
        }

        var limit = Math.Clamp(max, 1, MaxRows);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await actors.RequireAsync(db, PracticePermission.ViewPrescriptions, cancellationToken: ct);
        var rows = db.Database.IsNpgsql()
            ? await SearchPostgresAsync(db, pattern, limit, ct)
            : await SearchWithLinqAsync(db, pattern, limit, ct);
        return [.. rows.Select(r => new MedicineChoice(
            r.IsGlobal, r.Id, r.BrandName, r.GenericName, r.Strength, r.DosageForm, r.DrugClass, Enum.Parse<MedicineSchedule>(r.Schedule), r.TimesPrescribed))];
    }

    /// <summary>A row as both providers return it (the names are the search_medicines columns).</summary>
    internal sealed record SearchSqlRow(
        bool IsGlobal, Guid Id, string BrandName, string GenericName, string Strength, string DosageForm, string DrugClass, string Schedule,
        int TimesPrescribed);

    private static Task<List<SearchSqlRow>> SearchPostgresAsync(MedicalDbContext db, string pattern, int limit, CancellationToken ct) =>
        db.Database.SqlQueryRaw<SearchSqlRow>(
                "SELECT * FROM search_medicines(@name_pattern, @max_rows)",
                new NpgsqlParameter("name_pattern", NpgsqlDbType.Text) { Value = pattern },
                new NpgsqlParameter("max_rows", NpgsqlDbType.Integer) { Value = limit })
            .ToListAsync(ct);

    private static async Task<List<SearchSqlRow>> SearchWithLinqAsync(MedicalDbContext db, string pattern, int limit, CancellationToken ct)
    {
        const string escape = "\\";
        // Each side's first rows in the function's order, then merged: the union's first rows are among them.
        // Projected to anonymous rows: EF orders by their members (not by a record's constructor arguments).
        var global = (await db.GlobalMedicines.AsNoTracking()
            .Where(g => g.IsActive && EF.Functions.Like(g.SearchText, pattern, escape)
                && !db.HiddenGlobalMedicines.Any(h => h.GlobalMedicineId == g.Id))
            .Select(g => new
            {
                g.Id, g.BrandName, g.GenericName, g.Strength, g.DosageForm, g.DrugClass, g.Schedule,
                Times = db.MedicineUsage.Where(u => u.GlobalMedicineId == g.Id).Select(u => u.TimesPrescribed).FirstOrDefault(),
            })
            .OrderByDescending(r => r.Times).ThenBy(r => r.BrandName).ThenBy(r => r.Strength).ThenBy(r => r.Id)
            .Take(limit)
            .ToListAsync(ct))
            .Select(r => new Candidate(true, r.Id, r.BrandName, r.GenericName, r.Strength, r.DosageForm, r.DrugClass, r.Schedule, r.Times));
        var own = (await db.PracticeMedicines.AsNoTracking()
            .Where(p => p.IsActive && EF.Functions.Like(p.SearchText, pattern, escape))
            .Select(p => new
            {
                p.Id, p.BrandName, p.GenericName, p.Strength, p.DosageForm, p.DrugClass, p.Schedule,
                Times = db.MedicineUsage.Where(u => u.PracticeMedicineId == p.Id).Select(u => u.TimesPrescribed).FirstOrDefault(),
            })
            .OrderByDescending(r => r.Times).ThenBy(r => r.BrandName).ThenBy(r => r.Strength).ThenBy(r => r.Id)
            .Take(limit)
            .ToListAsync(ct))
            .Select(r => new Candidate(false, r.Id, r.BrandName, r.GenericName, r.Strength, r.DosageForm, r.DrugClass, r.Schedule, r.Times));
        return [.. global.Concat(own)
            .Select(c => new SearchSqlRow(c.IsGlobal, c.Id, c.BrandName, c.GenericName, c.Strength, c.DosageForm, c.DrugClass, c.Schedule.ToString(), c.TimesPrescribed))
            .Order(FunctionOrder.Instance)
            .Take(limit)];
    }

    private sealed record Candidate(
        bool IsGlobal, Guid Id, string BrandName, string GenericName, string Strength, string DosageForm, string DrugClass, MedicineSchedule Schedule,
        int TimesPrescribed);

    /// <summary>
    /// The function's ORDER BY in memory, as SQLite compares: most prescribed first, then brand and strength in byte
    /// order (BINARY; PostgreSQL orders them by the database's collation, the same in a C-collated database), then the id
    /// as text (the order of uuids too).
    /// </summary>
    private sealed class FunctionOrder : IComparer<SearchSqlRow>
    {
        public static readonly FunctionOrder Instance = new();

        public int Compare(SearchSqlRow? x, SearchSqlRow? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byUse = y.TimesPrescribed.CompareTo(x.TimesPrescribed);
            if (byUse != 0)
            {
                return byUse;
            }

            var byBrand = string.CompareOrdinal(x.BrandName, y.BrandName);
            if (byBrand != 0)
            {
                return byBrand;
            }

            var byStrength = string.CompareOrdinal(x.Strength, y.Strength);
            return byStrength != 0 ? byStrength : string.CompareOrdinal(x.Id.ToString("D"), y.Id.ToString("D"));
        }
    }
}
