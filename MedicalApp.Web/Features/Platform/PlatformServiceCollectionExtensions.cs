namespace MedicalApp.Web.Features.Platform;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>The platform console's practice administration. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddScoped<PlatformPracticeService>();
        return services;
    }
}
