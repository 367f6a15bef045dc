using System.Diagnostics;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Npgsql;

namespace MedicalApp.Benchmarks.Finalising;

/// <summary>What the history added to the big practice.</summary>
public sealed record HistoryCounts(long Consultations, long Prescriptions, long Lines, long AuditEvents, TimeSpan Elapsed);

/// <summary>
/// Two years of consultations and prescriptions for the big practice, so finalising writes into tables and indexes of
/// a practice that has been prescribing for a while (the numbering counters, the medicine usage counts, the audit
/// trail, the prescriptions and their lines). Generated inside PostgreSQL from the appointments already loaded, as
/// the owner with <c>app.tenant_id</c> set to the practice, so every row passes the row-level security policy's
/// WITH CHECK: every completed visit has its consultation record and its "completed" audit row; a share of them a
/// finalised prescription numbered <c>RX-YYYYMMDD-NNNN</c> per practice-local day, of 1–5 catalogue medicines
/// (popular ones more often), with its "finalised" audit row; the day counters and usage counts agree with them.
/// </summary>
public static class PrescriptionHistory
{
    private static readonly string[] Diagnoses =
    [
        "Acute pharyngitis", "Viral fever", "Upper respiratory tract infection", "Acute gastritis", "Essential hypertension",
        "Type 2 diabetes mellitus", "Lumbar strain", "Allergic rhinitis", "Tension headache", "Acute otitis media",
        "Contact dermatitis", "Osteoarthritis of the knee", "Urinary tract infection", "Iron deficiency anaemia",
    ];

