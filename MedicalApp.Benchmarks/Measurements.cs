using System.Diagnostics;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace MedicalApp.Benchmarks;

/// <summary>
/// The timed operations. "Measured" runs as the application role under row-level security with app.tenant_id set
/// the way the app sets it (once per connection); the query text carries the explicit TenantId condition that EF's
/// tenant filter adds. The "floor" runs the same text as the platform role (BYPASSRLS), so the only difference is
/// the policy: the owner cannot serve as the floor because FORCE ROW LEVEL SECURITY applies the policy to it too.
/// </summary>
public sealed class Measurements(BenchmarkDatabase database, BenchmarkOptions options, GeneratedDataSet data) : IAsyncDisposable
{
    private const string BlockingStatuses = "('Scheduled', 'Confirmed', 'InProgress', 'Completed')";

    private static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById(Practice.DefaultTimeZoneId);

    private readonly NpgsqlDataSource app = NpgsqlDataSource.Create(database.ConnectionString(DatabaseRole.Application, maxPoolSize: options.ConcurrentBookings + 10));
    private readonly NpgsqlDataSource platform = NpgsqlDataSource.Create(database.ConnectionString(DatabaseRole.Platform));
    private readonly Random random = new(options.Seed + 1);

    public List<ResultLine> Lines { get; } = [];

    public List<string> Notes { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await platform.DisposeAsync();
    }

    // ---------- Checks that the data set is what it claims and that RLS is on ----------

    public async Task CheckIsolationAsync()
    {
        await using var connection = await OpenAppAsync(data.BigPractice);
        var bigPatients = await ScalarAsync<long>(connection, "SELECT count(*) FROM \"Patients\"");
        var bigAppointments = await ScalarAsync<long>(connection, "SELECT count(*) FROM \"Appointments\"");
        await SetTenantAsync(connection, data.SmallPractice);
        var smallPatients = await ScalarAsync<long>(connection, "SELECT count(*) FROM \"Patients\"");
        await SetTenantAsync(connection, null);
        var none = await ScalarAsync<long>(connection, "SELECT count(*) FROM \"Patients\"");
        Console.WriteLine($"  as the application role: big practice sees {bigPatients:N0} patients and {bigAppointments:N0} appointments, " +
                          $"a small one {smallPatients:N0} patients, no practice set {none} rows");
        if (none != 0 || bigPatients != options.BigPatients || smallPatients != options.SmallPatients)
        {
            throw new InvalidOperationException("Row-level security or the data set is not as expected; the measurements would be meaningless.");
        }
    }

    // ---------- Patient search ----------

