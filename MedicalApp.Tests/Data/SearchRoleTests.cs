using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using Npgsql;

namespace MedicalApp.Tests.Data;

/// <summary>
/// Each database on a server has a search role of its own, which only its owner may become, and only its own three
/// roles may connect to it (security issue #8: one search role, with BYPASSRLS, shared by every database of the
/// server let a staging owner read production's patients and replace its search function). Databases made in the
/// shared-role era move over: by the migration SearchRolePerDatabase, or by re-running create-roles.sql.
/// </summary>
public sealed class SearchRoleTests(PostgresServer server)
{
    private const string Signature = "search_patients(text, text, text, text, date, date, text, integer, integer, integer)";

    [Fact]
    public async Task Two_databases_on_one_server_have_two_search_roles_and_keep_each_others_roles_out()
    {
        await using var production = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
        await using var staging = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);

        var productionSearch = await SearchFunctionOwnerAsync(production);
        var stagingSearch = await SearchFunctionOwnerAsync(staging);

        Assert.Equal($"{production.Name}_search", productionSearch);
        Assert.Equal($"{staging.Name}_search", stagingSearch);
        Assert.False(await IsMemberAsync(Role(staging, DatabaseRole.Migrations), productionSearch));
        Assert.True(await IsMemberAsync(Role(production, DatabaseRole.Migrations), productionSearch));
        foreach (var role in new[] { DatabaseRole.Application, DatabaseRole.Migrations, DatabaseRole.Platform })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ConnectAsync(staging, role, production.Name));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            await ConnectAsync(production, role, production.Name);
        }
    }

    [Fact]
    public async Task A_database_whose_search_function_belongs_to_a_shared_role_is_moved_to_its_own_by_the_migration()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
        var shared = await SharedEraAsync(database);
        try
        {
            await SuperuserAsync(database.Name, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%\_SearchRolePerDatabase'""");

            await new DatabaseMigrator(database.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync();

            await AssertMovedAsync(database, shared);
        }
        finally
        {
            await DropRoleAfterAsync(database, shared);
        }
    }

    [Fact]
    public async Task A_database_whose_search_function_belongs_to_a_shared_role_is_moved_by_re_running_the_roles_script()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
        var shared = await SharedEraAsync(database);
        try
        {
            await database.RerunRolesScriptAsync(server, new Dictionary<string, string> { ["legacy_search"] = shared });

            await AssertMovedAsync(database, shared);
            Assert.False(await IsMemberAsync(Role(database, DatabaseRole.Migrations), shared));
        }
        finally
        {
            await DropRoleAfterAsync(database, shared);
        }
    }

    [Fact]
    public async Task Migrating_without_the_search_role_stops_with_what_to_run()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
        var shared = await SharedEraAsync(database);
        try
        {
            await SuperuserAsync(database.Name, $"""
                DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%\_SearchRolePerDatabase';
                DROP OWNED BY "{database.Name}_search"; DROP ROLE "{database.Name}_search";
                """);

            var stopped = await Assert.ThrowsAnyAsync<PostgresException>(() =>
                new DatabaseMigrator(database.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync());

            Assert.Contains("create-roles.sql", stopped.MessageText, StringComparison.Ordinal);
        }
        finally
        {
            await DropRoleAfterAsync(database, shared);
        }
    }

    /// <summary>
    /// Makes the migrated database look like one of the shared-role era: its search function and read access to the
    /// patients belong to a role of the whole server that the owner is a member of. Returns that role's name.
    /// </summary>
    private async Task<string> SharedEraAsync(TestDatabase database)
    {
        var shared = $"mt_shared_search_{Guid.NewGuid():N}"[..32];
        var owner = Role(database, DatabaseRole.Migrations);
        await SuperuserAsync("postgres", $"""CREATE ROLE "{shared}" NOLOGIN BYPASSRLS; GRANT "{shared}" TO "{owner}";""");
        await SuperuserAsync(database.Name, $"""
            GRANT USAGE, CREATE ON SCHEMA public TO "{shared}";
            GRANT SELECT ON "Patients" TO "{shared}";
            ALTER FUNCTION {Signature} OWNER TO "{shared}";
            REVOKE SELECT ON "Patients" FROM "{database.Name}_search";
            """);
        Assert.Equal(shared, await SearchFunctionOwnerAsync(database));
        return shared;
    }

    private async Task AssertMovedAsync(TestDatabase database, string shared)
    {
        Assert.Equal($"{database.Name}_search", await SearchFunctionOwnerAsync(database));
        Assert.False(await ScalarAsync<bool>(database.Name, $"SELECT has_table_privilege('{shared}', 'public.\"Patients\"', 'SELECT')"));

        // And the application still searches through it (as before: only its practice, here none yet).
        await using var app = new NpgsqlConnection(database.ConnectionStrings(DatabaseRole.Application));
        await app.OpenAsync();
        await using (var practice = new NpgsqlCommand("SELECT set_config('app.tenant_id', gen_random_uuid()::text, false)", app))
        {
            await practice.ExecuteNonQueryAsync();
        }

        await using var search = new NpgsqlCommand("SELECT count(*) FROM search_patients('%a%', NULL, NULL, NULL, NULL, NULL, 'all', 20, 0, 1000)", app);
        Assert.Equal(0L, await search.ExecuteScalarAsync());
    }

    private async Task DropRoleAfterAsync(TestDatabase database, string role)
    {
        await database.DisposeAsync();
        await SuperuserAsync("postgres", $"""DROP ROLE IF EXISTS "{role}" """);
    }

    private Task<string> SearchFunctionOwnerAsync(TestDatabase database) =>
        ScalarAsync<string>(database.Name, $"SELECT proowner::regrole::text FROM pg_proc WHERE oid = '{Signature}'::regprocedure");

    private Task<bool> IsMemberAsync(string member, string role) =>
        ScalarAsync<bool>("postgres", $"SELECT pg_has_role('{member}', '{role}', 'MEMBER')");

    private static string Role(TestDatabase database, DatabaseRole role) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionStrings(role)).Username!;

    /// <summary>Connects as <paramref name="database"/>'s role to the database named <paramref name="target"/>.</summary>
    private static async Task ConnectAsync(TestDatabase database, DatabaseRole role, string target)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionStrings(role)) { Database = target, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
    }

    private async Task<T> ScalarAsync<T>(string databaseName, string sql)
    {
        await using var connection = await OpenSuperuserAsync(databaseName);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task SuperuserAsync(string databaseName, string sql)
    {
        await using var connection = await OpenSuperuserAsync(databaseName);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenSuperuserAsync(string databaseName)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.SuperuserConnectionString) { Database = databaseName, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
