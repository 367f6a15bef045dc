using MedicalApp.Data;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

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

    public static async Task<PracticeClock> ReadAsync(MedicalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var practiceId = db.CurrentTenantId ?? throw new InvalidOperationException("Appointments are read inside a practice.");
        var zoneId = await db.Tenants.AsNoTracking().Where(t => t.Id == practiceId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return new PracticeClock(PracticeTime.Zone(zoneId), zoneId ?? Data.Entities.Tenant.DefaultTimeZoneId, clock.GetUtcNow().UtcDateTime);
    }
}
