using MedicalApp.Data.Migrations.Postgres;
using MedicalApp.Data.Migrations.Sqlite;
using MedicalApp.Data.Postgres;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MedicalApp.Data;

/// <summary>
/// The only code that knows which providers exist: it holds the built options for each database role and creates
/// the provider's context subclass. Options are built once, so EF reuses one internal service provider.
/// </summary>
public sealed class MedicalDatabase
{
    private readonly Func<DatabaseRole, CurrentTenant, bool, MedicalDbContext> create;

    public MedicalDatabase(DatabaseProvider provider, Func<DatabaseRole, string> connectionStrings, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        ArgumentNullException.ThrowIfNull(connectionStrings);
        Provider = provider;
        if (provider == DatabaseProvider.Postgres)
        {
            // Built on first use: a web node that never migrates needs no owner connection string.
            var options = Enum.GetValues<DatabaseRole>().ToDictionary(
                role => role,
                role => new Lazy<DbContextOptions<PostgresMedicalDbContext>>(
                    () => ConfigurePostgres(new DbContextOptionsBuilder<PostgresMedicalDbContext>(), connectionStrings(role)).Options));
            create = (role, tenant, platform) => new PostgresMedicalDbContext(options[role].Value, tenant) { IsPlatformContext = platform, Clock = clock };
        }
        else
        {
            // One file, one connection: SQLite has no roles and no row-level security; the application checks guard it.
            var options = ConfigureSqlite(new DbContextOptionsBuilder<SqliteMedicalDbContext>(), connectionStrings(DatabaseRole.Application)).Options;
            create = (_, tenant, platform) => new SqliteMedicalDbContext(options, tenant) { IsPlatformContext = platform, Clock = clock };
        }
    }

    public DatabaseProvider Provider { get; }

    public MedicalDbContext CreateContext(DatabaseRole role, CurrentTenant tenant) =>
        create(role, tenant, role == DatabaseRole.Platform);

    public static DbContextOptionsBuilder<T> ConfigurePostgres<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseNpgsql(connectionString)
            .ReplaceService<IMigrationsSqlGenerator, RowLevelSecurityMigrationsSqlGenerator>()
            .AddInterceptors(TenantInterceptor);
        return builder;
    }

    public static DbContextOptionsBuilder<T> ConfigureSqlite<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(connectionString);
        return builder;
    }

    private static readonly TenantConnectionInterceptor TenantInterceptor = new();
}
