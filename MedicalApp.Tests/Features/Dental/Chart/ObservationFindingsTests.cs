using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Observations;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>The findings text a consultation gets from chosen observations, and the condition list's words.</summary>
public sealed class ObservationFindingsTests
{
    private static readonly DateTime At = new(2026, 3, 10, 5, 0, 0, DateTimeKind.Utc);

    private static ObservationRow Row(int tooth, DentalCondition condition, ToothSurfaces surfaces = ToothSurfaces.None, DentalSeverity? severity = null,
        string? notes = null, bool treatmentRequired = true) =>
        new(Guid.NewGuid(), tooth, condition, surfaces, severity, notes, treatmentRequired, null, At, null, "Dr Rahul Menon", true, 0);

    [Fact]
    public void Alike_teeth_with_the_same_finding_share_a_line_in_tooth_order()
    {
        var text = ObservationFindings.Text(
        [
            Row(26, DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, DentalSeverity.Moderate, "Into dentine"),
            Row(16, DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, DentalSeverity.Moderate, "Into dentine"),
            Row(11, DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, DentalSeverity.Moderate, "Into dentine"),
            Row(46, DentalCondition.Attrition, treatmentRequired: false),
        ]);

        Assert.Equal(
            [
                "11: Caries (incisal), moderate — Into dentine; treatment required",
                "16, 26: Caries (occlusal), moderate — Into dentine; treatment required",
                "46: Attrition",
            ],
            text.Split(Environment.NewLine));
    }

    [Fact]
    public void The_condition_list_reads_as_words()
    {
        Assert.Equal("Periapical lesion", DentalConditions.Label(DentalCondition.PeriapicalLesion));
        Assert.Equal("Root canal treated", DentalConditions.Label(DentalCondition.RootCanalTreated));
        Assert.Equal("Caries", DentalConditions.Label(DentalCondition.Caries));
        Assert.Equal("Occlusal / incisal (O/I)", DentalConditions.Label(ToothSurfaces.OcclusalIncisal));
        Assert.Equal("M, O/I, D", DentalConditions.Letters(ToothSurfaces.Mesial | ToothSurfaces.Distal | ToothSurfaces.OcclusalIncisal));
    }
}
