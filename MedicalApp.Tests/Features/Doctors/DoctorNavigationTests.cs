using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>Everyone in a practice may see who the doctors are, so the menu offers the list to every role.</summary>
public sealed class DoctorNavigationTests
{
    [Theory]
    [InlineData("Owner")]
    [InlineData("Admin")]
    [InlineData("Doctor")]
    [InlineData("Receptionist")]
    [InlineData("Nurse")]
    public async Task Every_member_is_offered_the_doctor_list(string role)
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(Guid.NewGuid(), "demo", "Demo Family Clinic", PracticeStatus.Active, PracticePlan.Basic, null, "Asia/Kolkata"));
        context.Services.AddSingleton(tenant);
        context.AddAuthorization().SetAuthorized("member@demo.test").SetRoles(role);

        var menu = context.Render<NavMenu>();

        var link = menu.FindAll("a").Single(a => a.TextContent.Contains("Doctors", StringComparison.Ordinal));
        Assert.Equal("doctors", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Outside_a_practice_there_is_no_doctor_list()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(new CurrentTenant());
        context.AddAuthorization().SetAuthorized("admin@platform.test");

        var menu = context.Render<NavMenu>();

        Assert.DoesNotContain("Doctors", menu.Markup, StringComparison.Ordinal);
    }
}
