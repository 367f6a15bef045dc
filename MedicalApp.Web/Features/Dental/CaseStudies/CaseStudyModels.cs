using System.Text.Json;
using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>The eight sections of a case study, in the order they are written and printed.</summary>
public sealed record CaseStudySections(
    string? Summary, string? InitialDiagnosis, string? TreatmentGoals, string? TreatmentSummary,
    string? ProceduresPerformed, string? Outcome, string? SuccessMeasures, string? Narrative)
{
    /// <summary>Each section's key (as the language model is asked for it) and its heading.</summary>
    public static IReadOnlyList<(string Key, string Heading)> Headings { get; } =
    [
        (nameof(Summary), "Summary"),
        (nameof(InitialDiagnosis), "Initial diagnosis"),
        (nameof(TreatmentGoals), "Treatment goals"),
        (nameof(TreatmentSummary), "Treatment summary"),
        (nameof(ProceduresPerformed), "Procedures performed"),
        (nameof(Outcome), "Outcome"),
        (nameof(SuccessMeasures), "Success measures"),
        (nameof(Narrative), "Narrative"),
    ];

    public static CaseStudySections Of(CaseStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new(study.Summary, study.InitialDiagnosis, study.TreatmentGoals, study.TreatmentSummary,
            study.ProceduresPerformed, study.Outcome, study.SuccessMeasures, study.Narrative);
    }

    public string? this[string key] => key switch
    {
        nameof(Summary) => Summary,
        nameof(InitialDiagnosis) => InitialDiagnosis,
        nameof(TreatmentGoals) => TreatmentGoals,
        nameof(TreatmentSummary) => TreatmentSummary,
        nameof(ProceduresPerformed) => ProceduresPerformed,
        nameof(Outcome) => Outcome,
        nameof(SuccessMeasures) => SuccessMeasures,
        nameof(Narrative) => Narrative,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a case-study section."),
    };

    /// <summary>These sections with <paramref name="key"/> replaced.</summary>
    public CaseStudySections With(string key, string? text) => key switch
    {
        nameof(Summary) => this with { Summary = text },
        nameof(InitialDiagnosis) => this with { InitialDiagnosis = text },
        nameof(TreatmentGoals) => this with { TreatmentGoals = text },
        nameof(TreatmentSummary) => this with { TreatmentSummary = text },
        nameof(ProceduresPerformed) => this with { ProceduresPerformed = text },
        nameof(Outcome) => this with { Outcome = text },
        nameof(SuccessMeasures) => this with { SuccessMeasures = text },
        nameof(Narrative) => this with { Narrative = text },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a case-study section."),
    };

    public void CopyTo(CaseStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        (study.Summary, study.InitialDiagnosis, study.TreatmentGoals, study.TreatmentSummary) = (Summary, InitialDiagnosis, TreatmentGoals, TreatmentSummary);
        (study.ProceduresPerformed, study.Outcome, study.SuccessMeasures, study.Narrative) = (ProceduresPerformed, Outcome, SuccessMeasures, Narrative);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static CaseStudySections FromJson(string json) =>
        JsonSerializer.Deserialize<CaseStudySections>(json) ?? throw new JsonException("Empty case-study revision.");
}

/// <summary>What the builder sends: a title, the chosen records, and which generator writes the first text.</summary>
public sealed class CaseStudyRequest
{
    public string? Title { get; set; }

    public HashSet<Guid> ObservationIds { get; } = [];

    public HashSet<Guid> ProcedureIds { get; } = [];

    public HashSet<Guid> AttachmentIds { get; } = [];

    /// <summary>The practice's configured language model instead of the offline composer (when it is enabled).</summary>
    public bool UseLanguageModel { get; set; }
}

/// <summary>The editor's form: the title, the sections and the status, with the version it was opened at.</summary>
public sealed class CaseStudyInput
{
    public string? Title { get; set; }

    public CaseStudySections Sections { get; set; } = new(null, null, null, null, null, null, null, null);

    public CaseStudyStatus Status { get; set; }

    public int Version { get; set; }

    public string? Get(string key) => Sections[key];

    public void Set(string key, string? text) => Sections = Sections.With(key, text);

    public static CaseStudyInput From(CaseStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new CaseStudyInput { Title = study.Title, Sections = CaseStudySections.Of(study), Status = study.Status, Version = study.Version };
    }
}

/// <summary>A case study in its patient's list.</summary>
public sealed record CaseStudyRow(Guid Id, string Title, CaseStudyStatus Status, string DoctorName, string GeneratedBy, DateTime UpdatedAtLocal);

/// <summary>A patient's case studies, newest first, and whether the reader may start another.</summary>
public sealed record PatientCaseStudies(Guid PatientId, string PatientName, IReadOnlyList<CaseStudyRow> Rows, bool MayWrite);

/// <summary>A case study opened in its editor.</summary>
public sealed record CaseStudyView(
    Guid Id, Guid PatientId, string PatientName, string DoctorName, string GeneratedBy, DateTime CreatedAtLocal, DateTime UpdatedAtLocal,
    CaseStudyInput Input, IReadOnlyList<CaseStudyRevisionRow> Revisions, bool MayEdit, bool LanguageModelAvailable);

public sealed record CaseStudyRevisionRow(int Number, DateTime SavedAtLocal, string? SavedBy, string? Reason);

/// <summary>One record the builder offers, grouped under its tooth or visit.</summary>
public sealed record CaseStudyChoice(Guid Id, CaseStudySourceKind Kind, string Group, string Label);

/// <summary>What the builder shows for a patient.</summary>
public sealed record CaseStudyBuilderView(Guid PatientId, string PatientName, IReadOnlyList<CaseStudyChoice> Choices, bool LanguageModelAvailable);
