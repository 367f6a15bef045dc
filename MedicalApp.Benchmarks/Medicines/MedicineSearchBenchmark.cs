using System.Diagnostics;
using MedicalApp.Data;
using Npgsql;
using NpgsqlTypes;

namespace MedicalApp.Benchmarks.Medicines;

/// <summary>
/// Issue #10's medicine search figure: a practice with 5,000 own medicines on top of the global catalogue (among other
/// practices with their own), searched by fragments of 3–6 letters through the product's <c>search_medicines</c> as
/// the application role under row-level security, next to the same call by the platform role (BYPASSRLS) with the
/// practice set (its floor), and the same query written plainly under RLS (what the function avoids). Target: p95 ≤ 5 ms.
/// </summary>
public static class MedicineSearchBenchmark
{
    private const string ProductCall = "SELECT * FROM search_medicines(@pattern, 20)";

    // The function's body as a plain query, run by the application role: RLS applies to the practice tables.
    private const string PlainQuery = """
        WITH matches AS MATERIALIZED (
            SELECT true AS is_global, g."Id", g."BrandName", g."Strength", g."DosageForm", g."DrugClass", g."Schedule"
            FROM "GlobalMedicines" g
            WHERE g."IsActive" AND g."SearchText" LIKE @pattern
              AND NOT EXISTS (SELECT 1 FROM "HiddenGlobalMedicines" h WHERE h."TenantId" = @tenant AND h."GlobalMedicineId" = g."Id")
            UNION ALL
            SELECT false, p."Id", p."BrandName", p."Strength", p."DosageForm", p."DrugClass", p."Schedule"
            FROM "PracticeMedicines" p WHERE p."TenantId" = @tenant AND p."IsActive" AND p."SearchText" LIKE @pattern)
        SELECT m.*, COALESCE(ug."TimesPrescribed", up."TimesPrescribed", 0) AS times
        FROM matches m
        LEFT JOIN "MedicineUsage" ug ON m.is_global AND ug."TenantId" = @tenant AND ug."GlobalMedicineId" = m."Id"
        LEFT JOIN "MedicineUsage" up ON NOT m.is_global AND up."TenantId" = @tenant AND up."PracticeMedicineId" = m."Id"
        ORDER BY times DESC, m."BrandName", m."Strength", m."Id"
        LIMIT 20
        """;

