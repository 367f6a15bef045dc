namespace MedicalApp.Web.Features.Home;

public static class HomeServiceCollectionExtensions
{
    /// <summary>The signed-in home page's practice summary. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddScoped<PracticeOverviewService>();
        services.AddScoped<SetupChecklistService>();
        return services;
    }
}
