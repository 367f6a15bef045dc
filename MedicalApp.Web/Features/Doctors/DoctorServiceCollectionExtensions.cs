namespace MedicalApp.Web.Features.Doctors;

public static class DoctorServiceCollectionExtensions
{
    /// <summary>Doctors' profiles, locations, weekly hours and leave; scoped so it works in the scope's practice.</summary>
    public static IServiceCollection AddDoctorFeature(this IServiceCollection services)
    {
        services.AddScoped<DoctorProfileService>();
        return services;
    }
}
