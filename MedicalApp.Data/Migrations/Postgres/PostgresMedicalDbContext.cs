using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MedicalApp.Data.Migrations.Postgres;

/// <summary>
/// Owns the PostgreSQL migrations. Add one with (from the repository root):
/// <c>dotnet ef migrations add Name --project MedicalApp.Data --context PostgresMedicalDbContext --output-dir Migrations/Postgres</c>
/// </summary>
public sealed class PostgresMedicalDbContext(DbContextOptions<PostgresMedicalDbContext> options, CurrentTenant currentTenant)
    : MedicalDbContext(options, currentTenant);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without starting the web app; it never connects.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMedicalDbContext>
{
    public PostgresMedicalDbContext CreateDbContext(string[] args) =>
        new(MedicalDatabase.ConfigurePostgres(new DbContextOptionsBuilder<PostgresMedicalDbContext>(), "Host=localhost;Database=medicalapp_design").Options, new CurrentTenant());
}
