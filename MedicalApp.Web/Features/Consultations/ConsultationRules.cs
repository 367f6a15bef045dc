using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Consultations;

/// <summary>
/// What a consultation may hold, checked on the page as the doctor types and again by the service. Vitals are refused
/// outside what a living patient can show, so a slip ("1200" for a pulse of 120) is caught rather than printed.
/// </summary>
public static class ConsultationRules
{
    public const int MaxLines = 40;
    public const int MaxFollowUpDays = 366;

    public static string? SystolicError(int? value) => Range(value, 50, 280, "Systolic pressure", "mmHg");

    public static string? DiastolicError(int? systolic, int? diastolic) =>
        Range(diastolic, 20, 180, "Diastolic pressure", "mmHg")
        ?? (systolic is null != diastolic is null ? "Enter both numbers of the blood pressure (e.g. 120/80)." : null)
        ?? (systolic <= diastolic ? "The first number of a blood pressure is the higher one (e.g. 120/80)." : null);

    public static string? PulseError(int? value) => Range(value, 20, 250, "Pulse", "per minute");

    public static string? TemperatureError(decimal? value) => value is < 30m or > 45m
        ? "Temperature must be between 30 and 45 °C." : null;

    public static string? WeightError(decimal? value) => value is < 0.3m or > 350m
        ? "Weight must be between 0.3 and 350 kg." : null;

    public static string? SpO2Error(int? value) => Range(value, 50, 100, "SpO₂", "%");

    public static string? FollowUpError(DateOnly? value, DateOnly today) =>
        value < today ? "The follow-up date cannot be in the past."
        : value > today.AddDays(MaxFollowUpDays) ? "The follow-up date must be within a year." : null;

    public static string? LengthError(string? value, int max, string label) =>
        value?.Trim().Length > max ? $"{label} can be at most {max} characters." : null;

    public static string? DiagnosisRequiredError(string? diagnosis) =>
        string.IsNullOrWhiteSpace(diagnosis) ? "Enter the diagnosis: a prescription cannot be finalised without one." : null;

    public static string? QuantityError(int? value) => value is < 1 or > 1000 ? "Quantity must be between 1 and 1000." : null;

    /// <summary>Every field error of the input (diagnosis required only when finalising), keyed by <see cref="ConsultationFields"/>.</summary>
    public static Dictionary<string, string> Errors(ConsultationInput input, DateOnly today, bool finalising)
    {
        var errors = new Dictionary<string, string>();
        void Add(string field, string? error)
        {
            if (error is not null)
            {
                errors.TryAdd(field, error);
            }
        }

        Add(ConsultationFields.ChiefComplaint, LengthError(input.ChiefComplaint, 500, "The chief complaint"));
        Add(ConsultationFields.Symptoms, LengthError(input.Symptoms, 2000, "Symptoms"));
        Add(ConsultationFields.Findings, LengthError(input.Findings, 2000, "Findings"));
        Add(ConsultationFields.Diagnosis, LengthError(input.Diagnosis, 500, "The diagnosis") ?? (finalising ? DiagnosisRequiredError(input.Diagnosis) : null));
        Add(ConsultationFields.Advice, LengthError(input.Advice, 2000, "Advice"));
        Add(ConsultationFields.FollowUpOn, FollowUpError(input.FollowUpOn, today));
        Add(ConsultationFields.BloodPressure, SystolicError(input.BloodPressureSystolic) ?? DiastolicError(input.BloodPressureSystolic, input.BloodPressureDiastolic));
        Add(ConsultationFields.Pulse, PulseError(input.PulsePerMinute));
        Add(ConsultationFields.Temperature, TemperatureError(input.TemperatureCelsius));
        Add(ConsultationFields.Weight, WeightError(input.WeightKg));
        Add(ConsultationFields.SpO2, SpO2Error(input.SpO2Percent));

        var lines = input.Lines.Where(l => !l.IsBlank).ToList();
        if (lines.Count > MaxLines)
        {
            Add(ConsultationFields.Lines, $"A prescription can have at most {MaxLines} medicines.");
        }

        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            if (line.IsBlank)
            {
                continue;
            }

            if (line.MedicineId is null)
            {
                Add(ConsultationFields.Line(i, "Medicine"), "Choose a medicine from the list, or type /CODE for a short key.");
            }
            else if (input.Lines.Take(i).Any(other => other.MedicineId == line.MedicineId && other.IsGlobal == line.IsGlobal))
            {
                Add(ConsultationFields.Line(i, "Medicine"), "This medicine is already on the prescription.");
            }

            Add(ConsultationFields.Line(i, nameof(PrescriptionLineInput.Dose)), LengthError(line.Dose, 60, "The dose"));
            Add(ConsultationFields.Line(i, nameof(PrescriptionLineInput.Frequency)), LengthError(line.Frequency, 60, "The frequency"));
            Add(ConsultationFields.Line(i, nameof(PrescriptionLineInput.Duration)), LengthError(line.Duration, 60, "The duration"));
            Add(ConsultationFields.Line(i, nameof(PrescriptionLineInput.Instructions)), LengthError(line.Instructions, 300, "Instructions"));
            Add(ConsultationFields.Line(i, nameof(PrescriptionLineInput.Quantity)), QuantityError(line.Quantity));
            if (finalising && string.IsNullOrWhiteSpace(line.Dose) && string.IsNullOrWhiteSpace(line.Frequency))
            {
                Add(ConsultationFields.Line(i, nameof(PrescriptionLineInput.Frequency)), "Say how it is taken: a dose or a frequency (e.g. 1-0-1).");
            }
        }

        return errors;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string TimingLabel(MedicineTiming timing) => timing switch
    {
        MedicineTiming.BeforeFood => "Before food",
        MedicineTiming.AfterFood => "After food",
        MedicineTiming.WithFood => "With food",
        MedicineTiming.EmptyStomach => "Empty stomach",
        MedicineTiming.AtBedtime => "At bedtime",
        MedicineTiming.AsNeeded => "When needed",
        _ => "",
    };

    private static string? Range(int? value, int min, int max, string label, string unit) =>
        value < min || value > max ? $"{label} must be between {min} and {max} {unit}." : null;
}
