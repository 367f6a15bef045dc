namespace MedicalApp.Web.Features.Patients;

public static class PatientsServiceCollectionExtensions
{
    /// <summary>Patients, families and patient search; scoped, so it works inside the scope's practice.</summary>
    public static IServiceCollection AddPatientsFeature(this IServiceCollection services)
    {
        services.AddScoped<PatientService>();
        return services;
    }
}
