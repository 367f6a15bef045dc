using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Home;
using MedicalApp.Web.Features.Platform;

namespace MedicalApp.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Every feature service, in one visible list. Scoped: each takes the scope's practice.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<PracticeOverviewService>();
        services.AddScoped<PlatformPracticeService>();
        return services;
    }
}
