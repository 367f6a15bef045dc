using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MedicalApp.Tests.Components;

/// <summary>The navigation shows each member only what their role may use (the pages check again on the server).</summary>
public sealed class NavMenuTests
{
    [Theory]
    [InlineData("Doctor", false)]
    [InlineData("Receptionist", false)]
    [InlineData("Nurse", false)]
    [InlineData("Admin", true)]
    [InlineData("Owner", true)]
    public async Task The_audit_log_is_offered_to_administrators_only(string role, bool offered)
    {
        await using var context = NewContext(practice: true);
        context.AddAuthorization().SetAuthorized("member@demo.test").SetRoles(role);

        var menu = context.Render<NavMenu>();

        Assert.Contains("Home", menu.Markup, StringComparison.Ordinal);
        Assert.Equal(offered, menu.Markup.Contains("Audit log", StringComparison.Ordinal));
        Assert.DoesNotContain("Practices", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_root_a_platform_admin_is_offered_the_practice_list()
    {
        await using var context = NewContext(practice: false);
        context.AddAuthorization().SetAuthorized("admin@platform.test").SetPolicies(MedicalApp.Web.Identity.PracticePolicies.PlatformAdmin);

        var menu = context.Render<NavMenu>();

        Assert.Contains("Practices", menu.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit log", menu.Markup, StringComparison.Ordinal);
    }

    private static BunitContext NewContext(bool practice)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var tenant = new CurrentTenant();
        if (practice)
        {
            tenant.Set(new TenantSnapshot(Guid.NewGuid(), "demo", "Demo Family Clinic", PracticeStatus.Active, PracticePlan.Basic, null, "Asia/Kolkata"));
        }

        context.Services.AddSingleton(tenant);
        return context;
    }
}
