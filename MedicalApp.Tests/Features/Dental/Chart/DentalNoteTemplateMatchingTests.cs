using MedicalApp.Data.Dental;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Templates;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>Which templates fit an observation (an empty field fits anything) and in which order (exact matches, then display order).</summary>
public sealed class DentalNoteTemplateMatchingTests
{
    private static DentalNoteTemplateRow Template(string code, DentalCondition? condition, ToothSurfaces? surfaces, DentalSeverity? severity, int order = 0) =>
        new(Guid.NewGuid(), condition, surfaces, severity, code + " text", code, false, order, true, 0);

    private static readonly DentalNoteTemplateRow Any = Template("ANY", null, null, null, order: 1);
    private static readonly DentalNoteTemplateRow Caries = Template("CAR", DentalCondition.Caries, null, null, order: 5);
    private static readonly DentalNoteTemplateRow CariesOcclusal = Template("CAR-O", DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, null, order: 9);
    private static readonly DentalNoteTemplateRow CariesOcclusalModerate = Template("CAR-O-MOD", DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, DentalSeverity.Moderate, order: 20);
    private static readonly DentalNoteTemplateRow CariesSevere = Template("CAR-SEV", DentalCondition.Caries, null, DentalSeverity.Severe, order: 2);
    private static readonly DentalNoteTemplateRow Fracture = Template("FRA", DentalCondition.Fracture, null, null);
    private static readonly DentalNoteTemplateRow Moderate = Template("MOD", null, null, DentalSeverity.Moderate, order: 3);

    private static readonly DentalNoteTemplateRow[] All = [Any, Caries, CariesOcclusal, CariesOcclusalModerate, CariesSevere, Fracture, Moderate];

    [Fact]
    public void The_templates_matching_more_exactly_come_first_then_by_display_order()
    {
        var ranked = DentalNoteTemplateMatching.Rank(All, DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, DentalSeverity.Moderate);

        // 3 exact matches; 2; then one each by display order (MOD 3 before CAR 5); then the wildcard. CAR-SEV is for severe caries only.
        Assert.Equal(["CAR-O-MOD", "CAR-O", "MOD", "CAR", "ANY"], ranked.Select(t => t.ShortCode));
    }

    [Fact]
    public void A_template_for_another_condition_surface_or_severity_does_not_fit()
    {
        var ranked = DentalNoteTemplateMatching.Rank(All, DentalCondition.Caries, ToothSurfaces.Mesial, DentalSeverity.Mild);
        Assert.Equal(["CAR", "ANY"], ranked.Select(t => t.ShortCode));
        Assert.DoesNotContain(Fracture, ranked);
    }

    [Fact]
    public void What_the_observation_has_not_filled_in_rules_nothing_out_and_scores_nothing()
    {
        var ranked = DentalNoteTemplateMatching.Rank(All, DentalCondition.Caries, null, null);
        Assert.Equal(["CAR-SEV", "CAR", "CAR-O", "CAR-O-MOD", "ANY", "MOD"], ranked.Select(t => t.ShortCode));
        Assert.Equal(All.Length, DentalNoteTemplateMatching.Rank(All, null, null, null).Count);
    }

    [Fact]
    public void The_starter_set_has_at_least_30_valid_templates_with_unique_codes()
    {
        var all = StandardDentalNoteTemplates.All;
        Assert.True(all.Count >= 30, $"{all.Count} templates");
        Assert.Equal(all.Count, all.Select(t => t.ShortCode.ToUpperInvariant()).Distinct().Count());
        Assert.All(all, t => Assert.Empty(DentalNoteTemplateRules.Errors(new DentalNoteTemplateInput
        {
            Condition = t.Condition, Surfaces = t.Surfaces, Severity = t.Severity, Text = t.Text, ShortCode = t.ShortCode,
        })));
        // Every condition of the one list has at least one template written for it.
        Assert.All(Enum.GetValues<DentalCondition>(), c => Assert.Contains(all, t => t.Condition == c));
    }
}
