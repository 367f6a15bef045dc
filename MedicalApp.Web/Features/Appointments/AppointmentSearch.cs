using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>What the appointment search asks: free text (a number, a patient's name or mobile) and practice-local days.</summary>
public sealed record AppointmentSearchQuery(string? Text, DateOnly From, DateOnly To, int Page = 0, int PageSize = 25);

/// <summary>A page of search results, or nothing searched and the reason (text too short, days the wrong way round).</summary>
public sealed record AppointmentSearchResults(IReadOnlyList<AppointmentRow> Items, int TotalCount, string? Problem)
{
    public static AppointmentSearchResults NotSearched(string problem) => new([], 0, problem);
}

/// <summary>
/// Finds appointments by number ("APT-20261207-0001", or part of it), by the patient's name or mobile (the same
/// rules as the patient search) within a range of days. The practice is the connection's, so another practice's
/// appointments never match, whatever is typed.
/// </summary>
public sealed class AppointmentSearch(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock)
{
    /// <summary>A year: the search runs on an index of times, but an unbounded range would page through a practice's history.</summary>
    public const int MaxRangeDays = 366;

    /// <summary>The range the search page opens with: today and the next 30 days.</summary>
    public const int DefaultRangeDays = 30;

    public const string NumberPrefix = "APT";

    public static string? RangeProblem(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, _) or (_, null) => "Choose the first and the last day to search.",
        ({ } f, { } t) when t < f => "The last day must not be before the first day.",
        ({ } f, { } t) when t.DayNumber - f.DayNumber + 1 > MaxRangeDays => $"Search at most {MaxRangeDays} days at a time.",
        _ => null,
    };

    public async Task<AppointmentSearchResults> SearchAsync(AppointmentSearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (RangeProblem(query.From, query.To) is { } rangeProblem)
        {
            return AppointmentSearchResults.NotSearched(rangeProblem);
        }

        var text = query.Text?.Trim() ?? "";
        var isNumber = text.StartsWith(NumberPrefix, StringComparison.OrdinalIgnoreCase);
        var terms = isNumber ? null : PatientSearchTerms.Parse(text);
        if (terms?.Problem is { } termsProblem)
        {
            return AppointmentSearchResults.NotSearched(termsProblem);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.BookAppointments, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var fromUtc = practiceClock.DayStartUtc(query.From);
        var toUtc = practiceClock.DayStartUtc(query.To.AddDays(1));
        var appointments = db.Appointments.AsNoTracking().Where(a => a.StartsAtUtc >= fromUtc && a.StartsAtUtc < toUtc);

        const string escape = "\\";
        if (isNumber)
        {
            // Numbers are stored upper-case; what was typed matches anywhere in them, literally.
            var pattern = "%" + PatientSearchTerms.Escape(text.ToUpperInvariant()) + "%";
            appointments = appointments.Where(a => EF.Functions.Like(a.Number, pattern, escape));
        }
        else if (terms is not null)
        {
            if (terms is { NamePattern: { } name, NamePatternAlt: { } alt })
            {
                appointments = appointments.Where(a => EF.Functions.Like(a.Patient!.SearchName, name, escape) || EF.Functions.Like(a.Patient!.SearchName, alt, escape));
            }
            else if (terms.NamePattern is { } namePattern)
            {
                appointments = appointments.Where(a => EF.Functions.Like(a.Patient!.SearchName, namePattern, escape));
            }

            if (terms.MobilePattern is { } mobile)
            {
                appointments = appointments.Where(a => EF.Functions.Like(a.Patient!.Mobile, mobile, escape));
            }
        }

        var total = await appointments.CountAsync(cancellationToken);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var rows = await AppointmentQueries.Project(appointments.OrderBy(a => a.StartsAtUtc).ThenBy(a => a.Number)
                .Skip(Math.Max(0, query.Page) * size).Take(size))
            .ToListAsync(cancellationToken);
        return new AppointmentSearchResults(rows.Select(r => AppointmentQueries.ToRow(r, practiceClock)).ToList(), total, null);
    }
}