    public async Task MeasureSearchAsync()
    {
        var terms = new (string Label, string Term, bool Mobile)[]
        {
            ("name, rare", data.Terms.RareName, false),
            ("name, common", data.Terms.CommonName, false),
            ("name, no match", data.Terms.NoMatchName, false),
            ("mobile, rare", data.Terms.RareMobile, true),
            ("mobile, common", data.Terms.CommonMobile, true),
            ("mobile, no match", data.Terms.NoMatchMobile, true),
        };

        var product = await FindProductSearchFunctionAsync();
        await CreateReferenceSearchFunctionAsync();

        await using var appConnection = await OpenAppAsync(data.BigPractice);
        await using var platformConnection = await platform.OpenConnectionAsync();
        // The product's function filters by app.tenant_id itself: its floor is the same call by the platform role
        // (BYPASSRLS) with the practice set, which is "the same query without RLS" for it.
        await using var platformInPractice = await platform.OpenConnectionAsync();
        await SetTenantAsync(platformInPractice, data.BigPractice);
        foreach (var (label, term, mobile) in terms)
        {
            var column = mobile ? "\"Mobile\"" : "\"SearchName\"";
            var operation = $"Patient search, {label} \"{term}\"";
            var matches = await ScalarAsync<long>(platformConnection,
                $"SELECT count(*) FROM \"Patients\" WHERE \"TenantId\" = '{data.BigPractice}' AND \"IsActive\" AND {column} LIKE '%{term.ToLowerInvariant()}%'");

            var ilike = $"""
                SELECT p."Id", p."FirstName", p."LastName", p."Mobile", p."DateOfBirth", p."Gender"
                FROM "Patients" AS p
                WHERE p."TenantId" = @tenant AND p."IsActive" AND p.{column} ILIKE @pattern
                ORDER BY p."SearchName", p."Id"
                LIMIT 20
                """;
            var like = ilike.Replace("ILIKE", "LIKE", StringComparison.Ordinal);
            void Bind(NpgsqlCommand command, int _)
            {
                command.Parameters.AddWithValue("tenant", data.BigPractice);
                command.Parameters.AddWithValue("pattern", "%" + term.ToLowerInvariant() + "%");
            }

            var productCall = product;
            if (productCall is not null && await ProbeAsync(appConnection, productCall.Sql, c => productCall.Bind(c, term)) is { } failure)
            {
                Notes.Add($"The product's {productCall.Name} failed for \"{term}\": {failure}");
                product = productCall = null;
            }

            var paths = new List<(string Path, Variant Variant)>
            {
                ("ILIKE under RLS (app role)", new Variant(appConnection, [ilike], Bind)),
                ("ref. DEFINER fn, platform-owned", new Variant(appConnection, ["SELECT * FROM benchmark.search_patients(@term, 20)"], (c, _) => c.Parameters.AddWithValue("term", term))),
                ("ref. DEFINER fn, owner-owned", new Variant(appConnection, ["SELECT * FROM benchmark.search_patients_owner_owned(@term, 20)"], (c, _) => c.Parameters.AddWithValue("term", term))),
            };

            var timings = await TimeInterleavedAsync([new Variant(platformConnection, [ilike], Bind), new Variant(platformConnection, [like], Bind), .. paths.Select(p => p.Variant)]);
            for (var n = 0; n < paths.Count; n++)
            {
                // ILIKE is compared with ILIKE on the floor; the functions (LIKE on the lower-cased column) with LIKE.
                Lines.Add(new ResultLine(operation, paths[n].Path, timings[n + 2], n == 0 ? timings[0] : timings[1], Report.SearchTargetMs, RlsPath: true,
                    Note: n == 0 ? $"{matches:N0} matches" : null));
            }

            if (productCall is not null)
            {
                // The product's function against itself called by the platform role, timed as a pair on their own: in
                // the rotation above each run would follow a different (and sometimes 50 ms) query, which is not fair.
                void BindProduct(NpgsqlCommand command, int _) => productCall.Bind(command, term);
                var pair = await TimeInterleavedAsync([new Variant(platformInPractice, [productCall.Sql], BindProduct), new Variant(appConnection, [productCall.Sql], BindProduct)]);
                Lines.Add(new ResultLine(operation, $"product {productCall.Name}", pair[1], pair[0], Report.SearchTargetMs, RlsPath: true,
                    Note: $"vs the bare 20-row LIKE: {pair[1].P50 / Math.Max(timings[1].P50, 0.001):0.00}× (p50)"));
            }
        }
    }

    private sealed record FunctionCall(string Name, string Sql, Action<NpgsqlCommand, string> Bind);

