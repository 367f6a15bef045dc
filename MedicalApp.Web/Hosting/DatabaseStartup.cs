using MedicalApp.Data;
using MedicalApp.Data.Seeding;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// In Development: apply migrations and seed the demonstration practices before the first request (the antiforgery
    /// keys live in the database, so no page works without its tables). Elsewhere this does nothing: production
    /// migrates as a deploy step, as the owner role.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStartup)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }

        if (options.SeedDevelopmentData)
        {
            await app.Services.GetRequiredService<DevelopmentDataSeeder>().SeedAsync();
            await DemoDentalImages.EnsureAsync(app.Services);
        }
    }
}
