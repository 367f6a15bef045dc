using MedicalApp.Web.Services.Email;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    public static IServiceCollection AddTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection(TenancyOptions.SectionName));
        services.AddMemoryCache();
        services.AddSingleton<PracticeDirectory>();
        services.AddSingleton<PracticeAddresses>();
        services.AddSingleton<IValidateOptions<EmailOptions>, PublicBaseUrlValidation>();
        services.AddOptions<EmailOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>Resolves the practice; must run before routing, static files and authentication.</summary>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();
}
