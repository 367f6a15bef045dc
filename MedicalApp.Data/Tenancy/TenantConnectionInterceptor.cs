using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedicalApp.Data.Tenancy;

/// <summary>
/// Writes the context's practice into the PostgreSQL setting <c>app.tenant_id</c> every time a connection opens, so
/// row-level security filters by it. It always writes, even an empty value, so a pooled connection never keeps the
/// practice of its previous user. The practice is read from the context that opens the connection, which lets this
/// interceptor be a singleton shared by every context.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    internal const string SetTenantSql = "SELECT set_config('app.tenant_id', @tenant_id, false)";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        await using var command = CreateCommand(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenantId = (eventData.Context as MedicalDbContext)?.CurrentTenantId;
        var command = connection.CreateCommand();
        command.CommandText = SetTenantSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant_id";
        parameter.Value = tenantId?.ToString() ?? "";
        command.Parameters.Add(parameter);
        return command;
    }
}
