using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MedicalApp.Tests.Features.Practice;

/// <summary>The administration menu offers clinic locations and practice settings to administrators only.</summary>
public sealed class PracticeNavigationTests
{
    [Theory]
    [InlineData("Owner", true)]
    [InlineData("Admin", true)]
    [InlineData("Doctor", false)]
    [InlineData("Receptionist", false)]
    [InlineData("Nurse", false)]
    public async Task Locations_and_settings_links_are_for_administrators(string role, bool offered)
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(Guid.NewGuid(), "demo", "Demo Family Clinic", PracticeStatus.Active, PracticePlan.Basic, null, "Asia/Kolkata"));
        context.Services.AddSingleton(tenant);
        context.AddAuthorization().SetAuthorized("member@demo.test").SetRoles(role);

        var menu = context.Render<NavMenu>();

        Assert.Equal(offered, menu.FindAll("a[href='locations']").Count == 1 && menu.Markup.Contains("Clinic locations", StringComparison.Ordinal));
        Assert.Equal(offered, menu.FindAll("a[href='settings']").Count == 1 && menu.Markup.Contains("Practice settings", StringComparison.Ordinal));
    }
}
