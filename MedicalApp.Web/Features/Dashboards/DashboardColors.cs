using MedicalApp.Data.Entities;
using MudBlazor;

namespace MedicalApp.Web.Features.Dashboards;

/// <summary>One colour per appointment status, so the queue and the counts read alike.</summary>
public static class DashboardColors
{
    public static Color Of(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Confirmed => Color.Info,
        AppointmentStatus.InProgress => Color.Warning,
        AppointmentStatus.Completed => Color.Success,
        AppointmentStatus.NoShow => Color.Error,
        AppointmentStatus.Cancelled => Color.Default,
        _ => Color.Primary,
    };
}