    /// <summary>3–6 letters, as doctors type them: common stems and generics, a rare brand, and nothing at all.</summary>
    private static readonly string[] Fragments = ["dol", "pan", "para", "amox", "cetir", "glipt", "statin", "zyxo", "qzv"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        MedicineSearchOptions options;
        try
        {
            options = MedicineSearchOptions.Parse(args);
        }
        catch (Exception failure) when (failure is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(failure.Message);
            Console.Error.WriteLine(MedicineSearchOptions.Usage);
            return 2;
        }

        var total = Stopwatch.StartNew();
        await using var cluster = await PostgresCluster.StartOrUseAsync(options.SuperuserConnection);
        Console.WriteLine($"Medicine search benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
        await using var database = await BenchmarkDatabase.CreateAsync(cluster.SuperuserConnection, options.Keep);
        Console.WriteLine($"Database {database.Name} created and migrated ({total.Elapsed.TotalSeconds:0.0} s); generating {options.Practices} practices, " +
                          $"the big one with {options.OwnMedicines:N0} own medicines, the others {options.OtherMedicines} each");
        var data = await MedicineDataSetGenerator.GenerateAsync(database, options);
        Console.WriteLine($"Generated in {data.Elapsed.TotalSeconds:0.0} s: {data.GlobalActive} catalogue medicines ({data.HiddenInBig} hidden by the big practice), " +
                          $"{data.UsageRowsInBig} of its medicines with usage counts");

        await using var app = NpgsqlDataSource.Create(database.ConnectionString(DatabaseRole.Application));
        await using var platform = NpgsqlDataSource.Create(database.ConnectionString(DatabaseRole.Platform));
        await using var appConnection = await OpenAsync(app, data.BigPractice);
        await using var platformConnection = await OpenAsync(platform, data.BigPractice);
        await CheckIsolationAsync(app, data, options);

        var lines = new List<ResultLine>();
        var pooled = new List<double>();
        foreach (var fragment in Fragments)
        {
            var pattern = $"%{fragment}%";
            void BindPattern(NpgsqlCommand command) => command.Parameters.Add(new NpgsqlParameter("pattern", NpgsqlDbType.Text) { Value = pattern });
            void BindBoth(NpgsqlCommand command)
            {
                BindPattern(command);
                command.Parameters.AddWithValue("tenant", data.BigPractice);
            }

            var matches = await CountMatchesAsync(platformConnection, pattern, data.BigPractice);
            var timings = await TimeInterleavedAsync(options,
            [
                (platformConnection, ProductCall, BindPattern),
                (appConnection, ProductCall, BindPattern),
                (platformConnection, PlainQuery, BindBoth),
                (appConnection, PlainQuery, BindBoth),
            ]);
            var operation = $"Medicine search \"{fragment}\"";
            lines.Add(new ResultLine(operation, "product search_medicines", timings[1], timings[0], Report.SearchTargetMs, RlsPath: true, Note: $"{matches:N0} matches"));
            lines.Add(new ResultLine(operation, "plain query under RLS", timings[3], timings[2], Report.SearchTargetMs, RlsPath: false, Note: "for comparison"));
            pooled.AddRange(timings[1].Samples);
        }

        Console.WriteLine();
        Report.Print(lines);
        var all = new Timing(pooled, 20);
        Console.WriteLine();
        Console.WriteLine($"search_medicines over all {Fragments.Length} fragments ({all.Count} runs): p50 {Timing.Ms(all.P50)} ms, p95 {Timing.Ms(all.P95)} ms, " +
                          $"max {Timing.Ms(all.Max)} ms — target p95 ≤ {Report.SearchTargetMs:0} ms: {(all.P95 <= Report.SearchTargetMs ? "PASS" : "FAIL")}");
        Console.WriteLine("Floor = the same call by the platform role (BYPASSRLS) with the practice set. Times are client-side (send, execute, read all rows) " +
                          "on an open connection that has app.tenant_id set, as the app's interceptor sets it.");
        Console.WriteLine($"Total time {total.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    /// <summary>As the application role: the big practice sees its own medicines only, no practice set sees none, and search finds nothing of another practice.</summary>
    private static async Task CheckIsolationAsync(NpgsqlDataSource app, MedicineDataSet data, MedicineSearchOptions options)
    {
        await using var connection = await OpenAsync(app, data.BigPractice);
        var own = await ScalarAsync(connection, "SELECT count(*) FROM \"PracticeMedicines\"");
        await using var nobody = await OpenAsync(app, null);
        var none = await ScalarAsync(nobody, "SELECT count(*) FROM \"PracticeMedicines\"");
        var noneFound = await ScalarAsync(nobody, "SELECT count(*) FROM search_medicines('%a%', 50)");
        await using var command = new NpgsqlCommand($"""
            SELECT count(*) FROM search_medicines('%{MedicineDataSetGenerator.RareBrand.ToLowerInvariant()}%', 50) s
            WHERE NOT s."IsGlobal" AND s."Id" NOT IN (SELECT "Id" FROM "PracticeMedicines" WHERE "TenantId" = '{data.BigPractice}')
            """, connection);
        var foreign = (long)(await command.ExecuteScalarAsync())!;
        var rare = await ScalarAsync(connection, $"SELECT count(*) FROM search_medicines('%{MedicineDataSetGenerator.RareBrand.ToLowerInvariant()}%', 50)");
        Console.WriteLine($"  as the application role: the big practice sees {own:N0} own medicines, no practice set sees {none} (search: {noneFound}); " +
                          $"\"{MedicineDataSetGenerator.RareBrand}\" finds {rare} (another practice has one more), of another practice {foreign}");
        if (own != options.OwnMedicines + 3 || none != 0 || noneFound != 0 || foreign != 0 || rare != 3)
        {
            throw new InvalidOperationException("Row-level security or the data set is not as expected; the measurements would be meaningless.");
        }
    }

    private static async Task<long> CountMatchesAsync(NpgsqlConnection platform, string pattern, Guid practice)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM "GlobalMedicines" g WHERE g."IsActive" AND g."SearchText" LIKE @pattern
                      AND NOT EXISTS (SELECT 1 FROM "HiddenGlobalMedicines" h WHERE h."TenantId" = @tenant AND h."GlobalMedicineId" = g."Id"))
                 + (SELECT count(*) FROM "PracticeMedicines" p WHERE p."TenantId" = @tenant AND p."IsActive" AND p."SearchText" LIKE @pattern)
            """, platform);
        command.Parameters.AddWithValue("pattern", pattern);
        command.Parameters.AddWithValue("tenant", practice);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Each variant once per iteration, the starting one rotating, so all see the same moments of a shared machine.</summary>
    private static async Task<Timing[]> TimeInterleavedAsync(
        MedicineSearchOptions options, IReadOnlyList<(NpgsqlConnection Connection, string Sql, Action<NpgsqlCommand> Bind)> variants)
    {
        var times = variants.Select(_ => new List<double>(options.Iterations)).ToArray();
        var rows = new long[variants.Count];
        for (var i = -options.Warmup; i < options.Iterations; i++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var v = (k + Math.Max(i, 0)) % variants.Count;
                var clock = Stopwatch.StartNew();
                await using (var command = new NpgsqlCommand(variants[v].Sql, variants[v].Connection))
                {
                    variants[v].Bind(command);
                    await using var reader = await command.ExecuteReaderAsync();
                    rows[v] = 0;
                    while (await reader.ReadAsync())
                    {
                        rows[v]++;
                    }
                }

                if (i >= 0)
                {
                    times[v].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        return [.. times.Select((t, v) => new Timing(t, rows[v]))];
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource source, Guid? practice)
    {
        var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection);
        command.Parameters.AddWithValue("tenant", practice?.ToString() ?? "");
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
