using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>Which teeth a patient's chart draws (PRODUCT.md §9): chosen from the age, changeable per patient.</summary>
public enum Dentition
{
    /// <summary>32 permanent teeth, 11–48.</summary>
    Permanent,

    /// <summary>20 primary teeth, 51–85.</summary>
    Primary,

    /// <summary>Both sets (roughly 6–12 years): the child's erupted permanent teeth beside the remaining primary ones.</summary>
    Mixed,
}

/// <summary>
/// The one list of conditions the chart form offers and the server accepts (the legacy system's UI and server lists
/// disagreed). Stored by name.
/// </summary>
public enum DentalCondition
{
    Caries,
    Fracture,
    Missing,
    Impacted,
    Mobility,
    PeriapicalLesion,
    Gingivitis,
    Periodontitis,
    Attrition,
    Abrasion,
    Erosion,
    Discoloration,
    Restoration,
    Crown,
    RootCanalTreated,
    Implant,
    Other,
}

/// <summary>The five surfaces of a tooth; an observation names one or several (a combination such as MOD).</summary>
[Flags]
public enum ToothSurfaces
{
    None = 0,
    Mesial = 1,
    Distal = 2,

    /// <summary>Occlusal on back teeth, incisal on front teeth.</summary>
    OcclusalIncisal = 4,

    /// <summary>Buccal on back teeth, facial (labial) on front teeth.</summary>
    BuccalFacial = 8,

    /// <summary>Lingual on lower teeth, palatal on upper teeth.</summary>
    LingualPalatal = 16,
}

public enum DentalSeverity
{
    Mild,
    Moderate,
    Severe,
}

