using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Teeth;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>FDI (ISO 3950) numbering as code: which numbers are teeth, where they are, what they are called, and what the chart draws.</summary>
public sealed class FdiTeethTests
{
    [Fact]
    public void There_are_32_permanent_and_20_primary_teeth_and_nothing_else()
    {
        Assert.Equal(32, FdiTeeth.Permanent.Count);
        Assert.Equal(20, FdiTeeth.Primary.Count);
        var valid = Enumerable.Range(0, 100).Where(FdiTeeth.IsValid).ToList();
        Assert.Equal([.. FdiTeeth.Permanent, .. FdiTeeth.Primary], valid);
        foreach (var wrong in new[] { 10, 19, 20, 29, 39, 49, 50, 56, 66, 76, 86, 9, 91 })
        {
            Assert.False(FdiTeeth.IsValid(wrong), $"{wrong} is not a tooth");
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => FdiTeeth.Name(19));
    }

    [Theory]
    [InlineData(16, 1, DentalArch.Upper, PatientSide.Right, false, "upper right first molar")]
    [InlineData(11, 1, DentalArch.Upper, PatientSide.Right, true, "upper right central incisor")]
    [InlineData(23, 2, DentalArch.Upper, PatientSide.Left, true, "upper left canine")]
    [InlineData(38, 3, DentalArch.Lower, PatientSide.Left, false, "lower left third molar")]
    [InlineData(44, 4, DentalArch.Lower, PatientSide.Right, false, "lower right first premolar")]
    [InlineData(55, 5, DentalArch.Upper, PatientSide.Right, false, "upper right primary second molar")]
    [InlineData(62, 6, DentalArch.Upper, PatientSide.Left, true, "upper left primary lateral incisor")]
    [InlineData(74, 7, DentalArch.Lower, PatientSide.Left, false, "lower left primary first molar")]
    [InlineData(83, 8, DentalArch.Lower, PatientSide.Right, true, "lower right primary canine")]
    public void Each_tooth_has_its_quadrant_arch_side_kind_and_name(int tooth, int quadrant, DentalArch arch, PatientSide side, bool anterior, string name)
    {
        Assert.Equal(quadrant, FdiTeeth.Quadrant(tooth));
        Assert.Equal(arch, FdiTeeth.Arch(tooth));
        Assert.Equal(side, FdiTeeth.Side(tooth));
        Assert.Equal(anterior, FdiTeeth.IsAnterior(tooth));
        Assert.Equal(name, FdiTeeth.Name(tooth));
        Assert.Equal(tooth >= 51, FdiTeeth.IsPrimary(tooth));
    }

    [Fact]
    public void Surfaces_are_named_for_front_and_back_upper_and_lower_teeth()
    {
        var all = FdiTeeth.AllSurfaces;
        Assert.Equal("MODBL", FdiTeeth.SurfaceCode(46, all));   // lower molar: occlusal, buccal, lingual
        Assert.Equal("MODBP", FdiTeeth.SurfaceCode(16, all));   // upper molar: palatal
        Assert.Equal("MIDFP", FdiTeeth.SurfaceCode(11, all));   // upper incisor: incisal, facial, palatal
        Assert.Equal("MIDFL", FdiTeeth.SurfaceCode(83, all));   // lower primary canine
        Assert.Equal("MOD", FdiTeeth.SurfaceCode(36, ToothSurfaces.Mesial | ToothSurfaces.Distal | ToothSurfaces.OcclusalIncisal));
        Assert.Equal("mesial, occlusal and distal", FdiTeeth.SurfaceNames(36, ToothSurfaces.Mesial | ToothSurfaces.Distal | ToothSurfaces.OcclusalIncisal));
        Assert.Equal("", FdiTeeth.SurfaceCode(36, ToothSurfaces.None));
        Assert.True(FdiTeeth.AreValidSurfaces(all));
        Assert.False(FdiTeeth.AreValidSurfaces((ToothSurfaces)32));
    }

    [Theory]
    [InlineData(null, Dentition.Permanent)]
    [InlineData(0, Dentition.Primary)]
    [InlineData(5, Dentition.Primary)]
    [InlineData(6, Dentition.Mixed)]
    [InlineData(12, Dentition.Mixed)]
    [InlineData(13, Dentition.Permanent)]
    [InlineData(70, Dentition.Permanent)]
    public void The_dentition_follows_the_age(int? age, Dentition expected) => Assert.Equal(expected, FdiTeeth.DentitionForAge(age));

    [Fact]
    public void Each_dentition_draws_its_teeth()
    {
        Assert.Equal(FdiTeeth.Permanent, FdiTeeth.TeethOf(Dentition.Permanent));
        Assert.Equal(FdiTeeth.Primary, FdiTeeth.TeethOf(Dentition.Primary));
        Assert.Equal(52, FdiTeeth.TeethOf(Dentition.Mixed).Count);
        foreach (var dentition in Enum.GetValues<Dentition>())
        {
            Assert.Equal(FdiTeeth.TeethOf(dentition).Order(), FdiTeeth.RowsOf(dentition).SelectMany(r => r.Teeth).Order());
        }
    }

    [Fact]
    public void The_chart_is_seen_facing_the_patient_each_tooth_above_its_opposing_tooth()
    {
        var rows = FdiTeeth.RowsOf(Dentition.Permanent);
        Assert.Equal([18, 17, 16, 15, 14, 13, 12, 11, 21, 22, 23, 24, 25, 26, 27, 28], rows[0].Teeth);
        Assert.Equal([48, 47, 46, 45, 44, 43, 42, 41, 31, 32, 33, 34, 35, 36, 37, 38], rows[1].Teeth);
        Assert.Equal(DentalArch.Upper, rows[0].Arch);
        // The legacy "fix" put 31–38 on the viewer's left; here the lower left quadrant stays under the upper left one.
        Assert.Equal([31, 32, 33, 34, 35, 36, 37, 38], rows[1].ViewerRight);

        var primary = FdiTeeth.RowsOf(Dentition.Primary);
        Assert.Equal([55, 54, 53, 52, 51, 61, 62, 63, 64, 65], primary[0].Teeth);
        Assert.Equal([85, 84, 83, 82, 81, 71, 72, 73, 74, 75], primary[1].Teeth);

        var mixed = FdiTeeth.RowsOf(Dentition.Mixed);
        Assert.Equal([DentalArch.Upper, DentalArch.Upper, DentalArch.Lower, DentalArch.Lower], mixed.Select(r => r.Arch));
        Assert.Equal(55, mixed[1].Teeth.First());
        Assert.Equal(48, mixed[3].Teeth.First());
    }
}
