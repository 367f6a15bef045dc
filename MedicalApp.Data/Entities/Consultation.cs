using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// The doctor's record of one visit: created when the appointment starts (so every consultation, walk-ins included,
/// belongs to a visit), edited while it is in progress and closed when the appointment completes. The medicines are
/// the visit's <see cref="Prescription"/>s; diagnosis, advice and follow-up are written here and copied onto the
/// prescription when it is finalised, so a printed prescription never changes afterwards.
/// </summary>
public class Consultation : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid AppointmentId { get; set; }

    public Appointment? Appointment { get; set; }

    public Guid PatientId { get; set; }

    public Guid DoctorProfileId { get; set; }

    public DateTime StartedAtUtc { get; set; }

    /// <summary>Set while the doctor has put this visit aside to see someone else (one active consultation at a time).</summary>
    public DateTime? PausedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    public string? ChiefComplaint { get; set; }

    public string? Symptoms { get; set; }

    public string? Findings { get; set; }

    public string? Diagnosis { get; set; }

    public string? Advice { get; set; }

    public DateOnly? FollowUpOn { get; set; }

    public int? BloodPressureSystolic { get; set; }

    public int? BloodPressureDiastolic { get; set; }

    public int? PulsePerMinute { get; set; }

    public decimal? TemperatureCelsius { get; set; }

    public decimal? WeightKg { get; set; }

    public int? SpO2Percent { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}
