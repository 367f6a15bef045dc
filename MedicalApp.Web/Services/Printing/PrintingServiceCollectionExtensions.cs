using MedicalApp.Printing.Documents.Rendering;
using MedicalApp.Printing.Prescriptions;

namespace MedicalApp.Web.Services.Printing;

public static class PrintingServiceCollectionExtensions
{
    /// <summary>
    /// The document renderer and the prescription document, one each for the process (they are thread-safe and cache
    /// the fonts), and a warm-up that prints a sample prescription once at start.
    /// </summary>
    public static IServiceCollection AddPrinting(this IServiceCollection services)
    {
        services.AddSingleton<DocumentRenderer>();
        services.AddSingleton<PrescriptionDocument>();
        services.AddHostedService<PrintingWarmUp>();
        return services;
    }
}
