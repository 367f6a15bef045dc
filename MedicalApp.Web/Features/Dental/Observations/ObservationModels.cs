using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Teeth;

namespace MedicalApp.Web.Features.Dental.Observations;

/// <summary>
/// The observation form: the teeth selected on the chart (one row is saved per tooth), what was found and where. An
/// edit carries exactly one tooth, the row's own.
/// </summary>
public sealed class ObservationInput
{
    public Guid PatientId { get; set; }

    /// <summary>The visit it is recorded at, when recorded in a consultation.</summary>
    public Guid? ConsultationId { get; set; }

    public List<int> Teeth { get; set; } = [];

    public DentalCondition? Condition { get; set; }

    public ToothSurfaces Surfaces { get; set; }

    public DentalSeverity? Severity { get; set; }

    public string? Notes { get; set; }

    public bool TreatmentRequired { get; set; } = true;
}

/// <summary>A saved observation as the panel lists it, with whether the reader may change it.</summary>
public sealed record ObservationRow(
    Guid Id, int Tooth, DentalCondition Condition, ToothSurfaces Surfaces, DentalSeverity? Severity, string? Notes,
    bool TreatmentRequired, DateTime? TreatedAtUtc, DateTime RecordedAtUtc, Guid? ConsultationId, string DoctorName, bool MayChange, int Version)
{
    /// <summary>"16 · Caries · MO · moderate".</summary>
    public string Summary => string.Join(" · ", new[]
    {
        Tooth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DentalConditions.Label(Condition),
        FdiTeeth.SurfaceCode(Tooth, Surfaces),
        Severity is { } s ? DentalConditions.Label(s).ToLowerInvariant() : "",
    }.Where(p => p.Length > 0));
}

/// <summary>Field names of <see cref="ObservationInput"/> the service's messages are keyed by.</summary>
public static class ObservationFields
{
    public const string Teeth = nameof(ObservationInput.Teeth);
    public const string Condition = nameof(ObservationInput.Condition);
    public const string Surfaces = nameof(ObservationInput.Surfaces);
    public const string Severity = nameof(ObservationInput.Severity);
    public const string Notes = nameof(ObservationInput.Notes);
}

/// <summary>The observation form's rules, applied by the page as the doctor fills it and by the service on save.</summary>
public static class ObservationRules
{
    public const int NotesMaxLength = 2000;

    /// <summary>More than a full mouth with both sets is certainly a mistake (the legacy bulk limit was 32).</summary>
    public const int MaxTeethPerSave = 52;

    public static Dictionary<string, string> Errors(ObservationInput input, bool editing)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        if (input.Teeth.Count == 0)
        {
            errors[ObservationFields.Teeth] = "Select at least one tooth on the chart.";
        }
        else if (input.Teeth.FirstOrDefault(t => !FdiTeeth.IsValid(t)) is var wrong and not 0)
        {
            errors[ObservationFields.Teeth] = $"{wrong} is not a tooth number (FDI: 11–48, 51–85).";
        }
        else if (editing && input.Teeth.Distinct().Count() != 1)
        {
            errors[ObservationFields.Teeth] = "An observation is on one tooth: record the others as new observations.";
        }
        else if (input.Teeth.Distinct().Count() > MaxTeethPerSave)
        {
            errors[ObservationFields.Teeth] = $"At most {MaxTeethPerSave} teeth at once.";
        }

        if (input.Condition is not { } condition || !Enum.IsDefined(condition))
        {
            errors[ObservationFields.Condition] = "Choose the condition.";
        }

        if (!FdiTeeth.AreValidSurfaces(input.Surfaces))
        {
            errors[ObservationFields.Surfaces] = "Choose surfaces from mesial, distal, occlusal/incisal, buccal/facial and lingual/palatal.";
        }

        if (input.Severity is { } severity && !Enum.IsDefined(severity))
        {
            errors[ObservationFields.Severity] = "Choose mild, moderate or severe.";
        }

        if (input.Notes is { Length: > NotesMaxLength })
        {
            errors[ObservationFields.Notes] = $"At most {NotesMaxLength} characters.";
        }

        return errors;
    }
}

/// <summary>The findings text a consultation's Findings gets from chosen observations.</summary>
public static class ObservationFindings
{
    /// <summary>
    /// One line per finding, teeth with the same finding together: "16, 26: Caries (occlusal), moderate — deep
    /// lesion; treatment required".
    /// </summary>
    public static string Text(IEnumerable<ObservationRow> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var lines = observations
            .OrderBy(o => o.Tooth)
            // Surface names differ between front and back teeth and upper and lower ones: only alike teeth share a line.
            .GroupBy(o => (FdiTeeth.IsAnterior(o.Tooth), FdiTeeth.Arch(o.Tooth), o.Condition, o.Surfaces, o.Severity, Notes: o.Notes?.Trim() ?? "", o.TreatmentRequired, Treated: o.TreatedAtUtc is not null))
            .Select(g =>
            {
                var first = g.First();
                var surfaces = g.Key.Surfaces == ToothSurfaces.None ? "" : $" ({FdiTeeth.SurfaceNames(first.Tooth, g.Key.Surfaces)})";
                var severity = g.Key.Severity is { } s ? $", {DentalConditions.Label(s).ToLowerInvariant()}" : "";
                var notes = g.Key.Notes.Length > 0 ? $" — {g.Key.Notes}" : "";
                var treatment = g.Key.Treated ? "; treated" : g.Key.TreatmentRequired ? "; treatment required" : "";
                return $"{string.Join(", ", g.Select(o => o.Tooth).Distinct())}: {DentalConditions.Label(g.Key.Condition)}{surfaces}{severity}{notes}{treatment}";
            });
        return string.Join(Environment.NewLine, lines);
    }
}
