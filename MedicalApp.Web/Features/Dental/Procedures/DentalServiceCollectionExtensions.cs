using MedicalApp.Printing.TreatmentPlans;
using MedicalApp.Web.Features.Dental.Prices;
using MedicalApp.Web.Features.Dental.TreatmentPlans;

namespace MedicalApp.Web.Features.Dental.Procedures;

public static class DentalTreatmentServiceCollectionExtensions
{
    /// <summary>Dental procedures, the practice's price list, treatment plans (and their PDF), and the treatment lists and histories.</summary>
    public static IServiceCollection AddDentalTreatment(this IServiceCollection services)
    {
        services.AddScoped<DentalPriceService>();
        services.AddScoped<DentalProcedureService>();
        services.AddScoped<DentalHistoryQueries>();
        services.AddScoped<TreatmentQueries>();
        services.AddScoped<TreatmentPlanService>();
        services.AddScoped<TreatmentPlanQueries>();
        services.AddScoped<TreatmentPlanPrinting>();
        services.AddSingleton<TreatmentPlanDocument>();
        return services;
    }
}
