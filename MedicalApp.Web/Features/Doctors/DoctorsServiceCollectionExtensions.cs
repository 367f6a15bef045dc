namespace MedicalApp.Web.Features.Doctors;

public static class DoctorsServiceCollectionExtensions
{
    /// <summary>Doctors' profiles, locations, weekly hours and leave. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddDoctors(this IServiceCollection services)
    {
        services.AddScoped<DoctorProfileService>();
        return services;
    }
}
