namespace MedicalApp.Web.Features.Practice;

public static class PracticeAdministrationServiceCollectionExtensions
{
    /// <summary>Clinic locations and practice settings; scoped, so they work inside the scope's practice.</summary>
    public static IServiceCollection AddPracticeAdministration(this IServiceCollection services)
    {
        services.AddScoped<ClinicLocationService>();
        services.AddScoped<PracticeSettingsService>();
        return services;
    }
}
