using Bunit;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>Everyone in a practice gets Appointments and Calendar; the front desk (not doctors) gets Reception.</summary>
public sealed class AppointmentNavigationTests
{
    [Theory]
    [InlineData("Owner", true)]
    [InlineData("Admin", true)]
    [InlineData("Receptionist", true)]
    [InlineData("Nurse", true)]
    [InlineData("Doctor", false)]
    public async Task The_menu_offers_appointments_to_all_and_reception_to_the_front_desk(string role, bool reception)
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(Guid.NewGuid(), "demo", "Demo Family Clinic", PracticeStatus.Active, PracticePlan.Basic, null, "Asia/Kolkata"));
        context.Services.AddSingleton(tenant);
        context.AddAuthorization().SetAuthorized("member@demo.test").SetRoles(role);

        var menu = context.Render<NavMenu>();
        var links = menu.FindAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));

        Assert.Equal("appointments", links["Appointments"]);
        Assert.Equal("appointments/calendar", links["Calendar"]);
        Assert.Equal(reception, links.TryGetValue("Reception", out var href) && href == "reception");
    }
}
