using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Features.Dental.CaseStudies;

namespace MedicalApp.Web.Features.Dental;

public static class DentalFilesServiceCollectionExtensions
{
    /// <summary>Dental attachments (X-rays, photos, documents) and case studies composed from the dental records.</summary>
    public static IServiceCollection AddDentalFiles(this IServiceCollection services)
    {
        services.AddScoped<AttachmentService>();
        services.AddDentalCaseStudies();
        return services;
    }

    public static IEndpointRouteBuilder MapDentalFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAttachmentEndpoints();
        endpoints.MapCaseStudyEndpoints();
        return endpoints;
    }
}
