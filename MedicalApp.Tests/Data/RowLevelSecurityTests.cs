using MedicalApp.Data;
using MedicalApp.Data.Migrations.Postgres;
using MedicalApp.Data.Postgres;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedicalApp.Tests.Data;

/// <summary>
/// The database half of isolation, PostgreSQL only: connected as the application role with plain SQL (no EF filter),
/// a practice sees, changes and deletes only its own rows, sees nothing without a practice, and cannot insert a row
/// for another practice. The catalogue test fails for any tenant table without forced RLS and a NULL-safe policy.
/// </summary>
public sealed class RowLevelSecurityTests(PostgresIsolationFixture fixture) : IClassFixture<PostgresIsolationFixture>
{
    private TestDatabase Db => fixture.Db;

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Application_role_sees_only_the_practice_it_has_set(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        var id = await fixture.CreateRowInPracticeAAsync(sample);
        var table = TableOf(sample.EntityType);
        var sql = $"SELECT count(*) FROM \"{table}\" WHERE \"Id\" = @id";

        Assert.Equal(1, await ScalarAsync<long>(fixture.PracticeA, sql, id));
        Assert.Equal(0, await ScalarAsync<long>(fixture.PracticeB, sql, id));
        Assert.Equal(0, await ScalarAsync<long>(null, sql, id));
        Assert.Equal(0, await ScalarAsync<long>(null, $"SELECT count(*) FROM \"{table}\"", id));
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Application_role_cannot_change_or_delete_another_practices_row(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        var id = await fixture.CreateRowInPracticeAAsync(sample);
        var table = TableOf(sample.EntityType);

        Assert.Equal(0, await ExecuteAsync(fixture.PracticeB, $"UPDATE \"{table}\" SET \"TenantId\" = \"TenantId\" WHERE \"Id\" = @id", id));
        Assert.Equal(0, await ExecuteAsync(fixture.PracticeB, $"DELETE FROM \"{table}\" WHERE \"Id\" = @id", id));
        Assert.Equal(0, await ExecuteAsync(null, $"DELETE FROM \"{table}\" WHERE \"Id\" = @id", id));
        Assert.Equal(1, await ScalarAsync<long>(fixture.PracticeA, $"SELECT count(*) FROM \"{table}\" WHERE \"Id\" = @id", id));
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Database_refuses_a_row_for_another_practice_even_when_the_application_check_is_bypassed(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        // Application role, practice B set, and the context's own TenantId check switched off: only RLS is left.
        var options = MedicalDatabase.ConfigurePostgres(new DbContextOptionsBuilder<PostgresMedicalDbContext>(), Db.ConnectionStrings(DatabaseRole.Application)).Options;
        await using var db = new PostgresMedicalDbContext(options, TenantOf(fixture.PracticeB)) { IsPlatformContext = true };
        db.Add(sample.Create(db));
        TenantGraph.ClaimFor(db, fixture.PracticeA);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        var postgres = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, postgres.SqlState); // 42501: violates row-level security policy
    }

    [Fact]
    public async Task A_pooled_connection_never_keeps_the_previous_practice()
    {
        var id = await fixture.CreateRowInPracticeAAsync(TenantOwnedSamples.For("ClinicLocation"));
        for (var round = 0; round < 3; round++)
        {
            await using (var asA = Db.CreateContext(fixture.PracticeA))
            {
                Assert.Equal(1, await asA.ClinicLocations.CountAsync(l => l.Id == id));
            }

            await using var asNobody = Db.CreateContext(null);
            // Bypass the EF filter to ask the database itself what this connection may see.
            Assert.Equal(0, await asNobody.ClinicLocations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).CountAsync());
        }
    }

    [Fact]
    public async Task Every_tenant_table_forces_row_level_security_with_a_null_safe_stable_policy()
    {
        await using var connection = await OpenAsync(DatabaseRole.Migrations);
        var problems = await RowLevelSecurityCatalogue.FindProblemsAsync(connection, "public");
        Assert.Empty(problems);

        // The tenant tables the catalogue found are exactly the tenant-owned entities of the model.
        await using var db = Db.CreateContext(null);
        var expected = TenantOwnedSamples.All.Select(s => TableOf(s.EntityType)).Order();
        Assert.Equal(expected, (await RowLevelSecurityCatalogue.TenantTablesAsync(connection, "public")).Order());
    }