    /// <summary>
    /// The Patients feature's search function, when this database has it (its migration adds it). It is called with
    /// the term and, for any further required integer arguments, a page size of 20 and an offset of 0.
    /// </summary>
    private async Task<FunctionCall?> FindProductSearchFunctionAsync()
    {
        await using var connection = await platform.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT n.nspname, p.proname, p.pronargs, p.pronargdefaults, p.prosecdef,
                   ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) AS t), pg_get_function_identity_arguments(p.oid),
                   r.rolname, r.rolbypassrls OR r.rolsuper
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
            WHERE p.proname = 'search_patients' AND n.nspname <> 'benchmark'
            ORDER BY n.nspname LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            Notes.Add("search_patients: function not present in this database (the Patients feature adds it in its migration); " +
                      "measured plain ILIKE under RLS and two reference SECURITY DEFINER functions created by this benchmark only (\"ref.\").");
            return null;
        }

        var name = $"{reader.GetString(0)}.{reader.GetString(1)}";
        var signature = $"{name}({reader.GetString(6)})";
        var required = reader.GetInt16(2) - reader.GetInt16(3);
        var types = reader.GetFieldValue<string[]>(5);
        var securityDefiner = reader.GetBoolean(4);
        var owner0 = reader.GetString(7);
        var bypasses0 = reader.GetBoolean(8);
        if (reader.GetString(6).StartsWith("name_pattern text, name_pattern_alt text, mobile_pattern text", StringComparison.Ordinal))
        {
            // The product's function takes LIKE patterns (as PatientSearchTerms builds them) and filters; called as
            // the patient list calls it: active patients, 20 rows, totals counted up to 200.
            Notes.Add($"search_patients is present: {signature}{(securityDefiner ? ", SECURITY DEFINER" : "")}, owned by {owner0} " +
                      $"({(bypasses0 ? "bypasses row-level security" : "subject to row-level security")}); measured as \"product\" with the patient list's arguments.");
            var productSql = $"SELECT * FROM \"{reader.GetString(0)}\".\"{reader.GetString(1)}\"(@np, @npa, @mp, @g, @ba, @bb, 'active', 20, 0, 200)";
            return new FunctionCall(name, productSql, (command, term) =>
            {
                var isDigits = term.All(char.IsAsciiDigit);
                var pattern = "%" + term.ToLowerInvariant() + "%";
                command.Parameters.Add(new NpgsqlParameter("np", NpgsqlTypes.NpgsqlDbType.Text) { Value = isDigits ? DBNull.Value : pattern });
                command.Parameters.Add(new NpgsqlParameter("npa", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("mp", NpgsqlTypes.NpgsqlDbType.Text) { Value = isDigits ? pattern : DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("g", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("ba", NpgsqlTypes.NpgsqlDbType.Date) { Value = DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("bb", NpgsqlTypes.NpgsqlDbType.Date) { Value = DBNull.Value });
            });
        }

        if (required < 1 || types.Length == 0 || types[0] is not ("text" or "character varying")
            || types.Skip(1).Take(required - 1).Any(t => t is not ("integer" or "bigint" or "smallint")))
        {
            Notes.Add($"search_patients is present as {signature} but its arguments are not (term, [limit, [offset]]): not measured.");
            return null;
        }

        var owner = reader.GetString(7);
        var bypasses = reader.GetBoolean(8);
        Notes.Add($"search_patients is present: {signature}{(securityDefiner ? ", SECURITY DEFINER" : "")}, owned by {owner} " +
                  $"({(bypasses ? "bypasses row-level security" : "subject to row-level security: FORCE applies the policy inside a SECURITY DEFINER function too")}); measured as \"product\".");
        var parameterList = string.Join(", ", Enumerable.Range(0, required).Select(i => $"@a{i}"));
        return new FunctionCall(name, $"SELECT * FROM \"{reader.GetString(0)}\".\"{reader.GetString(1)}\"({parameterList})", (command, term) =>
        {
            command.Parameters.AddWithValue("a0", term);
            for (var i = 1; i < required; i++)
            {
                command.Parameters.AddWithValue($"a{i}", i == 1 ? 20 : 0);
            }
        });
    }

    /// <summary>
    /// For comparison only, in the benchmark database: the same search as a SECURITY DEFINER function that filters by
    /// the caller's app.tenant_id itself, twice. Owned by the platform role (BYPASSRLS), row-level security does not
    /// apply inside it, so the LIKE can use the (TenantId, SearchName/Mobile) trigram indexes. Owned by the owner role
    /// (as a function created by a migration would be), FORCE ROW LEVEL SECURITY still applies the policy inside it,
    /// and the policy runs before the non-leakproof LIKE. Neither is the product's function.
    /// </summary>
    private async Task CreateReferenceSearchFunctionAsync()
    {
        var platformRole = database.RoleName(DatabaseRole.Platform);
        var ownerRole = database.RoleName(DatabaseRole.Migrations);
        var caller = database.RoleName(DatabaseRole.Application);
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync();
        var sql = new System.Text.StringBuilder($"""
            CREATE SCHEMA IF NOT EXISTS benchmark AUTHORIZATION "{platformRole}";
            GRANT USAGE, CREATE ON SCHEMA benchmark TO "{ownerRole}";
            GRANT USAGE ON SCHEMA benchmark TO "{caller}";
            """);
        foreach (var (name, owner) in new[] { ("search_patients", platformRole), ("search_patients_owner_owned", ownerRole) })
        {
            sql.AppendLine($$"""
                CREATE OR REPLACE FUNCTION benchmark.{{name}}(term text, max_rows integer DEFAULT 20)
                RETURNS TABLE (id uuid, first_name character varying, last_name character varying, mobile character varying)
                LANGUAGE plpgsql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, public
                SET plan_cache_mode = force_custom_plan
                AS $fn$
                DECLARE
                    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
                    pattern text := '%' || replace(replace(replace(lower(btrim(term)), '', '\'), '%', '\%'), '_', '\_') || '%';
                BEGIN
                    IF tenant IS NULL OR length(btrim(term)) < 2 THEN
                        RETURN;
                    END IF;
                    IF btrim(term) ~ '^[0-9]+$' THEN
                        RETURN QUERY SELECT p."Id", p."FirstName", p."LastName", p."Mobile" FROM public."Patients" p
                            WHERE p."TenantId" = tenant AND p."IsActive" AND p."Mobile" LIKE pattern
                            ORDER BY p."SearchName", p."Id" LIMIT max_rows;
                    ELSE
                        RETURN QUERY SELECT p."Id", p."FirstName", p."LastName", p."Mobile" FROM public."Patients" p
                            WHERE p."TenantId" = tenant AND p."IsActive" AND p."SearchName" LIKE pattern
                            ORDER BY p."SearchName", p."Id" LIMIT max_rows;
                    END IF;
                END
                $fn$;
                ALTER FUNCTION benchmark.{{name}}(text, integer) OWNER TO "{{owner}}";
                REVOKE ALL ON FUNCTION benchmark.{{name}}(text, integer) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION benchmark.{{name}}(text, integer) TO "{{caller}}";
                """);
        }

        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        await command.ExecuteNonQueryAsync();
    }

    // ---------- Day calendar and slot computation ----------

    /// <summary>The doctor with the most appointments: the calendar a busy clinic opens all day.</summary>
    private GeneratedDoctor BusyDoctor => data.BigDoctors.MaxBy(d => data.AppointmentsPerDoctor.GetValueOrDefault(d.ProfileId))!;

    private List<DateOnly> WorkingDays(GeneratedDoctor doctor, int from, int to) =>
        Enumerable.Range(from, to - from).Select(offset => data.Today.AddDays(offset))
            .Where(day => !doctor.Leave.Contains(day) && doctor.Availability.Any(a => a.Day == day.DayOfWeek))
            .ToList();

    private static (DateTime From, DateTime To) UtcDay(DateOnly day) =>
        (TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), India), TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), India));

    public async Task MeasureCalendarAndSlotsAsync()
    {
        var doctor = BusyDoctor;
        var pastDays = WorkingDays(doctor, -Math.Max(options.Iterations, 60), 0);
        const string calendar = """
            SELECT a."Id", a."Number", a."StartsAtUtc", a."EndsAtUtc", a."Status", a."IsWalkIn", a."ClinicLocationId",
                   p."FirstName", p."LastName", p."Mobile"
            FROM "Appointments" AS a
            INNER JOIN "Patients" AS p ON a."TenantId" = p."TenantId" AND a."PatientId" = p."Id"
            WHERE a."TenantId" = @tenant AND p."TenantId" = @tenant AND a."DoctorProfileId" = @doctor
              AND a."StartsAtUtc" >= @from AND a."StartsAtUtc" < @to
            ORDER BY a."StartsAtUtc"
            """;
        void BindCalendar(NpgsqlCommand command, int iteration)
        {
            var (from, to) = UtcDay(pastDays[iteration % pastDays.Count]);
            command.Parameters.AddWithValue("tenant", data.BigPractice);
            command.Parameters.AddWithValue("doctor", doctor.ProfileId);
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to });
        }

        await using var appConnection = await OpenAppAsync(data.BigPractice);
        await using var platformConnection = await platform.OpenConnectionAsync();
        var perDay = data.AppointmentsPerDoctor[doctor.ProfileId] / (double)WorkingDays(doctor, -700, 0).Count;
        var calendarTimings = await TimeInterleavedAsync([new Variant(platformConnection, [calendar], BindCalendar), new Variant(appConnection, [calendar], BindCalendar)]);
        Lines.Add(new ResultLine($"Day calendar, busiest doctor (~{perDay:0} a day, {doctor.Minutes}-min slots)", "EF query shape under RLS",
            calendarTimings[1], calendarTimings[0], Report.CalendarTargetMs, RlsPath: true,
            Note: $"{pastDays.Count} different past days"));

        // Slot computation reads the doctor's length of consultation, that weekday's hours at the location, leave on the
        // date, and the blocking appointments that overlap the day: four queries, as a service reading them one by one.
        // The overlap is measured in two shapes. "StartsAtUtc < dayEnd AND EndsAtUtc > dayStart" alone lets the
        // (TenantId, DoctorProfileId, StartsAtUtc) index bound only the upper end, so it walks every earlier appointment
        // of the doctor; adding "StartsAtUtc >= dayStart - 1 day" (no appointment is that long) bounds both ends.
        var futureDays = WorkingDays(doctor, 1, 30);
        string[] SlotQueries(bool bounded) =>
        [
            "SELECT \"ConsultationMinutes\" FROM \"DoctorProfiles\" WHERE \"TenantId\" = @tenant AND \"Id\" = @doctor",
            "SELECT \"StartTime\", \"EndTime\" FROM \"DoctorAvailability\" WHERE \"TenantId\" = @tenant AND \"DoctorProfileId\" = @doctor AND \"ClinicLocationId\" = @location AND \"Day\" = @day ORDER BY \"StartTime\"",
            "SELECT EXISTS (SELECT 1 FROM \"DoctorLeave\" WHERE \"TenantId\" = @tenant AND \"DoctorProfileId\" = @doctor AND \"Date\" = @date)",
            $"SELECT \"StartsAtUtc\", \"EndsAtUtc\" FROM \"Appointments\" WHERE \"TenantId\" = @tenant AND \"DoctorProfileId\" = @doctor AND \"Status\" IN {BlockingStatuses} " +
            (bounded ? "AND \"StartsAtUtc\" >= @from - interval '1 day' " : "") +
            "AND \"StartsAtUtc\" < @to AND \"EndsAtUtc\" > @from ORDER BY \"StartsAtUtc\"",
        ];
        void BindSlots(NpgsqlCommand command, int iteration)
        {
            var date = futureDays[iteration % futureDays.Count];
            var (from, to) = UtcDay(date);
            command.Parameters.AddWithValue("tenant", data.BigPractice);
            command.Parameters.AddWithValue("doctor", doctor.ProfileId);
            command.Parameters.AddWithValue("location", doctor.Availability.First(a => a.Day == date.DayOfWeek).ClinicLocationId);
            command.Parameters.AddWithValue("day", (int)date.DayOfWeek);
            command.Parameters.AddWithValue("date", date);
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to });
        }

        foreach (var bounded in new[] { true, false })
        {
            var slotTimings = await TimeInterleavedAsync([new Variant(platformConnection, SlotQueries(bounded), BindSlots), new Variant(appConnection, SlotQueries(bounded), BindSlots)]);
            Lines.Add(new ResultLine("Slot computation, database part (4 queries)",
                bounded ? "under RLS, overlap bounded both ends" : "under RLS, overlap bounded above only",
                slotTimings[1], slotTimings[0], null, RlsPath: true,
                Note: $"{futureDays.Count} different future days"));
        }
    }

    // ---------- Booking with the exclusion constraint ----------

    public async Task MeasureBookingAsync()
    {
        var doctor = data.BigDoctors[1];
        var location = doctor.Availability[0].ClinicLocationId;

        // Far beyond the generated appointments, so every booking is free; 5-minute appointments back to back.
        var appStart = UtcDay(data.Today.AddDays(200)).From;
        var platformStart = UtcDay(data.Today.AddDays(300)).From;
        await using var appConnection = await OpenAppAsync(data.BigPractice);
        await using var platformConnection = await platform.OpenConnectionAsync();
        var (measured, floor) = await TimeBookingsAsync(appConnection, platformConnection, doctor, location, appStart, platformStart);
        Lines.Add(new ResultLine($"Booking (check, number, insert; {options.SequentialBookings} sequential)", "under RLS (app role)", measured, floor, null, RlsPath: true,
            Note: $"{options.SequentialBookings / (measured.Total / 1000):0} bookings/s (floor {options.SequentialBookings / (floor.Total / 1000):0}/s)"));

        // Many receptionists at once, one slot: the exclusion constraint admits exactly one.
        var concurrentDoctor = data.BigDoctors[2];
        var slot = UtcDay(data.Today.AddDays(250)).From.AddHours(4.5);
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < options.ConcurrentBookings; i++)
        {
            connections.Add(await OpenAppAsync(data.BigPractice));
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = connections.Select(async connection =>
        {
            await gate.Task;
            try
            {
                await BookAsync(connection, concurrentDoctor, concurrentDoctor.Availability[0].ClinicLocationId, slot, 15, checkFirst: false);
                return "booked";
            }
            catch (PostgresException failure)
            {
                return failure.SqlState;
            }
        }).ToList();
        var clock = Stopwatch.StartNew();
        gate.SetResult();
        var outcomes = await Task.WhenAll(attempts);
        clock.Stop();
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        var booked = outcomes.Count(o => o == "booked");
        var excluded = outcomes.Count(o => o == PostgresErrorCodes.ExclusionViolation);
        var other = outcomes.Where(o => o != "booked" && o != PostgresErrorCodes.ExclusionViolation).GroupBy(o => o).Select(g => $"{g.Key}×{g.Count()}").ToList();
        await using var check = await OpenAppAsync(data.BigPractice);
        await using var count = new NpgsqlCommand(
            $"SELECT count(*) FROM \"Appointments\" WHERE \"DoctorProfileId\" = @doctor AND \"StartsAtUtc\" = @slot AND \"Status\" IN {BlockingStatuses}", check);
        count.Parameters.AddWithValue("doctor", concurrentDoctor.ProfileId);
        count.Parameters.Add(new NpgsqlParameter("slot", NpgsqlDbType.TimestampTz) { Value = slot });
        var stored = (long)(await count.ExecuteScalarAsync())!;
        ConcurrentOutcome = $"{options.ConcurrentBookings} concurrent attempts at one slot: {booked} booked, {excluded} refused by the exclusion constraint (23P01)" +
                            (other.Count > 0 ? $", other errors: {string.Join(", ", other)}" : ", no other errors") +
                            $"; {stored} row stored; all settled in {clock.Elapsed.TotalMilliseconds:0} ms — {(booked == 1 && stored == 1 && other.Count == 0 ? "PASS (exactly one)" : "FAIL")}";
    }

    public string? ConcurrentOutcome { get; private set; }

    /// <summary>Bookings as the app role and as the platform role, alternating, each in its own free window.</summary>
    private async Task<(Timing Measured, Timing Floor)> TimeBookingsAsync(
        NpgsqlConnection appConnection, NpgsqlConnection platformConnection, GeneratedDoctor doctor, Guid location, DateTime appStart, DateTime platformStart)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            await BookAsync(appConnection, doctor, location, appStart.AddMinutes(-5 * (i + 1) - 600), 5, checkFirst: true);
            await BookAsync(platformConnection, doctor, location, platformStart.AddMinutes(-5 * (i + 1) - 600), 5, checkFirst: true);
        }

        var app = new List<double>(options.SequentialBookings);
        var floor = new List<double>(options.SequentialBookings);
        for (var i = 0; i < options.SequentialBookings; i++)
        {
            foreach (var asApp in i % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var clock = Stopwatch.StartNew();
                await BookAsync(asApp ? appConnection : platformConnection, doctor, location, (asApp ? appStart : platformStart).AddMinutes(5 * i), 5, checkFirst: true);
                (asApp ? app : floor).Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (new Timing(app, 1), new Timing(floor, 1));
    }

    /// <summary>
    /// One booking as the app makes it, in one transaction: the friendly check for a clash, the day's next number from
    /// the counter (an atomic upsert), and the insert that the exclusion constraint has the last word on.
    /// </summary>
    private async Task BookAsync(NpgsqlConnection connection, GeneratedDoctor doctor, Guid location, DateTime startsUtc, int minutes, bool checkFirst)
    {
        var endsUtc = startsUtc.AddMinutes(minutes);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(startsUtc, India));
        await using var transaction = await connection.BeginTransactionAsync();
        if (checkFirst)
        {
            await using var clash = new NpgsqlCommand(
                $"SELECT EXISTS (SELECT 1 FROM \"Appointments\" WHERE \"TenantId\" = @tenant AND \"DoctorProfileId\" = @doctor AND \"Status\" IN {BlockingStatuses} AND \"StartsAtUtc\" >= @from - interval '1 day' AND \"StartsAtUtc\" < @to AND \"EndsAtUtc\" > @from)",
                connection, transaction);
            clash.Parameters.AddWithValue("tenant", data.BigPractice);
            clash.Parameters.AddWithValue("doctor", doctor.ProfileId);
            clash.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = startsUtc });
            clash.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = endsUtc });
            if ((bool)(await clash.ExecuteScalarAsync())!)
            {
                throw new InvalidOperationException("The benchmark's own booking window is not free.");
            }
        }

        await using var counter = new NpgsqlCommand("""
            INSERT INTO "BusinessNumberCounters" ("TenantId", "Id", "Kind", "Day", "LastValue") VALUES (@tenant, @id, 'APT', @day, 1)
            ON CONFLICT ("TenantId", "Kind", "Day") DO UPDATE SET "LastValue" = "BusinessNumberCounters"."LastValue" + 1
            RETURNING "LastValue"
            """, connection, transaction);
        counter.Parameters.AddWithValue("tenant", data.BigPractice);
        counter.Parameters.AddWithValue("id", Guid.CreateVersion7());
        counter.Parameters.AddWithValue("day", day);
        var number = (int)(await counter.ExecuteScalarAsync())!;

        await using var insert = new NpgsqlCommand("""
            INSERT INTO "Appointments" ("TenantId", "Id", "Number", "PatientId", "DoctorProfileId", "ClinicLocationId", "StartsAtUtc", "EndsAtUtc",
                                        "Status", "IsWalkIn", "Reason", "CreatedAtUtc")
            VALUES (@tenant, @id, @number, @patient, @doctor, @location, @from, @to, 'Scheduled', false, 'Benchmark booking', now())
            """, connection, transaction);
        insert.Parameters.AddWithValue("tenant", data.BigPractice);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("number", $"APT-{day:yyyyMMdd}-{number:0000}");
        insert.Parameters.AddWithValue("patient", data.BigPatientSample[random.Next(data.BigPatientSample.Count)]);
        insert.Parameters.AddWithValue("doctor", doctor.ProfileId);
        insert.Parameters.AddWithValue("location", location);
        insert.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = startsUtc });
        insert.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = endsUtc });
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    // ---------- Plumbing ----------

    private async Task<NpgsqlConnection> OpenAppAsync(Guid practiceId)
    {
        var connection = await app.OpenConnectionAsync();
        await SetTenantAsync(connection, practiceId);
        return connection;
    }

    /// <summary>What the app's connection interceptor does on every open: set (or clear) app.tenant_id for the session.</summary>
    private static async Task SetTenantAsync(NpgsqlConnection connection, Guid? practiceId)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection);
        command.Parameters.AddWithValue("tenant", practiceId?.ToString() ?? "");
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One way of running an operation: a connection (role) and the statements, with their parameters per iteration.</summary>
    private sealed record Variant(NpgsqlConnection Connection, IReadOnlyList<string> Statements, Action<NpgsqlCommand, int> Bind);

    /// <summary>
    /// Times every variant per iteration, interleaved (the starting variant rotates), so a measured path and its floor
    /// see the same moments of a shared machine; each run sends the statements one after the other and reads every
    /// row. Warm-up runs are not recorded.
    /// </summary>
    private async Task<Timing[]> TimeInterleavedAsync(IReadOnlyList<Variant> variants)
    {
        var times = variants.Select(_ => new List<double>(options.Iterations)).ToArray();
        var rows = new long[variants.Count];
        for (var i = -options.Warmup; i < options.Iterations; i++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var v = (k + Math.Max(i, 0)) % variants.Count;
                var variant = variants[v];
                var clock = Stopwatch.StartNew();
                rows[v] = 0;
                foreach (var sql in variant.Statements)
                {
                    await using var command = new NpgsqlCommand(sql, variant.Connection);
                    variant.Bind(command, Math.Max(i, 0));
                    await using var reader = await command.ExecuteReaderAsync();
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

    /// <summary>Runs a statement once; the error message when it fails.</summary>
    private static async Task<string?> ProbeAsync(NpgsqlConnection connection, string sql, Action<NpgsqlCommand> bind)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }

            return null;
        }
        catch (PostgresException failure)
        {
            return failure.MessageText;
        }
    }

    public static string Describe(SearchTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return string.Create(CultureInfo.InvariantCulture,
            $"name rare \"{terms.RareName}\", common \"{terms.CommonName}\", none \"{terms.NoMatchName}\"; mobile rare \"{terms.RareMobile}\", common \"{terms.CommonMobile}\", none \"{terms.NoMatchMobile}\"");
    }
}
