using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Consultations;

/// <summary>What the consultation page edits: the doctor's notes and vitals, and the medicines being written.</summary>
public sealed class ConsultationInput
{
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

    public List<PrescriptionLineInput> Lines { get; set; } = [];
}

/// <summary>One medicine line as the editor holds it. The label is for display only; the server reads the medicine.</summary>
public sealed class PrescriptionLineInput
{
    public bool IsGlobal { get; set; }

    public Guid? MedicineId { get; set; }

    public string? MedicineLabel { get; set; }

    public string? Dose { get; set; }

    public string? Frequency { get; set; }

    public string? Duration { get; set; }

    public MedicineTiming Timing { get; set; }

    public string? Instructions { get; set; }

    public int? Quantity { get; set; }

    /// <summary>The doctor has read this line's warning and prescribes it anyway.</summary>
    public bool WarningConfirmed { get; set; }

    public bool IsBlank => MedicineId is null && string.IsNullOrWhiteSpace(Dose) && string.IsNullOrWhiteSpace(Frequency)
        && string.IsNullOrWhiteSpace(Duration) && string.IsNullOrWhiteSpace(Instructions) && Quantity is null;

    public PrescriptionLineInput Copy() => (PrescriptionLineInput)MemberwiseClone();
}

/// <summary>Field names for messages, shared by the service and the page.</summary>
public static class ConsultationFields
{
    public const string ChiefComplaint = nameof(ConsultationInput.ChiefComplaint);
    public const string Symptoms = nameof(ConsultationInput.Symptoms);
    public const string Findings = nameof(ConsultationInput.Findings);
    public const string Diagnosis = nameof(ConsultationInput.Diagnosis);
    public const string Advice = nameof(ConsultationInput.Advice);
    public const string FollowUpOn = nameof(ConsultationInput.FollowUpOn);
    public const string BloodPressure = "BloodPressure";
    public const string Pulse = nameof(ConsultationInput.PulsePerMinute);
    public const string Temperature = nameof(ConsultationInput.TemperatureCelsius);
    public const string Weight = nameof(ConsultationInput.WeightKg);
    public const string SpO2 = nameof(ConsultationInput.SpO2Percent);
    public const string Lines = nameof(ConsultationInput.Lines);

    public static string Line(int index, string field) => $"Lines[{index}].{field}";
}

/// <summary>A warning on one line, by the line's position in the editor.</summary>
public sealed record LineWarning(int Index, string Message);

/// <summary>What a save of the draft returns: the version to send next time, and the warnings of the lines as saved.</summary>
public sealed record DraftSaved(int Version, IReadOnlyList<LineWarning> Warnings, DateTime SavedAtUtc);

/// <summary>What finalising returns: the prescription (null for a visit completed without one) and its number.</summary>
public sealed record ConsultationFinished(Guid AppointmentId, Guid? PrescriptionId, string? Number);

/// <summary>When starting a consultation is refused because the doctor is with someone else: who, so the page can offer to pause.</summary>
public sealed record ConsultationStart(Guid AppointmentId, string? BusyWith);
