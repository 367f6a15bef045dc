using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Platform;

/// <summary>The platform console over HTTP: who may open a practice's page, and suspension taking effect at once.</summary>
public sealed class PlatformConsoleTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task A_suspended_practice_refuses_its_members_at_once_and_reactivation_lets_them_back()
    {
        var member = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(member, "/t/demo/Account/Login", "doctor@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/t/demo/")).StatusCode); // cached in the directory now
        var demoId = await PracticeIdAsync("demo");

        var suspended = await ActAsync(service => service.SuspendAsync(demoId, "Unpaid invoices since October"));
        Assert.True(suspended.Succeeded, suspended.Message);
        try
        {
            var refused = await member.GetAsync("/t/demo/");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var html = await MedicalAppFactory.TextAsync(refused);
            Assert.Contains("This practice is suspended", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Vikram Iyer", html, StringComparison.Ordinal);

            var console = App.CreateBrowserLikeClient();
            await App.SignInAsPlatformAdminAsync(console);
            var page = await MedicalAppFactory.TextAsync(await console.GetAsync($"/platform/practices/{demoId}"));
            Assert.Contains("Unpaid invoices since October", page, StringComparison.Ordinal);
            Assert.Contains("Reactivate", page, StringComparison.Ordinal);
        }
        finally
        {
            var reactivated = await ActAsync(service => service.ReactivateAsync(demoId, "Invoices paid"));
            Assert.True(reactivated.Succeeded, reactivated.Message);
        }

        var restored = await member.GetAsync("/t/demo/");
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Contains("Welcome, Vikram Iyer.", await restored.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var trail = await PlatformAuditAsync(demoId);
        Assert.Contains(trail, e => e.Action == AuditActions.PracticeSuspended && e.UserEmail == "admin@platform.test" && e.Details!.Contains("Unpaid invoices", StringComparison.Ordinal));
        Assert.Contains(trail, e => e.Action == AuditActions.PracticeReactivated && e.Details!.Contains("Invoices paid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_platform_admin_opens_a_practice_from_the_list()
    {
        var sunriseId = await PracticeIdAsync("sunrise");
        var console = App.CreateBrowserLikeClient();
        await App.SignInAsPlatformAdminAsync(console);

        var list = await MedicalAppFactory.TextAsync(await console.GetAsync("/platform"));
        Assert.Contains($"href=\"platform/practices/{sunriseId}\"", list, StringComparison.Ordinal);

        var response = await console.GetAsync($"/platform/practices/{sunriseId}");
        var html = await MedicalAppFactory.TextAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sunrise Dental Care", html, StringComparison.Ordinal);
        Assert.Contains("owner@sunrise.test", html, StringComparison.Ordinal);
        Assert.Contains("Extend trial", html, StringComparison.Ordinal);
        Assert.Contains("Subscription history", html, StringComparison.Ordinal);
        Assert.Contains("1 / 1", html, StringComparison.Ordinal); // its one clinic location of the trial's one
    }

    [Fact]
    public async Task Practice_members_and_visitors_cannot_open_a_practice_in_the_console()
    {
        var demoId = await PracticeIdAsync("demo");

        var owner = App.CreateBrowserLikeClient();
        await MedicalAppFactory.SignInAsync(owner, "/t/demo/Account/Login", "owner@demo.test");
        var atPractice = await owner.GetAsync($"/t/demo/platform/practices/{demoId}");
        Assert.Equal(HttpStatusCode.Redirect, atPractice.StatusCode);
        var denied = await owner.GetAsync(atPractice.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain("Subscription history", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var visitor = await App.CreateBrowserLikeClient().GetAsync($"/platform/practices/{demoId}");
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/Account/Login", MedicalAppFactory.RedirectTarget(visitor), StringComparison.Ordinal);
    }

    /// <summary>Runs a console action in a root scope signed in as the seeded platform admin.</summary>
    private async Task<ChangeResult> ActAsync(Func<PlatformPracticeService, Task<ChangeResult>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("admin@platform.test");
        scope.ServiceProvider.GetRequiredService<SignedInUser>().BindFrom(TestMember.Principal(admin!.Id, null), scope.ServiceProvider.GetRequiredService<CurrentTenant>());
        return await action(scope.ServiceProvider.GetRequiredService<PlatformPracticeService>());
    }

    private async Task<Guid> PracticeIdAsync(string slug)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await db.Practices.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }

    private async Task<List<PlatformAuditEvent>> PlatformAuditAsync(Guid practiceId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
        return await db.PlatformAuditEvents.AsNoTracking().Where(e => e.TenantId == practiceId).ToListAsync();
    }
}
