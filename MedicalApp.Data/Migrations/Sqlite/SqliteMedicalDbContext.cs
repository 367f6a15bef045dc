using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MedicalApp.Data.Migrations.Sqlite;

/// <summary>
/// Owns the SQLite migrations. Add one with (from the repository root):
/// <c>dotnet ef migrations add Name --project MedicalApp.Data --context SqliteMedicalDbContext --output-dir Migrations/Sqlite</c>
/// </summary>
public sealed class SqliteMedicalDbContext(DbContextOptions<SqliteMedicalDbContext> options, CurrentTenant currentTenant)
    : MedicalDbContext(options, currentTenant);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMedicalDbContext>
{
    public SqliteMedicalDbContext CreateDbContext(string[] args) =>
        new(MedicalDatabase.ConfigureSqlite(new DbContextOptionsBuilder<SqliteMedicalDbContext>(), "Data Source=design.db").Options, new CurrentTenant());
}