    [Fact]
    public async Task The_catalogue_check_catches_a_missing_or_volatile_policy()
    {
        await using var connection = await OpenAsync(DatabaseRole.Migrations);
        var schema = "catalogue_check_" + Guid.NewGuid().ToString("N")[..8];
        await using (var setup = new NpgsqlCommand($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.unprotected ("TenantId" uuid, "Id" uuid, PRIMARY KEY ("TenantId", "Id"));
            CREATE TABLE {schema}.volatile_policy ("TenantId" uuid, "Id" uuid, PRIMARY KEY ("TenantId", "Id"));
            ALTER TABLE {schema}.volatile_policy ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {schema}.volatile_policy FORCE ROW LEVEL SECURITY;
            CREATE FUNCTION {schema}.current_practice() RETURNS uuid LANGUAGE sql VOLATILE AS $$ SELECT NULL::uuid $$;
            CREATE POLICY p ON {schema}.volatile_policy USING ("TenantId" = {schema}.current_practice()) WITH CHECK ("TenantId" = {schema}.current_practice());
            """, connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        try
        {
            var problems = await RowLevelSecurityCatalogue.FindProblemsAsync(connection, schema);
            Assert.Contains(problems, p => p.Contains("unprotected", StringComparison.Ordinal) && p.Contains("not enabled", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("volatile_policy", StringComparison.Ordinal) && p.Contains("volatile", StringComparison.Ordinal));
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Roles_are_separated_as_the_architecture_requires()
    {
        await using var connection = await OpenAsync(DatabaseRole.Migrations);
        await using var command = new NpgsqlCommand("""
            SELECT r.rolname, r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relowner = r.oid) AS owned_tables
            FROM pg_roles r WHERE r.rolname = ANY(@names)
            """, connection);
        var names = Enum.GetValues<DatabaseRole>().ToDictionary(r => new NpgsqlConnectionStringBuilder(Db.ConnectionStrings(r)).Username!, r => r);
        command.Parameters.AddWithValue("names", names.Keys.ToArray());
        var roles = new Dictionary<DatabaseRole, (bool Super, bool Bypass, long Owned)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                roles[names[reader.GetString(0)]] = (reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt64(3));
            }
        }

        Assert.Equal((false, false, 0L), roles[DatabaseRole.Application]);
        Assert.Equal((false, true, 0L), roles[DatabaseRole.Platform]);
        Assert.False(roles[DatabaseRole.Migrations].Super);
        Assert.False(roles[DatabaseRole.Migrations].Bypass);
        Assert.True(roles[DatabaseRole.Migrations].Owned > 0);
    }

    [Fact]
    public async Task Audit_events_cannot_be_updated_or_deleted_by_the_application_role()
    {
        var id = await fixture.CreateRowInPracticeAAsync(TenantOwnedSamples.For("AuditEvent"));
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(fixture.PracticeA, "UPDATE \"AuditEvents\" SET \"Details\" = 'rewritten' WHERE \"Id\" = @id", id));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        var delete = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(fixture.PracticeA, "DELETE FROM \"AuditEvents\" WHERE \"Id\" = @id", id));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
        Assert.Equal(1, await ScalarAsync<long>(fixture.PracticeA, "SELECT count(*) FROM \"AuditEvents\" WHERE \"Id\" = @id", id));
    }

    [Theory]
    [InlineData(DatabaseRole.Application)]
    [InlineData(DatabaseRole.Platform)]
    public async Task The_migration_history_is_read_only_for_the_application_and_platform_roles(DatabaseRole role)
    {
        await using var connection = await OpenAsync(role);
        await using var read = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        Assert.True((long)(await read.ExecuteScalarAsync())! > 0);

        foreach (var sql in new[]
        {
            "INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231000000_Forged', '10.0.0')",
            "UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = 'x'",
            "DELETE FROM \"__EFMigrationsHistory\"",
        })
        {
            await using var write = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    private string TableOf(Type entityType)
    {
        using var db = Db.CreateContext(null);
        return db.Model.FindEntityType(entityType)!.GetTableName()!;
    }

    private static CurrentTenant TenantOf(Guid practiceId)
    {
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(practiceId, "test", "Test", MedicalApp.Data.Entities.PracticeStatus.Active, MedicalApp.Data.Entities.PracticePlan.Trial, null, "Asia/Kolkata"));
        return tenant;
    }

    private async Task<NpgsqlConnection> OpenAsync(DatabaseRole role)
    {
        var connection = new NpgsqlConnection(Db.ConnectionStrings(role));
        await connection.OpenAsync();
        return connection;
    }

    // Plain ADO.NET as the application role: no EF filter, only the session setting and the database's policies.
    private async Task<NpgsqlCommand> CommandAsync(NpgsqlConnection connection, Guid? practiceId, string sql, Guid id)
    {
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection))
        {
            set.Parameters.AddWithValue("tenant", practiceId?.ToString() ?? "");
            await set.ExecuteNonQueryAsync();
        }

        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return command;
    }

    private async Task<T> ScalarAsync<T>(Guid? practiceId, string sql, Guid id)
    {
        await using var connection = await OpenAsync(DatabaseRole.Application);
        await using var command = await CommandAsync(connection, practiceId, sql, id);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<int> ExecuteAsync(Guid? practiceId, string sql, Guid id)
    {
        await using var connection = await OpenAsync(DatabaseRole.Application);
        await using var command = await CommandAsync(connection, practiceId, sql, id);
        return await command.ExecuteNonQueryAsync();
    }
}
