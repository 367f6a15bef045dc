using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Numbering;

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

    /// <summary>"T-01": two digits, more past 99.</summary>
    public static string Format(int token) => string.Create(CultureInfo.InvariantCulture, $"T-{token:D2}");

    /// <summary>"T-01", or null when the visit has no token (it never checked in).</summary>
    public static string? Format(int? token) => token is { } value ? Format(value) : null;
}

/// <summary>
/// The order a doctor sees waiting patients in, the same at the desk, in the doctor's queue and on the waiting-room
/// display: the urgent first (the earliest marked first), then by token (the order they arrived in).
/// </summary>
public static class WaitingOrder
{
    public static IOrderedEnumerable<T> Sort<T>(
        IEnumerable<T> waiting, Func<T, DateTime?> urgentSinceUtc, Func<T, int?> token, Func<T, DateTime?> arrivedAtUtc) =>
        waiting.OrderBy(w => urgentSinceUtc(w) is null)
            .ThenBy(urgentSinceUtc)
            .ThenBy(w => token(w) ?? int.MaxValue)
            .ThenBy(arrivedAtUtc);

    public static IReadOnlyList<AppointmentRow> Sort(IEnumerable<AppointmentRow> waiting) =>
        Sort(waiting, r => r.UrgentSinceUtc, r => r.TokenNumber, r => r.ArrivedAtUtc).ThenBy(r => r.StartsAtUtc).ToList();
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
