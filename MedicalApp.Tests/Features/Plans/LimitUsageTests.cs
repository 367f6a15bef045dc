using MedicalApp.Data.Plans;
using MedicalApp.Web.Features.Plans;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>How a limit reads on the usage page: the bar, the 80 % warning, and the reasons a plan does not fit.</summary>
public sealed class LimitUsageTests
{
    [Theory]
    [InlineData(0, 5, 0d, false, false)]
    [InlineData(3, 5, 60d, false, false)]
    [InlineData(4, 5, 80d, true, false)]
    [InlineData(5, 5, 100d, true, false)]
    [InlineData(7, 5, 100d, true, true)]
    [InlineData(0, 0, 100d, true, false)]
    public void The_bar_fills_by_share_used_and_warns_from_80_percent(long used, long allowed, double percent, bool warning, bool exceeded)
    {
        var usage = new LimitUsage(LimitedResource.Doctors, used, allowed);
        Assert.Equal((percent, warning, exceeded), (usage.Percent, usage.IsWarning, usage.IsExceeded));
    }

    [Theory]
    [InlineData(1, 1, false, false, true)]
    [InlineData(0, 1, false, false, false)]
    [InlineData(2, 1, false, true, false)]
    [InlineData(2, 2, true, false, false)]
    [InlineData(3, 3, true, false, false)]
    public void An_allowance_of_one_in_use_is_full_by_design_not_a_warning(long used, long allowed, bool warning, bool exceeded, bool fullByDesign)
    {
        var usage = new LimitUsage(LimitedResource.ClinicLocations, used, allowed);
        Assert.Equal((warning, exceeded, fullByDesign), (usage.IsWarning, usage.IsExceeded, usage.IsFullByDesign));
    }

    [Fact]
    public void An_unlimited_limit_has_no_warning()
    {
        var usage = new LimitUsage(LimitedResource.ClinicLocations, 500, null);
        Assert.Equal((true, false, false, "unlimited"), (usage.IsUnlimited, usage.IsWarning, usage.IsExceeded, usage.AllowedText));
    }

    [Fact]
    public void A_plan_that_does_not_fit_names_each_limit_in_words()
    {
        var usage = new[]
        {
            new LimitUsage(LimitedResource.ClinicLocations, 4, 10),
            new LimitUsage(LimitedResource.Doctors, 21, 100),
            new LimitUsage(LimitedResource.StorageBytes, 12L * 1024 * 1024 * 1024, null),
        };

        var problems = PlanFit.Problems(usage, PlanCatalog.Basic.CreateLimits(), "Basic");

        Assert.Equal(new[]
        {
            "You use 4 clinic locations; Basic allows 3.",
            "You use 21 doctors; Basic allows 20.",
            "You use 12 GB of files; Basic allows 10 GB.",
        }, problems);
        Assert.Empty(PlanFit.Problems(usage, PlanCatalog.Premium.CreateLimits(), "Premium"));
    }
}