/// <summary>
/// A patient's chart settings, kept apart from <see cref="Patient"/> (which receptionists edit) so the doctor's choice
/// of dentition has its own version. Created the first time a doctor changes it; until then the age decides.
/// </summary>
public class DentalChart : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PatientId { get; set; }

    public Dentition Dentition { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid? UpdatedByUserId { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>
/// One finding on one tooth (FDI number) and, optionally, some of its surfaces. Several selected teeth make one row
/// per tooth, saved together. <see cref="TreatedAtUtc"/> is set when a procedure linked to it through
/// <see cref="DentalProcedureObservation"/> is completed.
/// </summary>
public class DentalObservation : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PatientId { get; set; }

    /// <summary>The visit it was recorded at, when recorded in a consultation.</summary>
    public Guid? ConsultationId { get; set; }

    public Guid DoctorProfileId { get; set; }

    /// <summary>FDI (ISO 3950) tooth number: 11–48 permanent, 51–85 primary.</summary>
    public int Tooth { get; set; }

    public ToothSurfaces Surfaces { get; set; }

    public DentalCondition Condition { get; set; }

    public DentalSeverity? Severity { get; set; }

    public string? Notes { get; set; }

    public bool TreatmentRequired { get; set; } = true;

    public DateTime? TreatedAtUtc { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    public Guid? RecordedByUserId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

/// <summary>
/// Ready-made observation text. Condition, surfaces and severity are what it fits; an empty one fits anything, and the
/// templates matching more of an observation exactly are offered first. Personal (its doctor's) or shared.
/// </summary>
public class DentalNoteTemplate : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public DentalCondition? Condition { get; set; }

    public ToothSurfaces? Surfaces { get; set; }

    public DentalSeverity? Severity { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Optional short code, e.g. CAR-OCC-MOD; unique in the practice when set (stored upper-case).</summary>
    public string? ShortCode { get; set; }

    /// <summary>The doctor whose personal template it is; null for a shared template.</summary>
    public Guid? OwnerDoctorProfileId { get; set; }

    public int DisplayOrder { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

public enum DentalProcedureStatus
{
    Planned,
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>
/// Treatment on one or more teeth: a coded procedure from <c>DentalProcedureCatalogue</c> or a custom name. Its teeth are
/// <see cref="DentalProcedureTooth"/> rows, the observations it treats <see cref="DentalProcedureObservation"/> rows,
/// and each status change or new date a <see cref="DentalProcedureEvent"/>.
/// </summary>
public class DentalProcedure : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PatientId { get; set; }

    public Guid DoctorProfileId { get; set; }

    /// <summary>The visit it was planned at, when planned in a consultation.</summary>
    public Guid? ConsultationId { get; set; }

    /// <summary>The visit it was carried out at (set on completion when done in a consultation).</summary>
    public Guid? CompletedInConsultationId { get; set; }

    public Guid? TreatmentPlanPhaseId { get; set; }

    /// <summary>Catalogue code (e.g. D2391) or <c>CUSTOM</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public decimal EstimatedCost { get; set; }

    public decimal? ActualCost { get; set; }

    public DateOnly? PlannedOn { get; set; }

    public DentalProcedureStatus Status { get; set; }

    public string? Notes { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public string? CancellationReason { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public List<DentalProcedureTooth> Teeth { get; } = [];
}

/// <summary>One tooth a procedure works on (a row each, so a tooth's history and the search by tooth use an index).</summary>
public class DentalProcedureTooth : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid PatientId { get; set; }

    public int Tooth { get; set; }
}

/// <summary>An observation a procedure treats: completing the procedure marks exactly these observations treated.</summary>
public class DentalProcedureObservation : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid ObservationId { get; set; }
}

public enum DentalProcedureEventKind
{
    Created,
    StatusChanged,
    Rescheduled,
}

/// <summary>The history of a procedure: every status change and every new planned date, with who and when.</summary>
public class DentalProcedureEvent : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public DentalProcedureEventKind Kind { get; set; }

    public DentalProcedureStatus? FromStatus { get; set; }

    public DentalProcedureStatus? ToStatus { get; set; }

    public DateOnly? FromDate { get; set; }

    public DateOnly? ToDate { get; set; }

    public string? Note { get; set; }

    public DateTime AtUtc { get; set; }

    public Guid? ByUserId { get; set; }
}

/// <summary>Its own price for a catalogue code (the catalogue's default applies otherwise), in the practice's currency.</summary>
public class DentalPrice : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public decimal Price { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

public enum TreatmentPlanStatus
{
    Draft,
    Proposed,
    Accepted,
    Declined,
}

/// <summary>
/// A proposal to the patient: phases of procedures with their costs and the total, printable as PDF; the patient's
/// acceptance (or refusal) is recorded with the date and who recorded it.
/// </summary>
public class TreatmentPlan : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PatientId { get; set; }

    public Guid DoctorProfileId { get; set; }

    public string Title { get; set; } = "";

    public string? Notes { get; set; }

    public TreatmentPlanStatus Status { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public Guid? DecisionRecordedByUserId { get; set; }

    /// <summary>How the patient agreed (e.g. "signed the printed plan", "verbally, with her son present").</summary>
    public string? DecisionNote { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public List<TreatmentPlanPhase> Phases { get; } = [];
}

/// <summary>A step of a plan (e.g. "Phase 1 — urgent care"); its procedures point to it.</summary>
public class TreatmentPlanPhase : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid TreatmentPlanId { get; set; }

    public int Position { get; set; }

    public string Name { get; set; } = "";
}

public enum DentalAttachmentKind
{
    XRay,
    PhotoBefore,
    PhotoAfter,
    TestResult,
    Document,
    Other,
}

/// <summary>What the content of an upload was found to be (by its first bytes, never its name).</summary>
public enum AttachmentFormat
{
    Jpeg,
    Png,
    Pdf,
    Dicom,
}

/// <summary>
/// An X-ray, photo, test result or document on exactly one of an observation, a procedure or a visit. The bytes are a
/// <see cref="StoredFile"/> (purpose Attachment, counted in the storage limit), and so is the thumbnail of an image.
/// </summary>
public class DentalAttachment : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PatientId { get; set; }

    public Guid? ObservationId { get; set; }

    public Guid? ProcedureId { get; set; }

    public Guid? ConsultationId { get; set; }

    public DentalAttachmentKind Kind { get; set; }

    public AttachmentFormat Format { get; set; }

    public Guid StoredFileId { get; set; }

    public Guid? ThumbnailFileId { get; set; }

    public string FileName { get; set; } = "";

    public long SizeBytes { get; set; }

    public string? Caption { get; set; }

    public DateOnly? TakenOn { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public Guid? UploadedByUserId { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}

public enum CaseStudyStatus
{
    Draft,
    Final,
}

/// <summary>
/// A structured write-up of a treatment, composed from chosen observations, procedures and images (its
/// <see cref="CaseStudySource"/> rows) by the offline generator or a configured language model, then edited by the
/// doctor. Every save keeps the previous text as a <see cref="CaseStudyRevision"/>.
/// </summary>
public class CaseStudy : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PatientId { get; set; }

    public Guid DoctorProfileId { get; set; }

    public string Title { get; set; } = "";

    public string? Summary { get; set; }

    public string? InitialDiagnosis { get; set; }

    public string? TreatmentGoals { get; set; }

    public string? TreatmentSummary { get; set; }

    public string? ProceduresPerformed { get; set; }

    public string? Outcome { get; set; }

    public string? SuccessMeasures { get; set; }

    public string? Narrative { get; set; }

    public CaseStudyStatus Status { get; set; }

    /// <summary>"Offline composer" or the model that wrote the first text.</summary>
    public string GeneratedBy { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public List<CaseStudySource> Sources { get; } = [];
}

public enum CaseStudySourceKind
{
    Observation,
    Procedure,
    Attachment,
}

/// <summary>A record a case study was composed from.</summary>
public class CaseStudySource : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid CaseStudyId { get; set; }

    public CaseStudySourceKind Kind { get; set; }

    public Guid SourceId { get; set; }
}

/// <summary>The text of a case study before one of its saves, as JSON of its sections.</summary>
public class CaseStudyRevision : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid CaseStudyId { get; set; }

    public int RevisionNumber { get; set; }

    public string SectionsJson { get; set; } = "";

    public string? Reason { get; set; }

    public DateTime SavedAtUtc { get; set; }

    public Guid? SavedByUserId { get; set; }
}

/// <summary>
/// A practice's optional language-model endpoint for case studies (OpenAI-compatible). The key is encrypted with Data
/// Protection like the outbox bodies; names, mobile numbers and dates of birth are left out of what is sent unless
/// <see cref="ShareIdentity"/> is switched on.
/// </summary>
public class CaseStudyGeneratorSetting : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public bool Enabled { get; set; }

    public string EndpointUrl { get; set; } = "";

    public string Model { get; set; } = "";

    public string? ProtectedApiKey { get; set; }

    public bool ShareIdentity { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid? UpdatedByUserId { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}
