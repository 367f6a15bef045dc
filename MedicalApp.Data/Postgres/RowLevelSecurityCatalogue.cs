using System.Data.Common;

namespace MedicalApp.Data.Postgres;

/// <summary>
/// Reads PostgreSQL's catalogue to check that every tenant table (primary key leading with TenantId) has row-level
/// security enabled and forced, and a policy for all commands that is NULL-safe on <c>app.tenant_id</c>, has a
/// WITH CHECK, and calls no volatile function (which would turn the index condition into a per-row filter).
/// </summary>
public static class RowLevelSecurityCatalogue
{
    public static async Task<IReadOnlyList<string>> TenantTablesAsync(DbConnection connection, string schema, CancellationToken cancellationToken = default)
    {
        var tables = new List<string>();
        await using var command = Command(connection, """
            SELECT c.relname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE n.nspname = @schema AND c.relkind = 'r' AND a.attname = 'TenantId'
            """, schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public static async Task<IReadOnlyList<string>> FindProblemsAsync(DbConnection connection, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var problems = new List<string>();
        await using (var command = Command(connection, """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   p.polname, p.polcmd::text, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            LEFT JOIN pg_policy p ON p.polrelid = c.oid
            WHERE n.nspname = @schema AND c.relkind = 'r' AND a.attname = 'TenantId'
            ORDER BY c.relname
            """, schema))
        {
            var rows = new List<(string Table, bool Enabled, bool Forced, string? Policy, string? Command, string? Using, string? Check)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
                }
            }

            foreach (var table in rows.GroupBy(r => r.Table))
            {
                var first = table.First();
                if (!first.Enabled)
                {
                    problems.Add($"{table.Key}: row-level security is not enabled");
                }

                if (!first.Forced)
                {
                    problems.Add($"{table.Key}: row-level security is not forced (the owner would bypass it)");
                }

                var isolating = table.Where(r => r.Policy is not null && r.Command == "*"
                    && IsNullSafeTenantCheck(r.Using) && IsNullSafeTenantCheck(r.Check)).ToList();
                if (isolating.Count == 0)
                {
                    problems.Add($"{table.Key}: no policy for all commands compares TenantId with NULLIF(current_setting('app.tenant_id', true), '') in both USING and WITH CHECK");
                }
            }
        }

        await using (var command = Command(connection, """
            SELECT c.relname, p.polname, f.proname
            FROM pg_policy p
            JOIN pg_class c ON c.oid = p.polrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_proc'::regclass
            JOIN pg_proc f ON f.oid = d.refobjid
            WHERE n.nspname = @schema AND f.provolatile = 'v'
            """, schema))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                problems.Add($"{reader.GetString(0)}: policy {reader.GetString(1)} calls the volatile function {reader.GetString(2)}");
            }
        }

        return problems;
    }

    private static bool IsNullSafeTenantCheck(string? expression) =>
        expression is not null
        && expression.Contains("\"TenantId\"", StringComparison.Ordinal)
        && expression.Contains("NULLIF(current_setting('app.tenant_id'", StringComparison.Ordinal);

    private static DbCommand Command(DbConnection connection, string sql, string schema)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "schema";
        parameter.Value = schema;
        command.Parameters.Add(parameter);
        return command;
    }
}
