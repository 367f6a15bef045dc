using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum AppointmentStatus
{
    Scheduled,
    Confirmed,

    /// <summary>The patient is at the clinic and waiting; has a token for the day.</summary>
    Arrived,
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

    /// <summary>When reception checked the patient in (status Arrived); waiting time counts from here.</summary>
    public DateTime? ArrivedAtUtc { get; set; }

    /// <summary>
    /// The patient's token for the day with this doctor (shown "T-01"), issued at check-in from a race-free counter
    /// per practice, doctor and day; kept after the visit so slips and the display stay truthful.
    /// </summary>
    public int? TokenNumber { get; set; }

    /// <summary>Set when the front desk moved this patient to the top of the doctor's queue; null when not urgent.</summary>
    public DateTime? UrgentSinceUtc { get; set; }

    /// <summary>Why the patient goes first ("chest pain"), required when <see cref="UrgentSinceUtc"/> is set.</summary>
    public string? UrgentReason { get; set; }

    /// <summary>The statuses that occupy the doctor's time.</summary>
    public static IReadOnlyList<AppointmentStatus> BlockingStatuses { get; } =
        [AppointmentStatus.Scheduled, AppointmentStatus.Confirmed, AppointmentStatus.Arrived, AppointmentStatus.InProgress, AppointmentStatus.Completed];
}
