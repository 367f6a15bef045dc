using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.Attachments;

/// <summary>What an attachment is uploaded onto: the patient and exactly one of an observation, a procedure or a visit.</summary>
public sealed record AttachmentOwner(Guid PatientId, Guid? ObservationId = null, Guid? ProcedureId = null, Guid? ConsultationId = null)
{
    public static AttachmentOwner Observation(Guid patientId, Guid observationId) => new(patientId, ObservationId: observationId);

    public static AttachmentOwner Procedure(Guid patientId, Guid procedureId) => new(patientId, ProcedureId: procedureId);

    public static AttachmentOwner Visit(Guid patientId, Guid consultationId) => new(patientId, ConsultationId: consultationId);

    /// <summary>How many of the three it names (exactly one is valid; the database's check says the same).</summary>
    public int Named => (ObservationId is null ? 0 : 1) + (ProcedureId is null ? 0 : 1) + (ConsultationId is null ? 0 : 1);
}

/// <summary>The form of an upload beside the file itself.</summary>
public sealed class AttachmentUploadInput
{
    public DentalAttachmentKind Kind { get; set; } = DentalAttachmentKind.XRay;

    public string? Caption { get; set; }

    public DateOnly? TakenOn { get; set; }
}

/// <summary>One attachment as the gallery and the patient's list show it.</summary>
public sealed record AttachmentRow(
    Guid Id, Guid PatientId, DentalAttachmentKind Kind, AttachmentFormat Format, string FileName, long SizeBytes, string? Caption,
    DateOnly? TakenOn, DateTime UploadedAtLocal, string? UploadedBy, bool HasThumbnail, Guid? ObservationId, Guid? ProcedureId,
    Guid? ConsultationId, string AttachedTo, bool MayChange, int Version)
{
    public string KindLabel => AttachmentFile.KindLabel(Kind);

    /// <summary>Relative to the practice's base address.</summary>
    public string Url => $"attachments/{Id}";

    public string ThumbnailUrl => $"attachments/{Id}/thumbnail";
}

/// <summary>An attachment's bytes opened for its endpoint; the caller disposes the stream.</summary>
public sealed record AttachmentContent(Stream Content, string ContentType, string FileName, bool Inline);
