namespace MedicalApp.Web.Features.Prescriptions;

public static class PrescriptionsServiceCollectionExtensions
{
    /// <summary>Prescription lists and pages, corrections and cancellations, and printing them as PDF.</summary>
    public static IServiceCollection AddPrescriptions(this IServiceCollection services)
    {
        services.AddScoped<PrescriptionQueries>();
        services.AddScoped<PrescriptionService>();
        services.AddScoped<PrescriptionPrinting>();
        services.AddScoped<PrintSettingService>();
        return services;
    }
}
