using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MedicalApp.Web.Features.Patients;

/// <summary>Patient search: one query shape, two ways to run it (a PostgreSQL function, LIKE through EF on SQLite).</summary>
public sealed partial class PatientQueries
{
    /// <summary>
    /// Patients by partial name (at least 2 letters) and/or mobile digits (at least 3), 20 a page (1-based), with
    /// filters; empty text lists everyone alphabetically. On PostgreSQL through the search_patients function (see
    /// the PatientSearch migration) so the trigram indexes work under row-level security; on SQLite through LIKE.
    /// </summary>
    public async Task<PatientSearchPage> SearchAsync(string? text, PatientSearchFilters? filters = null, int page = 1, CancellationToken cancellationToken = default)
    {
        filters ??= PatientSearchFilters.ActiveOnly;
        page = Math.Max(1, page);
        var terms = PatientSearchTerms.Parse(text);
        if (terms.Problem is { } problem)
        {
            return PatientSearchPage.NotSearched(problem, PageSize);
        }

        if (AgeRangeProblem(filters) is { } ageProblem)
        {
            return PatientSearchPage.NotSearched(ageProblem, PageSize);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var today = (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
        // Age a..b on today means born after today-(b+1) years and on or before today-a years.
        DateOnly? bornAfter = filters.MaxAge is { } max ? today.AddYears(-(max + 1)) : null;
        DateOnly? bornOnOrBefore = filters.MinAge is { } min ? today.AddYears(-min) : null;
        var skip = (page - 1) * PageSize;

        var (rows, counted) = db.Database.IsNpgsql()
            ? await SearchPostgresAsync(db, terms, filters, bornAfter, bornOnOrBefore, skip, cancellationToken)
            : await SearchWithLinqAsync(db, terms, filters, bornAfter, bornOnOrBefore, skip, cancellationToken);
        var results = rows.Select(r => new PatientSearchRow(
            r.Id, r.FirstName, r.LastName,
            new Patient { DateOfBirth = r.DateOfBirth, AgeYears = r.AgeYears, AgeRecordedOn = r.AgeRecordedOn }.AgeOn(today),
            Enum.Parse<Gender>(r.Gender), r.Mobile, r.IsPrimary, Enum.Parse<FamilyRelationship>(r.Relationship), r.IsActive)).ToList();
        // An empty page past the end (the list shrank meanwhile) still knows how many there were before it.
        var total = counted ?? skip;
        return new PatientSearchPage(results, page, PageSize, Math.Min(total, CountLimit), total > CountLimit, null);
    }

    public static string? AgeRangeProblem(PatientSearchFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.MinAge is < 0 or > PatientRules.MaxAgeYears || filters.MaxAge is < 0 or > PatientRules.MaxAgeYears)
        {
            return $"Ages are between 0 and {PatientRules.MaxAgeYears} years.";
        }

        return filters is { MinAge: { } min, MaxAge: { } max } && min > max ? "The lowest age must not be above the highest." : null;
    }

    /// <summary>A search result row as both providers return it (names match the search_patients columns).</summary>
    internal sealed record SearchSqlRow(
        Guid Id, string FirstName, string LastName, DateOnly? DateOfBirth, int? AgeYears, DateOnly? AgeRecordedOn, string Gender,
        string Mobile, bool IsPrimary, string Relationship, bool IsActive, int TotalCount);

    private static async Task<(List<SearchSqlRow> Rows, int? Total)> SearchPostgresAsync(
        MedicalDbContext db, PatientSearchTerms terms, PatientSearchFilters filters, DateOnly? bornAfter, DateOnly? bornOnOrBefore, int skip,
        CancellationToken cancellationToken)
    {
        object Value(object? value) => value ?? DBNull.Value;
        var parameters = new object[]
        {
            new NpgsqlParameter("name_pattern", NpgsqlDbType.Text) { Value = Value(terms.NamePattern) },
            new NpgsqlParameter("name_pattern_alt", NpgsqlDbType.Text) { Value = Value(terms.NamePatternAlt) },
            new NpgsqlParameter("mobile_pattern", NpgsqlDbType.Text) { Value = Value(terms.MobilePattern) },
            new NpgsqlParameter("gender_filter", NpgsqlDbType.Text) { Value = Value(filters.Gender?.ToString()) },
            new NpgsqlParameter("born_after", NpgsqlDbType.Date) { Value = Value(bornAfter) },
            new NpgsqlParameter("born_on_or_before", NpgsqlDbType.Date) { Value = Value(bornOnOrBefore) },
            new NpgsqlParameter("active_filter", NpgsqlDbType.Text) { Value = filters.Status.ToString().ToLowerInvariant() },
            new NpgsqlParameter("max_rows", NpgsqlDbType.Integer) { Value = PageSize },
            new NpgsqlParameter("skip_rows", NpgsqlDbType.Integer) { Value = skip },
            new NpgsqlParameter("count_limit", NpgsqlDbType.Integer) { Value = CountLimit },
        };
        var rows = await db.Database.SqlQueryRaw<SearchSqlRow>(
                "SELECT * FROM search_patients(@name_pattern, @name_pattern_alt, @mobile_pattern, @gender_filter, @born_after, " +
                "@born_on_or_before, @active_filter, @max_rows, @skip_rows, @count_limit)",
                parameters)
            .ToListAsync(cancellationToken);
        return (rows, rows.Count > 0 ? rows[0].TotalCount : null);
    }

    private static async Task<(List<SearchSqlRow> Rows, int? Total)> SearchWithLinqAsync(
        MedicalDbContext db, PatientSearchTerms terms, PatientSearchFilters filters, DateOnly? bornAfter, DateOnly? bornOnOrBefore, int skip,
        CancellationToken cancellationToken)
    {
        const string escape = "\\";
        var query = db.Patients.AsNoTracking();
        if (terms is { NamePattern: { } name, NamePatternAlt: { } alt })
        {
            query = query.Where(p => EF.Functions.Like(p.SearchName, name, escape) || EF.Functions.Like(p.SearchName, alt, escape));
        }
        else if (terms.NamePattern is { } pattern)
        {
            query = query.Where(p => EF.Functions.Like(p.SearchName, pattern, escape));
        }

        if (terms.MobilePattern is { } mobile)
        {
            query = query.Where(p => EF.Functions.Like(p.Mobile, mobile, escape));
        }

        if (filters.Gender is { } gender)
        {
            query = query.Where(p => p.Gender == gender);
        }

        // Without a date of birth, the recorded age gives an estimated one (as in the PostgreSQL function).
        if (bornAfter is { } after)
        {
            query = query.Where(p => (p.DateOfBirth ?? p.AgeRecordedOn!.Value.AddYears(-p.AgeYears!.Value)) > after);
        }

        if (bornOnOrBefore is { } before)
        {
            query = query.Where(p => (p.DateOfBirth ?? p.AgeRecordedOn!.Value.AddYears(-p.AgeYears!.Value)) <= before);
        }

        query = filters.Status switch
        {
            PatientStatusFilter.Active => query.Where(p => p.IsActive),
            PatientStatusFilter.Inactive => query.Where(p => !p.IsActive),
            _ => query,
        };

        var total = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        var rows = await query.OrderBy(p => p.SearchName).ThenBy(p => p.Mobile).ThenBy(p => p.Id)
            .Skip(skip).Take(PageSize)
            .Select(p => new
            {
                p.Id, p.FirstName, p.LastName, p.DateOfBirth, p.AgeYears, p.AgeRecordedOn, p.Gender, p.Mobile, p.IsPrimary,
                p.Relationship, p.IsActive,
            })
            .ToListAsync(cancellationToken);
        return ([.. rows.Select(r => new SearchSqlRow(r.Id, r.FirstName, r.LastName, r.DateOfBirth, r.AgeYears, r.AgeRecordedOn,
            r.Gender.ToString(), r.Mobile, r.IsPrimary, r.Relationship.ToString(), r.IsActive, total))], total);
    }
}
