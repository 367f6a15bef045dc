using MedicalApp.Data.Seeding;
using MedicalApp.Data.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database: the provider from <c>Database:Provider</c>, the scoped practice, the context factories
    /// (application and platform), a scoped <see cref="MedicalDbContext"/> for Identity's stores, and the migrator.
    /// </summary>
    public static IServiceCollection AddMedicalData(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        services.Configure<DatabaseOptions>(section);
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();

        services.AddSingleton(sp => new MedicalDatabase(
            options.Provider, role => ConnectionString(configuration, options.Provider, role, contentRootPath), sp.GetService<TimeProvider>()));
        services.AddScoped<CurrentTenant>();
        services.AddScoped<IDbContextFactory<MedicalDbContext>, MedicalDbContextFactory>();
        services.AddScoped<PlatformDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddTransient<DevelopmentDataSeeder>();
        return services;
    }

    private static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, DatabaseRole role, string contentRootPath)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/medicalapp.db");
            if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.Combine(contentRootPath, builder.DataSource);
            }

            if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            return builder.ConnectionString;
        }

        var name = role switch
        {
            DatabaseRole.Application => "Postgres",
            DatabaseRole.Migrations => "PostgresMigrations",
            _ => "PostgresPlatform",
        };
        return configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{name} is not set.");
    }
}
