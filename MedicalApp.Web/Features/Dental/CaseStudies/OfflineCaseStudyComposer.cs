using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>
/// Writes all eight sections from the records alone, here, with no network: the default generator, and the one that
/// always works. Plain sentences the doctor edits; the patient is described by age and sex, never named.
/// </summary>
public static class OfflineCaseStudyComposer
{
    public const string Name = "Offline composer";

    public static CaseStudySections Compose(CaseStudyMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        var summary = Summary(material);
        var diagnosis = InitialDiagnosis(material);
        var goals = TreatmentGoals(material);
        var treatment = TreatmentSummary(material);
        var performed = ProceduresPerformed(material);
        var outcome = Outcome(material);
        var measures = SuccessMeasures(material);
        return new CaseStudySections(summary, diagnosis, goals, treatment, performed, outcome, measures, Narrative(material, summary, treatment, outcome));
    }

    private static string Patient(CaseStudyMaterial m) =>
        (m.Patient.Age is { } age ? $"A {age}-year-old " : "A ") + (m.Patient.Gender switch { Gender.Female => "female", Gender.Male => "male", _ => "" } + " patient").Trim();

    private static string Teeth(IEnumerable<int> teeth) =>
        teeth.Distinct().Order().ToList() is { Count: > 0 } list ? (list.Count == 1 ? $"tooth {list[0]}" : $"teeth {string.Join(", ", list)}") : "the teeth concerned";

    private static string Summary(CaseStudyMaterial m)
    {
        var complaint = m.Visits.Select(v => v.ChiefComplaint).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
        var findings = m.Observations.Count == 0
            ? "no charted findings were selected"
            : $"{m.Observations.Count} finding{(m.Observations.Count == 1 ? "" : "s")} on {Teeth(m.Observations.Select(o => o.Tooth))}";
        var completed = m.Procedures.Count(p => p.Status == DentalProcedureStatus.Completed);
        return $"{Patient(m)}{(complaint is null ? "" : $" presented with “{complaint.Trim()}”")}; {findings}. "
            + $"{m.Procedures.Count} procedure{(m.Procedures.Count == 1 ? " was" : "s were")} planned, {completed} completed"
            + (m.Attachments.Count > 0 ? $", documented with {m.Attachments.Count} file{(m.Attachments.Count == 1 ? "" : "s")}." : ".");
    }

    private static string InitialDiagnosis(CaseStudyMaterial m)
    {
        var lines = m.Observations.Select(o =>
            $"Tooth {o.Tooth}{(SurfacesOf(o) is { Length: > 0 } s ? $" ({s})" : "")}: {CaseStudyMaterial.Words(o.Condition).ToLowerInvariant()}"
            + (o.Severity is { } severity ? $", {severity.ToString().ToLowerInvariant()}" : "")
            + (string.IsNullOrWhiteSpace(o.Notes) ? "" : $" — {o.Notes.Trim()}")
            + $" (recorded {CaseStudyMaterial.Date(o.RecordedOn)}).").ToList();
        lines.AddRange(m.Visits.Where(v => !string.IsNullOrWhiteSpace(v.Diagnosis)).Select(v => $"Visit of {CaseStudyMaterial.Date(v.On)}: {v.Diagnosis!.Trim()}."));
        return lines.Count == 0 ? "No findings were selected for this case study." : string.Join("\n", lines);
    }

    private static string SurfacesOf(MaterialObservation o) => CaseStudyMaterial.SurfaceLetters(o.Surfaces);

    private static string Goal(DentalCondition condition, string teeth) => condition switch
    {
        DentalCondition.Caries => $"Remove the decay and restore {teeth}",
        DentalCondition.Fracture => $"Restore the fractured {teeth}",
        DentalCondition.Missing => $"Replace the missing {teeth}",
        DentalCondition.Impacted => $"Manage the impacted {teeth}",
        DentalCondition.Mobility => $"Stabilise {teeth}",
        DentalCondition.PeriapicalLesion => $"Resolve the periapical infection of {teeth}",
        DentalCondition.Gingivitis or DentalCondition.Periodontitis => $"Control the gum inflammation around {teeth}",
        DentalCondition.Attrition or DentalCondition.Abrasion or DentalCondition.Erosion => $"Stop further tooth wear on {teeth} and restore lost structure",
        DentalCondition.Discoloration => $"Improve the colour of {teeth}",
        _ => $"Review and maintain the {CaseStudyMaterial.Words(condition).ToLowerInvariant()} of {teeth}",
    };

    private static string TreatmentGoals(CaseStudyMaterial m)
    {
        var goals = m.Observations.GroupBy(o => o.Condition)
            .Select(g => Goal(g.Key, Teeth(g.Select(o => o.Tooth))) + ".").ToList();
        if (m.Visits.Select(v => v.ChiefComplaint).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) is { } complaint)
        {
            goals.Insert(0, $"Relieve the presenting complaint (“{complaint.Trim()}”).");
        }

