namespace MedicalApp.Web.Features.Platform;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>The platform console: practice administration and the global medicine catalogue. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddScoped<PlatformAdministrators>();
        services.AddScoped<PlatformPracticeService>();
        services.AddScoped<PlatformMedicineCatalogue>();
        return services;
    }
}
