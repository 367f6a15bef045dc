namespace MedicalApp.Web.Features.Dental.CaseStudies;

public static class CaseStudiesServiceCollectionExtensions
{
    public static IServiceCollection AddDentalCaseStudies(this IServiceCollection services)
    {
        services.AddScoped<CaseStudySettingsService>();
        services.AddScoped<CaseStudyService>();
        services.AddScoped<CaseStudyPrinting>();
        return services;
    }
}
