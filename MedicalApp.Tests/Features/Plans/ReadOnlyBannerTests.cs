using Bunit;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>The banner the layout shows inside a read-only practice: why, and for the owner the way to a plan.</summary>
public sealed class ReadOnlyBannerTests(SqlitePlansFixture fixture) : IClassFixture<SqlitePlansFixture>
{
    [Theory]
    [InlineData(PracticeRoles.Owner, true)]
    [InlineData(PracticeRoles.Doctor, false)]
    public async Task After_the_trial_ends_the_banner_explains_and_offers_owners_a_plan(PracticeRoles role, bool offersPlan)
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, fixture.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        await using var context = await NewContextAsync(practiceId, role);

        var banner = context.Render<ReadOnlyBanner>();

        banner.WaitForAssertion(() => Assert.Contains("This practice is read-only", banner.Markup, StringComparison.Ordinal));
        Assert.Equal(offersPlan, banner.FindAll("[data-testid=read-only-choose-plan]").Count == 1);
        Assert.Equal(!offersPlan, banner.Markup.Contains("The practice owner can choose a plan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_practice_whose_trial_runs_shows_no_banner()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial, fixture.Clock.GetUtcNow().UtcDateTime.AddDays(5));
        await using var context = await NewContextAsync(practiceId, PracticeRoles.Owner);

        var banner = context.Render<ReadOnlyBanner>();

        Assert.DoesNotContain("read-only", banner.Markup, StringComparison.Ordinal);
    }

    /// <summary>The banner's context for a new member with <paramref name="role"/> (its roles read from the database).</summary>
    private async Task<BunitContext> NewContextAsync(TestPractice practice, PracticeRoles role)
    {
        var member = await practice.AddMemberAsync(role);
        var context = MemberComponents.For(fixture.Db, practice, member);
        context.Services.AddSingleton(practice.As(member, fixture.Clock).Get<SubscriptionService>());
        return context;
    }
}
