namespace MedicalApp.Web.Features.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>Clinic locations and practice settings. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<ClinicLocationService>();
        services.AddScoped<PracticeSettingsService>();
        return services;
    }
}
