using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum AppointmentStatus
{
    Scheduled,
    Confirmed,
    InProgress,
    Completed,
    Cancelled,
    NoShow,
}

/// <summary>
/// A patient's time with a doctor at a location. Numbered APT-YYYYMMDD-NNNN per practice from a race-free counter.
/// Scheduled, confirmed, in-progress and completed appointments block the doctor's time: on PostgreSQL an exclusion
/// constraint makes a double booking impossible, and the application checks first to offer free slots instead.
/// </summary>
public class Appointment : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string Number { get; set; } = "";

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public Guid DoctorProfileId { get; set; }

    public DoctorProfile? Doctor { get; set; }

    public Guid ClinicLocationId { get; set; }

    public ClinicLocation? ClinicLocation { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    public AppointmentStatus Status { get; set; }

    /// <summary>Came in without booking and was put in the doctor's queue for the day.</summary>
    public bool IsWalkIn { get; set; }

    public string? Reason { get; set; }

    public string? Notes { get; set; }

    public string? CancellationReason { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime? StatusChangedAtUtc { get; set; }

    /// <summary>The statuses that occupy the doctor's time.</summary>
    public static IReadOnlyList<AppointmentStatus> BlockingStatuses { get; } =
        [AppointmentStatus.Scheduled, AppointmentStatus.Confirmed, AppointmentStatus.InProgress, AppointmentStatus.Completed];
}
