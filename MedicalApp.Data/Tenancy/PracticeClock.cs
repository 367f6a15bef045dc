using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Data.Tenancy;

/// <summary>
/// "Now" and "today" as the practice sees them: the practice's time zone read from the database (not the circuit's
/// snapshot, so a changed zone applies at once) and the injected clock (a fake one in tests).
/// </summary>
public sealed record PracticeClock(TimeZoneInfo Zone, string ZoneId, DateTime NowUtc)
{
    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(NowUtc, Zone);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The UTC instant of a practice-local day and time.</summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC instant the practice-local day begins (a day ends where the next begins).</summary>
    public DateTime DayStartUtc(DateOnly date) => ToUtc(date, TimeOnly.MinValue);

    /// <summary>The clock of a practice whose zone is already known (a row read for another purpose).</summary>
    public static PracticeClock For(string? timeZoneId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var zoneId = string.IsNullOrWhiteSpace(timeZoneId) ? Practice.DefaultTimeZoneId : timeZoneId;
        return new PracticeClock(PracticeTime.Zone(zoneId), zoneId, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The current practice's clock, its zone read from the database.</summary>
    public static async Task<PracticeClock> ReadAsync(MedicalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var practiceId = db.RequirePracticeId();
        var zoneId = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return For(zoneId, clock);
    }
}

/// <summary>Time-zone lookups for a practice (default Asia/Kolkata), in one place.</summary>
public static class PracticeTime
{
    public static TimeZoneInfo Zone(string? timeZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZoneId) ? Practice.DefaultTimeZoneId : timeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // A zone the server's tz database lacks must not break pages; India has no daylight saving, so this is exact there.
            return TimeZoneInfo.CreateCustomTimeZone("IST", TimeSpan.FromHours(5.5), "India Standard Time", "India Standard Time");
        }
    }

    public static DateTime ToLocal(DateTime utc, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZoneId));
}
