using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// The waiting-room token a patient gets at check-in: one running number per doctor and practice-local day ("T-01" is
/// the doctor's first arrival of the day), from the same race-free counter as the business numbers, so two check-ins
/// at once never share a token and a rolled-back check-in gives its number back.
/// </summary>
public static class AppointmentTokens
{
    /// <summary>The counter's kind: "TKN" and the doctor's profile id, so each doctor counts on their own.</summary>
    public static string CounterKind(Guid doctorProfileId) => "TKN" + doctorProfileId.ToString("N");

    /// <summary>The doctor's next token on <paramref name="day"/>, inside the transaction that checks the patient in.</summary>
    public static Task<int> NextAsync(MedicalDbContext db, Guid doctorProfileId, DateOnly day, CancellationToken cancellationToken) =>
        BusinessNumbers.NextAsync(db, CounterKind(doctorProfileId), day, cancellationToken);

    /// <summary>
    /// Marks the patient as arrived now and gives the visit the doctor's next token of the visit's day, inside the
    /// change that brings the patient in: a check-in at the desk, and a doctor's "See now" (a walk-in who is in the
    /// room at once, and is shown on the waiting-room display as the token being seen).
    /// </summary>
    public static async Task GiveAsync(MedicalDbContext db, Appointment appointment, PracticeClock clock, CancellationToken cancellationToken)
    {
        appointment.ArrivedAtUtc = clock.NowUtc;
        appointment.TokenNumber = await NextAsync(db, appointment.DoctorProfileId, DateOnly.FromDateTime(clock.ToLocal(appointment.StartsAtUtc)), cancellationToken);
    }

    /// <summary>"T-01": two digits, more past 99.</summary>
    public static string Format(int token) => string.Create(CultureInfo.InvariantCulture, $"T-{token:D2}");

    /// <summary>"T-01", or null when the visit has no token (it never checked in).</summary>
    public static string? Format(int? token) => token is { } value ? Format(value) : null;
}

/// <summary>
/// Where a waiting visit stands in its doctor's queue: what <see cref="WaitingOrder"/> sorts by, read by each screen
/// from its own rows.
/// </summary>
public readonly record struct WaitingPlace(DateTime? UrgentSinceUtc, int? TokenNumber, DateTime? ArrivedAtUtc, DateTime StartsAtUtc, Guid AppointmentId);

/// <summary>
/// The one order a doctor's waiting patients are shown in, the same at the desk, in the doctor's queue and on the
/// waiting-room display: the urgent first (the earliest marked first), then by token, which counts the doctor's arrivals
/// of the day (first come, first seen), then by arrival time. The booking time and the visit's id only break what is
/// left (a visit without a token), so every screen shows the same order and a re-read never swaps two rows.
/// </summary>
public static class WaitingOrder
{
    public static List<T> Sort<T>(IEnumerable<T> waiting, Func<T, WaitingPlace> place) =>
        waiting.Select(w => (Visit: w, Place: place(w)))
            .OrderBy(w => w.Place.UrgentSinceUtc is null)
            .ThenBy(w => w.Place.UrgentSinceUtc)
            .ThenBy(w => w.Place.TokenNumber ?? int.MaxValue)
            .ThenBy(w => w.Place.ArrivedAtUtc ?? DateTime.MaxValue)
            .ThenBy(w => w.Place.StartsAtUtc)
            .ThenBy(w => w.Place.AppointmentId)
            .Select(w => w.Visit)
            .ToList();

    public static IReadOnlyList<AppointmentRow> Sort(IEnumerable<AppointmentRow> waiting) =>
        Sort(waiting, r => new WaitingPlace(r.UrgentSinceUtc, r.TokenNumber, r.ArrivedAtUtc, r.StartsAtUtc, r.Id));
}

/// <summary>How long a checked-in patient has waited, in words for the queue.</summary>
public static class QueueTimes
{
    /// <summary>"under 1 min", "12 min", "1 h 05 min"; empty when the patient has not checked in.</summary>
    public static string WaitingFor(DateTime? arrivedAtUtc, DateTime nowUtc)
    {
        if (arrivedAtUtc is not { } arrived)
        {
            return "";
        }

        var minutes = (int)Math.Max(0, (nowUtc - arrived).TotalMinutes);
        return minutes switch
        {
            < 1 => "under 1 min",
            < 60 => $"{minutes} min",
            _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:D2} min"),
        };
    }
}
