using MedicalApp.Printing.Prescriptions;

namespace MedicalApp.Tests.Printing;

public sealed class PrintLayoutRulesTests
{
    [Theory]
    [InlineData(PrescriptionTemplate.Classic, PaperSize.A4)]
    [InlineData(PrescriptionTemplate.Modern, PaperSize.A4)]
    [InlineData(PrescriptionTemplate.Minimal, PaperSize.A5)]
    [InlineData(PrescriptionTemplate.Letter, PaperSize.Letter)]
    public void Each_preset_is_valid_and_on_its_paper(PrescriptionTemplate template, PaperSize paper)
    {
        var layout = PrintLayout.Preset(template);

        Assert.Equal(template, layout.Template);
        Assert.Equal(paper, layout.PaperSize);
        Assert.Empty(PrintLayoutRules.Errors(layout));
    }

    [Theory]
    [InlineData(4.9, false)]
    [InlineData(5, true)]
    [InlineData(40, true)]
    [InlineData(40.1, false)]
    public void Margins_are_5_to_40_mm(double millimetres, bool valid)
    {
        var layout = PrintLayout.Preset(PrescriptionTemplate.Classic) with { MarginLeftMm = (decimal)millimetres };

        Assert.Equal(valid, PrintLayoutRules.MarginError((decimal)millimetres) is null);
        Assert.Equal(valid ? [] : [nameof(PrintLayout.MarginLeftMm)], PrintLayoutRules.Errors(layout).Keys);
    }

    [Theory]
    [InlineData(7.9, false)]
    [InlineData(8, true)]
    [InlineData(14, true)]
    [InlineData(14.5, false)]
    public void The_text_size_is_8_to_14_pt(double points, bool valid)
    {
        Assert.Equal(valid, PrintLayoutRules.FontSizeError((decimal)points) is null);
    }

    [Fact]
    public void Each_field_says_what_is_wrong_with_it()
    {
        var layout = PrintLayout.Preset(PrescriptionTemplate.Modern) with { MarginTopMm = 2, FontSizePt = 30, PaperSize = (PaperSize)9 };

        var errors = PrintLayoutRules.Errors(layout);

        Assert.Equal("The margin must be between 5 and 40 mm.", errors[nameof(PrintLayout.MarginTopMm)]);
        Assert.Equal("The text size must be between 8 and 14 pt.", errors[nameof(PrintLayout.FontSizePt)]);
        Assert.Equal("Choose A4, A5 or Letter.", errors[nameof(PrintLayout.PaperSize)]);
        Assert.Equal(3, errors.Count);
        Assert.Equal("Enter the margin in millimetres.", PrintLayoutRules.MarginError(null));
    }
}
