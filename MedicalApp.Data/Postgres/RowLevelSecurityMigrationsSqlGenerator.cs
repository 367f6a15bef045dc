using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace MedicalApp.Data.Postgres;

/// <summary>
/// Adds row-level security to every table created with a primary key that leads with TenantId, which is exactly the
/// tenant-owned entities (the context keys every <c>ITenantOwned</c> entity that way). Decided from the migration
/// operation itself, so it works when migrations are applied long after the CLR types changed, and a new tenant-owned
/// entity cannot be added without its policy. A catalogue test checks the result in a real database.
/// </summary>
#pragma warning disable EF1001 // The Npgsql generator's constructor takes an internal options type; this is its documented extension point.
public sealed class RowLevelSecurityMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies,
    INpgsqlSingletonOptions npgsqlSingletonOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlSingletonOptions)
#pragma warning restore EF1001
{
    protected override void Generate(
        CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(builder);
        base.Generate(operation, model, builder, terminate);
        if (!IsTenantOwned(operation))
        {
            return;
        }

        if (!terminate)
        {
            // The policy statements must follow a finished CREATE TABLE; refuse loudly rather than skip isolation.
            throw new NotSupportedException($"Table {operation.Name} is tenant-owned and must be created in its own command.");
        }

        foreach (var statement in RowLevelSecurity.EnableFor(operation.Name))
        {
            builder.Append(statement).AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator).EndCommand();
        }
    }

    public static bool IsTenantOwned(CreateTableOperation operation) =>
        operation.PrimaryKey?.Columns is [RowLevelSecurity.TenantColumn, ..];
}
