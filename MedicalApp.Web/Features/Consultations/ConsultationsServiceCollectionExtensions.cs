namespace MedicalApp.Web.Features.Consultations;

public static class ConsultationsServiceCollectionExtensions
{
    /// <summary>The doctor's consultation page: its changes (start, draft, finalise) and its reading.</summary>
    public static IServiceCollection AddConsultations(this IServiceCollection services)
    {
        services.AddScoped<ConsultationService>();
        services.AddScoped<ConsultationQueries>();
        return services;
    }
}
