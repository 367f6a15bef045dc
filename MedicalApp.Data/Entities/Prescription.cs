using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum PrescriptionStatus
{
    /// <summary>Being written; no number yet, only its doctor sees it change.</summary>
    Draft,

    /// <summary>Finalised and numbered: what the patient takes home.</summary>
    Active,

    /// <summary>The course is over (marked by the doctor, or when the next visit's prescription replaces it).</summary>
    Completed,

    /// <summary>Withdrawn with a reason; stays readable.</summary>
    Cancelled,

    /// <summary>Replaced by a corrected version; stays readable and says which version replaced it.</summary>
    Superseded,
}

/// <summary>
/// The medicines written at one visit. Numbered <c>RX-YYYYMMDD-NNNN</c> per practice when finalised; never edited after
/// that: a correction is a new version (same number, <see cref="VersionNumber"/> + 1) and the old one is marked
/// superseded. Diagnosis, advice and follow-up are copied from the consultation when finalised.
/// </summary>
public class Prescription : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ConsultationId { get; set; }

    public Guid AppointmentId { get; set; }

    public Appointment? Appointment { get; set; }

    public Guid PatientId { get; set; }

    public Patient? Patient { get; set; }

    public Guid DoctorProfileId { get; set; }

    public DoctorProfile? Doctor { get; set; }

    public Guid ClinicLocationId { get; set; }

    /// <summary>Null while a draft; the corrected versions of a prescription share it.</summary>
    public string? Number { get; set; }

    /// <summary>1 for the first finalised version, 2 for its first correction, …</summary>
    public int VersionNumber { get; set; } = 1;

    public Guid? SupersedesPrescriptionId { get; set; }

    public Guid? SupersededByPrescriptionId { get; set; }

    public PrescriptionStatus Status { get; set; }

    public string? Diagnosis { get; set; }

    public string? Advice { get; set; }

    public DateOnly? FollowUpOn { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime? FinalisedAtUtc { get; set; }

    public Guid? FinalisedByUserId { get; set; }

    public DateTime? StatusChangedAtUtc { get; set; }

    public string? CancellationReason { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public List<PrescriptionLine> Lines { get; } = [];
}

/// <summary>
/// One medicine of a prescription. Names, strength and class are copied from the catalogue when the line is written,
/// so the prescription reads the same after the catalogue changes. A line that matched the patient's allergies, or
/// repeats another line's generic, carries the warning the doctor confirmed, with who and when.
/// </summary>
public class PrescriptionLine : ITenantOwned, IMedicineLine
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PrescriptionId { get; set; }

    public int Position { get; set; }

    public Guid? GlobalMedicineId { get; set; }

    public Guid? PracticeMedicineId { get; set; }

    public string BrandName { get; set; } = "";

    public string GenericName { get; set; } = "";

    public string Strength { get; set; } = "";

    public string DosageForm { get; set; } = "";

    public string DrugClass { get; set; } = "";

    public string? Dose { get; set; }

    public string? Frequency { get; set; }

    public string? Duration { get; set; }

    public MedicineTiming Timing { get; set; }

    public string? Instructions { get; set; }

    public int? Quantity { get; set; }

    /// <summary>The warning the doctor confirmed for this line ("Allergy: penicillin (Penicillins)").</summary>
    public string? ConfirmedWarning { get; set; }

    public Guid? WarningConfirmedByUserId { get; set; }

    public DateTime? WarningConfirmedAtUtc { get; set; }
}
