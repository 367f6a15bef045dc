using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Tenancy;

namespace MedicalApp.Web.Features.Dashboards;

/// <summary>
/// One calendar day of the practice, in its own time zone, with the UTC instants it starts and ends at. Appointments
/// are stored in UTC, so "today" in Chennai (IST, UTC+5:30) runs from 18:30 UTC the day before to 18:30 UTC.
/// </summary>
public sealed record PracticeDay(DateOnly Date, DateTime StartUtc, DateTime EndUtc, string TimeZoneId)
{
    /// <summary>The practice-local day that contains <paramref name="utcNow"/>.</summary>
    public static PracticeDay Containing(DateTime utcNow, string? timeZoneId)
    {
        var zoneId = string.IsNullOrWhiteSpace(timeZoneId) ? Practice.DefaultTimeZoneId : timeZoneId;
        var zone = PracticeTime.Zone(zoneId);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone));
        return new PracticeDay(date, StartOf(date, zone), StartOf(date.AddDays(1), zone), zoneId);
    }

    public DateTime ToLocal(DateTime utc) => PracticeTime.ToLocal(utc, TimeZoneId);

    private static DateTime StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Where clocks jump forward at midnight the day has no 00:00: it starts at the first time that exists.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }
}

/// <summary>How many appointments have each status; every status is present (0 when none).</summary>
public sealed record StatusCounts(IReadOnlyDictionary<AppointmentStatus, int> ByStatus)
{
    public static StatusCounts From(IEnumerable<KeyValuePair<AppointmentStatus, int>> counts)
    {
        var all = Enum.GetValues<AppointmentStatus>().ToDictionary(s => s, _ => 0);
        foreach (var (status, count) in counts)
        {
            all[status] += count;
        }

        return new StatusCounts(all);
    }

    public int this[AppointmentStatus status] => ByStatus[status];

    public int Total => ByStatus.Values.Sum();
}

/// <summary>One appointment in a doctor's queue for today, with local times for display.</summary>
public sealed record QueueEntry(
    Guid AppointmentId,
    string Number,
    DateTime StartsLocal,
    DateTime EndsLocal,
    string PatientName,
    AppointmentStatus Status,
    bool IsWalkIn,
    string LocationName)
{
    public Guid PatientId { get; init; }

    public int? PatientAge { get; init; }

    public Gender PatientGender { get; init; }

    public string? Reason { get; init; }

    /// <summary>The patient's recorded allergies, shown as a badge in the doctor's queue; null when none.</summary>
    public string? Allergies { get; init; }

    /// <summary>"T-03" once checked in; null before.</summary>
    public string? Token { get; init; }

    public DateTime? ArrivedAtUtc { get; init; }

    /// <summary>Why the front desk put the patient first; null when not urgent.</summary>
    public string? UrgentReason { get; init; }
}

/// <summary>
/// The home of a member who practises: today's appointments in time order, today's counts by status, and the next
/// patient (the first scheduled or confirmed appointment that has not ended yet, today or later).
/// </summary>
public sealed record DoctorDashboard(
    Guid DoctorProfileId,
    string DoctorName,
    PracticeDay Today,
    IReadOnlyList<QueueEntry> Queue,
    StatusCounts Counts,
    QueueEntry? NextPatient);

/// <summary>Today's appointments of one location, counted by status.</summary>
public sealed record LocationDayCounts(Guid LocationId, string LocationName, bool IsActive, StatusCounts Counts);

/// <summary>Today across the practice: one row per location (a table location × status) and the totals.</summary>
public sealed record PracticeDaySummary(PracticeDay Today, IReadOnlyList<LocationDayCounts> Locations, StatusCounts Totals);

/// <summary>How many active doctors list a specialization; a doctor with several counts under each.</summary>
public sealed record SpecializationCount(string Specialization, int Doctors);

/// <summary>The administrators' home: today's summary per location and the doctors by specialization.</summary>
public sealed record AdminDashboard(PracticeDaySummary Today, IReadOnlyList<SpecializationCount> DoctorsBySpecialization, int ActiveDoctors);
