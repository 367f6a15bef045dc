using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// One weekly time range in which a doctor sees patients at a location, in the practice's local time; a day can have
/// several (09:00–13:00 and 17:00–21:00). Appointment slots are cut from these ranges.
/// </summary>
public class DoctorAvailability : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid DoctorProfileId { get; set; }

    public Guid ClinicLocationId { get; set; }

    public DayOfWeek Day { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }
}
