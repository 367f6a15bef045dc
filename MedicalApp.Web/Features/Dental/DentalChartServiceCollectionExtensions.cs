using MedicalApp.Web.Features.Dental.Chart;
using MedicalApp.Web.Features.Dental.Observations;
using MedicalApp.Web.Features.Dental.Templates;

namespace MedicalApp.Web.Features.Dental;

public static class DentalChartServiceCollectionExtensions
{
    /// <summary>The dental chart, its observations and the note templates. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddDentalChart(this IServiceCollection services)
    {
        services.AddScoped<DentalChartService>();
        services.AddScoped<DentalObservationService>();
        services.AddScoped<DentalNoteTemplateService>();
        return services;
    }
}
