namespace MedicalApp.Web.Features.Practice;

public static class PracticeServiceCollectionExtensions
{
    /// <summary>Clinic locations and practice settings. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.AddScoped<ClinicLocationService>();
        services.AddScoped<PracticeSettingsService>();
        return services;
    }
}
