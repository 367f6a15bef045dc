using MedicalApp.Data;
using Npgsql;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>
/// The global catalogue and its search on PostgreSQL itself, as the application role with plain SQL (no EF filter):
/// the role reads the catalogue but cannot insert, change or delete a row of it; search_medicines answers nothing
/// without app.tenant_id, and with it only that practice's own medicines beside the catalogue.
/// </summary>
public sealed class MedicineCatalogueDatabaseTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private TestDatabase Db => fixture.Db;

    [Fact]
    public async Task The_application_role_reads_the_catalogue_but_cannot_write_it()
    {
        var tag = MedicineTestData.NewTag();
        var id = await MedicineTestData.AddGlobalAsync(Db, $"{tag} Locked");
        var practice = await Db.CreatePracticeAsync();
        await using var connection = await OpenAsAppAsync(practice.Id.ToString());

        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM \"GlobalMedicines\" WHERE \"Id\" = @id", id));
        foreach (var sql in new[]
        {
            """
            INSERT INTO "GlobalMedicines" ("Id", "BrandName", "GenericName", "Strength", "DosageForm", "DrugClass", "Category", "Manufacturer",
                                           "Schedule", "TypicalPriceInr", "IsActive", "SearchText", "UpdatedAtUtc", "Version")
            VALUES (gen_random_uuid(), 'Forged', 'Forged', '1 mg', 'Tablet', 'X', 'X', 'X', 'OTC', 1, true, 'forged forged', now(), 0)
            """,
            "UPDATE \"GlobalMedicines\" SET \"BrandName\" = 'Renamed' WHERE \"Id\" = @id",
            "DELETE FROM \"GlobalMedicines\" WHERE \"Id\" = @id",
            "TRUNCATE \"GlobalMedicines\" CASCADE",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql, id));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        await using var check = new NpgsqlConnection(Db.ConnectionStrings(DatabaseRole.Migrations));
        await check.OpenAsync();
        Assert.Equal($"{tag} Locked", await ScalarAsync(check, "SELECT \"BrandName\" FROM \"GlobalMedicines\" WHERE \"Id\" = @id", id));
    }

    [Fact]
    public async Task The_search_function_answers_nothing_without_a_practice_and_only_that_practices_own_with_one()
    {
        var tag = MedicineTestData.NewTag();
        var global = await MedicineTestData.AddGlobalAsync(Db, $"{tag} Global");
        var a = await Db.CreatePracticeAsync();
        var b = await Db.CreatePracticeAsync();
        var ownOfA = await MedicineTestData.AddOwnAsync(a, $"{tag} Own");
        var pattern = $"%{tag.ToLowerInvariant()}%";

        foreach (var nobody in new string?[] { null, "" })
        {
            await using var connection = await OpenAsAppAsync(nobody);
            Assert.Empty(await SearchAsync(connection, pattern));
        }

        await using (var asA = await OpenAsAppAsync(a.Id.ToString()))
        {
            Assert.Equal(new[] { global, ownOfA }.Order(), (await SearchAsync(asA, pattern)).Order());
        }

        await using (var asB = await OpenAsAppAsync(b.Id.ToString()))
        {
            Assert.Equal([global], await SearchAsync(asB, pattern));
        }
    }

    private async Task<NpgsqlConnection> OpenAsAppAsync(string? practice)
    {
        var connection = new NpgsqlConnection(Db.ConnectionStrings(DatabaseRole.Application));
        await connection.OpenAsync();
        if (practice is not null)
        {
            await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection);
            set.Parameters.AddWithValue("tenant", practice);
            await set.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private static async Task<List<Guid>> SearchAsync(NpgsqlConnection connection, string pattern)
    {
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM search_medicines(@pattern, 20)", connection);
        command.Parameters.AddWithValue("pattern", pattern);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