    public static async Task<HistoryCounts> GenerateAsync(BenchmarkDatabase database, Guid practiceId, double share)
    {
        ArgumentNullException.ThrowIfNull(database);
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database.ConnectionString(DatabaseRole.Migrations));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task<long> ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("tenant", practiceId);
            command.Parameters.AddWithValue("zone", Practice.DefaultTimeZoneId);
            command.Parameters.AddWithValue("diagnoses", Diagnoses);
            command.Parameters.AddWithValue("permille", (int)Math.Round(share * 1000));
            return await command.ExecuteNonQueryAsync();
        }

        await ExecuteAsync("SELECT set_config('app.tenant_id', @tenant::text, true)");
        await ExecuteAsync("""
            CREATE TEMP TABLE bench_medicines ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY "BrandName", "Strength", "Id") AS n, "Id", "BrandName", "GenericName", "Strength", "DosageForm", "DrugClass"
            FROM "GlobalMedicines" WHERE "IsActive"
            """);

        var consultations = await ExecuteAsync("""
            INSERT INTO "Consultations" ("TenantId", "Id", "AppointmentId", "PatientId", "DoctorProfileId", "StartedAtUtc", "CompletedAtUtc",
                                         "ChiefComplaint", "Diagnosis", "UpdatedAtUtc", "Version")
            SELECT a."TenantId", gen_random_uuid(), a."Id", a."PatientId", a."DoctorProfileId", a."StartsAtUtc", a."EndsAtUtc",
                   a."Reason", (@diagnoses)[1 + abs(hashtext(a."Id"::text)) % cardinality(@diagnoses)], a."EndsAtUtc", 1
            FROM "Appointments" a
            WHERE a."TenantId" = @tenant AND a."Status" = 'Completed'
            """);

        // Numbered per practice-local day in the order the visits ended, as finalising them one by one would have.
        var prescriptions = await ExecuteAsync("""
            INSERT INTO "Prescriptions" ("TenantId", "Id", "ConsultationId", "AppointmentId", "PatientId", "DoctorProfileId", "ClinicLocationId",
                                         "Number", "VersionNumber", "Status", "Diagnosis", "CreatedAtUtc", "CreatedByUserId", "FinalisedAtUtc",
                                         "FinalisedByUserId", "StatusChangedAtUtc", "Version")
            SELECT a."TenantId", gen_random_uuid(), x.consultation_id, a."Id", a."PatientId", a."DoctorProfileId", a."ClinicLocationId",
                   'RX-' || to_char(x.day, 'YYYYMMDD') || '-' || lpad(x.n::text, greatest(4, length(x.n::text)), '0'), 1, 'Active', x.diagnosis,
                   a."StartsAtUtc", m."UserId", a."EndsAtUtc", m."UserId", a."EndsAtUtc", 1
            FROM (
                SELECT c."Id" AS consultation_id, c."AppointmentId" AS appointment_id, c."Diagnosis" AS diagnosis,
                       (c."CompletedAtUtc" AT TIME ZONE @zone)::date AS day,
                       row_number() OVER (PARTITION BY (c."CompletedAtUtc" AT TIME ZONE @zone)::date ORDER BY c."CompletedAtUtc", c."Id") AS n
                FROM "Consultations" c
                WHERE c."TenantId" = @tenant AND abs(hashtext(c."AppointmentId"::text || 'rx')) % 1000 < @permille
            ) x
            JOIN "Appointments" a ON a."TenantId" = @tenant AND a."Id" = x.appointment_id
            JOIN "DoctorProfiles" d ON d."TenantId" = @tenant AND d."Id" = a."DoctorProfileId"
            JOIN "TenantMemberships" m ON m."TenantId" = @tenant AND m."Id" = d."MembershipId"
            """);

        // 1–5 lines each; a medicine's chance falls with its place in the list (squared uniform), so some are common.
        var lines = await ExecuteAsync("""
            WITH catalogue AS (SELECT count(*) AS size FROM bench_medicines)
            INSERT INTO "PrescriptionLines" ("TenantId", "Id", "PrescriptionId", "Position", "GlobalMedicineId", "BrandName", "GenericName",
                                             "Strength", "DosageForm", "DrugClass", "Dose", "Frequency", "Duration", "Timing", "Quantity")
            SELECT p."TenantId", gen_random_uuid(), p."Id", s.position, g."Id", g."BrandName", g."GenericName", g."Strength", g."DosageForm",
                   g."DrugClass", '1 tablet', (ARRAY['1-0-1', '1-1-1', '1-0-0', '0-0-1'])[1 + s.position % 4],
                   (ARRAY['3 days', '5 days', '7 days', '14 days'])[1 + abs(hashtext(p."Id"::text)) % 4], 'AfterFood', 10
            FROM "Prescriptions" p
            CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(p."Id"::text)) % 5) AS s(position)
            CROSS JOIN catalogue
            JOIN bench_medicines g
              ON g.n = 1 + floor(catalogue.size * power((abs(hashtext(p."Id"::text || s.position::text)) % 1000000) / 1000000.0, 2))::bigint
            WHERE p."TenantId" = @tenant
            """);

        await ExecuteAsync("""
            INSERT INTO "MedicineUsage" ("TenantId", "Id", "GlobalMedicineId", "TimesPrescribed", "LastPrescribedAtUtc")
            SELECT @tenant, gen_random_uuid(), l."GlobalMedicineId", count(*), max(p."FinalisedAtUtc")
            FROM "PrescriptionLines" l JOIN "Prescriptions" p ON p."TenantId" = l."TenantId" AND p."Id" = l."PrescriptionId"
            WHERE l."TenantId" = @tenant
            GROUP BY l."GlobalMedicineId"
            """);
        await ExecuteAsync("""
            INSERT INTO "BusinessNumberCounters" ("TenantId", "Id", "Kind", "Day", "LastValue")
            SELECT @tenant, gen_random_uuid(), 'RX', to_date(substr("Number", 4, 8), 'YYYYMMDD'), count(*)
            FROM "Prescriptions" WHERE "TenantId" = @tenant
            GROUP BY 4
            """);

        var audit = await ExecuteAsync("""
            INSERT INTO "AuditEvents" ("TenantId", "Id", "UserId", "UserEmail", "Action", "EntityType", "EntityId", "IpAddress", "Details", "OccurredAtUtc")
            SELECT a."TenantId", gen_random_uuid(), m."UserId", u."Email", 'ConsultationCompleted', 'Appointment', a."Id"::text, '203.0.113.40',
                   a."Number" || ': In consultation → Completed', a."EndsAtUtc"
            FROM "Appointments" a
            JOIN "DoctorProfiles" d ON d."TenantId" = @tenant AND d."Id" = a."DoctorProfileId"
            JOIN "TenantMemberships" m ON m."TenantId" = @tenant AND m."Id" = d."MembershipId"
            JOIN "AspNetUsers" u ON u."Id" = m."UserId"
            WHERE a."TenantId" = @tenant AND a."Status" = 'Completed'
            """);
        audit += await ExecuteAsync("""
            INSERT INTO "AuditEvents" ("TenantId", "Id", "UserId", "UserEmail", "Action", "EntityType", "EntityId", "IpAddress", "Details", "OccurredAtUtc")
            SELECT p."TenantId", gen_random_uuid(), p."FinalisedByUserId", u."Email", 'PrescriptionFinalised', 'Patient', p."PatientId"::text,
                   '203.0.113.40', p."Number" || ': ' || (SELECT count(*) FROM "PrescriptionLines" l WHERE l."TenantId" = @tenant AND l."PrescriptionId" = p."Id")
                   || ' medicine(s)', p."FinalisedAtUtc"
            FROM "Prescriptions" p JOIN "AspNetUsers" u ON u."Id" = p."FinalisedByUserId"
            WHERE p."TenantId" = @tenant
            """);
        await transaction.CommitAsync();

        foreach (var table in new[] { "Consultations", "Prescriptions", "PrescriptionLines", "MedicineUsage", "BusinessNumberCounters", "AuditEvents", "Appointments" })
        {
            await using var vacuum = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"VACUUM (ANALYZE) \"{table}\""), connection);
            await vacuum.ExecuteNonQueryAsync();
        }

        return new HistoryCounts(consultations, prescriptions, lines, audit, clock.Elapsed);
    }
}
