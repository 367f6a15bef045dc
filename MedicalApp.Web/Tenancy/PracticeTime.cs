namespace MedicalApp.Web.Tenancy;

/// <summary>Converts stored UTC instants to a practice's local time (default Asia/Kolkata).</summary>
public static class PracticeTime
{
    public static TimeZoneInfo Zone(string? timeZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZoneId) ? Data.Entities.Tenant.DefaultTimeZoneId : timeZoneId);
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
