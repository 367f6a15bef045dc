using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using Npgsql;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// The PostgreSQL search function itself, as the application role: it answers for the practice in app.tenant_id
/// only (none set: no rows), only the app and platform roles may run it, and its queries use the trigram indexes,
/// which a plain query under row-level security cannot (LIKE is not leakproof).
/// </summary>
public sealed class PatientSearchFunctionTests(PostgresServer server) : IAsyncLifetime
{
    private const string Call = "SELECT \"Id\" FROM search_patients(@name, NULL, @mobile, NULL, NULL, NULL, 'all', 20, 0, 1000)";

    private TestDatabase db = default!;
    private Guid practiceA;
    private Guid practiceB;

    public async ValueTask InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
        practiceA = await db.CreatePracticeAsync("search-fn-a");
        practiceB = await db.CreatePracticeAsync("search-fn-b");
        // A practice of realistic size, so the planner has a reason to prefer an index (inserted as the superuser).
        await SuperuserAsync(connection => ExecuteAsync(connection, $"""
            INSERT INTO "Patients" ("TenantId", "Id", "FirstName", "LastName", "FirstNameKey", "SearchName", "DateOfBirth", "Gender", "Mobile",
                                    "IsPrimary", "Relationship", "IsActive", "CreatedAtUtc")
            SELECT t, gen_random_uuid(), 'Person' || i, 'Family' || i, 'person' || i, 'person' || i || ' family' || i, date '1980-01-01' + i % 9000,
                   'Female', (7000000000 + i * 7919)::text, true, 'Self', true, now()
            FROM generate_series(1, 3000) i, (VALUES ('{practiceA}'::uuid), ('{practiceB}'::uuid)) tenants(t);
            INSERT INTO "Patients" ("TenantId", "Id", "FirstName", "LastName", "FirstNameKey", "SearchName", "DateOfBirth", "Gender", "Mobile",
                                    "IsPrimary", "Relationship", "IsActive", "CreatedAtUtc")
            VALUES ('{practiceA}', gen_random_uuid(), 'Zuleikha', 'Qureshi', 'zuleikha', 'zuleikha qureshi', date '1990-05-05', 'Female', '9898012345', true, 'Self', true, now());
            """));
        // As autovacuum would: statistics, and the GIN indexes' pending lists merged (the planner prices those high).
        await SuperuserAsync(connection => ExecuteAsync(connection, "VACUUM ANALYZE \"Patients\""));
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Without_a_practice_the_function_returns_nothing_and_with_one_only_that_practices_patients()
    {
        Assert.Empty(await SearchAsAppAsync(tenant: null, name: "%zuleikha%"));
        Assert.Empty(await SearchAsAppAsync(tenant: "", name: "%person%"));
        Assert.Empty(await SearchAsAppAsync(practiceB, name: "%zuleikha%"));
        Assert.Empty(await SearchAsAppAsync(practiceB, mobile: "%9898012345%"));
        Assert.Single(await SearchAsAppAsync(practiceA, name: "%zuleikha%"));
        Assert.Single(await SearchAsAppAsync(practiceA, mobile: "%98980123%"));

        // Every row returned for B is B's: compared with what B's own rows are (read under row-level security).
        var bRows = await SearchAsAppAsync(practiceB, name: "%person1%");
        Assert.Equal(20, bRows.Count);
        await using var connection = await OpenAsAppAsync(practiceB.ToString());
        foreach (var id in bRows)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM \"Patients\" WHERE \"Id\" = @id", connection);
            command.Parameters.AddWithValue("id", id);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Only_the_app_and_platform_roles_may_run_it_and_it_runs_as_its_bypassrls_owner_with_a_fixed_search_path()
    {
        var facts = await SuperuserAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT p.proowner::regrole::text, p.prosecdef, p.provolatile::text, array_to_string(p.proconfig, ';'),
                       array_to_string(p.proacl, ';'), r.rolbypassrls,
                       has_function_privilege(@app, p.oid, 'EXECUTE'), has_function_privilege(@platform, p.oid, 'EXECUTE')
                FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
                WHERE p.proname = 'search_patients'
                """, connection);
            command.Parameters.AddWithValue("app", RoleOf(DatabaseRole.Application));
            command.Parameters.AddWithValue("platform", RoleOf(DatabaseRole.Platform));
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            return (Owner: reader.GetString(0), Definer: reader.GetBoolean(1), Volatility: reader.GetString(2), Config: reader.GetString(3),
                Acl: reader.GetString(4), OwnerBypassesRls: reader.GetBoolean(5), App: reader.GetBoolean(6), Platform: reader.GetBoolean(7));
        });

        Assert.Equal($"{db.Name}_search", facts.Owner); // the database's own search role
        Assert.True(facts.OwnerBypassesRls);
        Assert.True(facts.Definer);
        Assert.Equal("s", facts.Volatility);
        Assert.Equal("search_path=public, pg_temp", facts.Config);
        Assert.True(facts.App);
        Assert.True(facts.Platform);
        // No grant to PUBLIC (an ACL entry "=X/…"), so no other role of the server may call it.
        Assert.DoesNotContain(facts.Acl.Split(';'), entry => entry.StartsWith('='));
        Assert.DoesNotContain(facts.Acl.Split(';'), entry => entry.StartsWith(RoleOf(DatabaseRole.Migrations) + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_functions_queries_use_the_trigram_indexes_which_plain_row_level_security_cannot()
    {
        var byName = await PlansAsAppAsync(practiceA, "SELECT * FROM search_patients('%zuleik%', NULL, NULL, NULL, NULL, NULL, 'active', 20, 0, 1000)");
        var byMobile = await PlansAsAppAsync(practiceA, "SELECT * FROM search_patients(NULL, NULL, '%9898012%', NULL, NULL, NULL, 'active', 20, 0, 1000)");
        var plain = await PlansAsAppAsync(practiceA, """SELECT * FROM "Patients" WHERE "SearchName" LIKE '%zuleik%' ORDER BY "SearchName" LIMIT 20""");

        Assert.True(IndexConditions(byName).Any(line => line.Contains("~~", StringComparison.Ordinal)), byName);
        Assert.Contains("IX_Patients_TenantId_SearchName_Trgm", byName, StringComparison.Ordinal);
        Assert.Contains("IX_Patients_TenantId_Mobile_Trgm", byMobile, StringComparison.Ordinal);
        Assert.Contains(IndexConditions(byMobile), line => line.Contains("~~", StringComparison.Ordinal));
        // The same LIKE in a plain query is applied only after the policy, never as an index condition.
        Assert.DoesNotContain(IndexConditions(plain), line => line.Contains("~~", StringComparison.Ordinal));
    }

    private static IEnumerable<string> IndexConditions(string plans) =>
        plans.Split('\n').Where(line => line.Contains("Index Cond", StringComparison.Ordinal) || line.Contains("Recheck Cond", StringComparison.Ordinal));

    /// <summary>
    /// The plans of every statement <paramref name="sql"/> runs, nested ones included (auto_explain, reported to this
    /// session as notices), executed as the application role inside <paramref name="practice"/>.
    /// </summary>
    private async Task<string> PlansAsAppAsync(Guid practice, string sql) => await SuperuserAsync(async connection =>
    {
        var notices = new List<string>();
        connection.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await ExecuteAsync(connection, $"""
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0;
            SET auto_explain.log_nested_statements = on;
            SET auto_explain.log_level = 'notice';
            -- A test practice is small enough for a sequential scan to win; what matters is whether an index can serve.
            SET enable_seqscan = off;
            SET ROLE "{RoleOf(DatabaseRole.Application)}";
            SELECT set_config('app.tenant_id', '{practice}', false);
            """);
        notices.Clear();
        await ExecuteAsync(connection, sql);
        await ExecuteAsync(connection, "RESET ROLE");
        return string.Join("\n", notices);
    });

    private async Task<List<Guid>> SearchAsAppAsync(object? tenant, string? name = null, string? mobile = null)
    {
        await using var connection = await OpenAsAppAsync(tenant?.ToString());
        await using var command = new NpgsqlCommand(Call, connection);
        command.Parameters.Add(new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)name ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("mobile", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)mobile ?? DBNull.Value });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>A raw connection as the application role; <paramref name="tenant"/> null leaves app.tenant_id unset.</summary>
    private async Task<NpgsqlConnection> OpenAsAppAsync(string? tenant)
    {
        var connection = new NpgsqlConnection(db.ConnectionStrings(DatabaseRole.Application));
        await connection.OpenAsync();
        if (tenant is not null)
        {
            await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection);
            command.Parameters.AddWithValue("tenant", tenant);
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private string RoleOf(DatabaseRole role) => new NpgsqlConnectionStringBuilder(db.ConnectionStrings(role)).Username!;

    private async Task<T> SuperuserAsync<T>(Func<NpgsqlConnection, Task<T>> work)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.SuperuserConnectionString)
        {
            Database = new NpgsqlConnectionStringBuilder(db.ConnectionStrings(DatabaseRole.Application)).Database,
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return await work(connection);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
