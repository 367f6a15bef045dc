namespace MedicalApp.Web.Features.Medicines;

public static class MedicinesServiceCollectionExtensions
{
    /// <summary>Medicine search, the practice's own medicines and their import. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddMedicines(this IServiceCollection services)
    {
        services.AddScoped<MedicineSearch>();
        services.AddScoped<MedicineListQueries>();
        services.AddScoped<PracticeMedicineService>();
        services.AddScoped<MedicineImportService>();
        return services;
    }
}
