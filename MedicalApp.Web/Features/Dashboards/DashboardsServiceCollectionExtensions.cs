namespace MedicalApp.Web.Features.Dashboards;

public static class DashboardsServiceCollectionExtensions
{
    /// <summary>The home page dashboards (doctor, admin, reception). Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddScoped<DashboardService>();
        return services;
    }
}
