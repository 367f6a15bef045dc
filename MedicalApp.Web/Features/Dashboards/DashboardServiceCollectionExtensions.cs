namespace MedicalApp.Web.Features.Dashboards;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The home page dashboards (doctor, admin, reception); scoped so they count inside the scope's practice.</summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddScoped<DashboardService>();
        return services;
    }
}
