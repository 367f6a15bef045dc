namespace MedicalApp.Web.Features.Patients;

public static class PatientsServiceCollectionExtensions
{
    /// <summary>Patients, families and patient search. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddPatients(this IServiceCollection services)
    {
        services.AddScoped<PatientRegistration>();
        services.AddScoped<PatientRecords>();
        services.AddScoped<PatientQueries>();
        return services;
    }
}