        goals.Add("Keep the patient free of pain and able to chew comfortably, with a plan for review.");
        return string.Join("\n", goals);
    }

    private static string TreatmentSummary(CaseStudyMaterial m)
    {
        if (m.Procedures.Count == 0)
        {
            return "No procedures were selected for this case study.";
        }

        var byStatus = m.Procedures.GroupBy(p => p.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {CaseStudyMaterial.Words(g.Key.ToString()).ToLowerInvariant()}");
        return $"Treatment of {Teeth(m.Procedures.SelectMany(p => p.Teeth))} in {m.Procedures.Count} procedure{(m.Procedures.Count == 1 ? "" : "s")} "
            + $"({string.Join(", ", byStatus)}): {string.Join("; ", m.Procedures.Select(p => p.Name))}.";
    }

    private static string ProceduresPerformed(CaseStudyMaterial m) =>
        m.Procedures.Count == 0
            ? "No procedures were selected for this case study."
            : string.Join("\n", m.Procedures.Select(p =>
                $"{p.Name} ({p.Code}) on {Teeth(p.Teeth)}: "
                + (p.Status == DentalProcedureStatus.Completed && p.CompletedOn is { } done ? $"completed {CaseStudyMaterial.Date(done)}"
                    : p.PlannedOn is { } planned ? $"{CaseStudyMaterial.Words(p.Status.ToString()).ToLowerInvariant()}, planned for {CaseStudyMaterial.Date(planned)}"
                    : CaseStudyMaterial.Words(p.Status.ToString()).ToLowerInvariant())
                + (string.IsNullOrWhiteSpace(p.Notes) ? "." : $". {p.Notes.Trim().TrimEnd('.')}.")));

    private static string Outcome(CaseStudyMaterial m)
    {
        var treated = m.Observations.Count(o => o.TreatedOn is not null);
        var sentences = new List<string>();
        if (m.Observations.Count > 0)
        {
            sentences.Add(treated == m.Observations.Count
                ? $"All {m.Observations.Count} selected finding{(m.Observations.Count == 1 ? " was" : "s were")} treated."
                : $"{treated} of {m.Observations.Count} selected findings were treated; still open: "
                  + string.Join(", ", m.Observations.Where(o => o.TreatedOn is null).Select(o => $"tooth {o.Tooth} ({CaseStudyMaterial.Words(o.Condition).ToLowerInvariant()})")) + ".");
        }

        var open = m.Procedures.Where(p => p.Status is DentalProcedureStatus.Planned or DentalProcedureStatus.Scheduled or DentalProcedureStatus.InProgress).ToList();
        if (open.Count > 0)
        {
            sentences.Add($"Still to do: {string.Join("; ", open.Select(p => p.Name))}.");
        }

        if (m.Attachments.Count > 0)
        {
            sentences.Add("Records: " + string.Join("; ", m.Attachments.Select(a =>
                $"{Dental.Attachments.AttachmentFile.KindLabel(a.Kind)} {(string.IsNullOrWhiteSpace(a.Caption) ? $"“{a.FileName}”" : $"“{a.Caption.Trim()}”")}"
                + (a.TakenOn is { } taken ? $" ({CaseStudyMaterial.Date(taken)})" : ""))) + ".");
        }

        return sentences.Count == 0 ? "The outcome is to be recorded at review." : string.Join(" ", sentences);
    }

    private static string SuccessMeasures(CaseStudyMaterial m)
    {
        var measures = new List<string> { "No pain or sensitivity reported at review." };
        var conditions = m.Observations.Select(o => o.Condition).ToHashSet();
        if (conditions.Overlaps([DentalCondition.Caries, DentalCondition.Fracture, DentalCondition.Restoration]))
        {
            measures.Add("Restorations intact with sealed margins, with no recurrent decay on the review radiograph.");
        }

        if (conditions.Contains(DentalCondition.PeriapicalLesion))
        {
            measures.Add("Periapical radiolucency reduced or healed on the follow-up radiograph.");
        }

        if (conditions.Overlaps([DentalCondition.Gingivitis, DentalCondition.Periodontitis]))
        {
            measures.Add("Less bleeding on probing and stable or reduced pocket depths.");
        }

        if (conditions.Contains(DentalCondition.Mobility))
        {
            measures.Add("Reduced tooth mobility.");
        }

        measures.Add("Normal chewing function and the patient's satisfaction with the result.");
        return string.Join("\n", measures);
    }

    private static string Narrative(CaseStudyMaterial m, string summary, string treatment, string outcome)
    {
        var first = m.Visits.Count > 0 ? $"First seen on {CaseStudyMaterial.Date(m.Visits[0].On)}. " : "";
        return $"{first}{summary} {treatment} {outcome}".Trim();
    }
}
