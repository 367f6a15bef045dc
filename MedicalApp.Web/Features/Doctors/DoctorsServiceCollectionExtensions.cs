namespace MedicalApp.Web.Features.Doctors;

public static class DoctorsServiceCollectionExtensions
{
    /// <summary>Doctors' profiles, locations, weekly hours, leave and signatures. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddDoctors(this IServiceCollection services)
    {
        services.AddScoped<DoctorProfileService>();
        services.AddScoped<DoctorSignatureService>();
        return services;
    }
}
