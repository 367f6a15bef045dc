using Microsoft.EntityFrameworkCore.Migrations;

namespace MedicalApp.Data.Migrations.Postgres;

/// <summary>
/// The hand-written PostgreSQL part of <see cref="MedicinesConsultationsPrescriptions"/>, kept beside it so the
/// generated file stays generated.
/// <list type="bullet">
/// <item>The global catalogue is read by everyone and written only by the platform path: the write grants the
/// deployment's default privileges gave are taken from every role that cannot bypass row-level security (the
/// application role), as LockMigrationHistory does for the migration history. Role names are the operator's, so the
/// grantees are found in the catalogue.</item>
/// <item>Fragment search by brand or generic name through trigram indexes. Under row-level security LIKE is applied
/// only after the policy (it is not leakproof), so, as for patients, a SECURITY DEFINER function owned by the
/// database's search role filters by app.tenant_id itself: no practice, no rows. It returns the practice's own and the
/// global medicines it has not hidden, the practice's most prescribed first.</item>
/// </list>
/// </summary>
internal static class MedicineSearch
{
    public const string Signature = "search_medicines(text, integer)";

    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""CREATE INDEX "IX_GlobalMedicines_SearchText_Trgm" ON "GlobalMedicines" USING gin ("SearchText" gin_trgm_ops)""");
        migrationBuilder.Sql("""CREATE INDEX "IX_PracticeMedicines_TenantId_SearchText_Trgm" ON "PracticeMedicines" USING gin ("TenantId", "SearchText" gin_trgm_ops)""");

        migrationBuilder.Sql("""
            DO $lock$
            DECLARE grantee_name text;
            BEGIN
                FOR grantee_name IN
                    SELECT DISTINCT g.grantee
                    FROM information_schema.role_table_grants g
                    JOIN pg_roles r ON r.rolname = g.grantee
                    WHERE g.table_schema = current_schema() AND g.table_name = 'GlobalMedicines'
                      AND g.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
                      AND g.grantee <> current_user AND NOT r.rolbypassrls
                LOOP
                    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "GlobalMedicines" FROM %I', grantee_name);
                END LOOP;
                REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "GlobalMedicines" FROM PUBLIC;
            END
            $lock$;
            """);

        // As the table owner, grant the search role what the function reads, then become it so the function is its.
        migrationBuilder.Sql("""
            DO $search_role$
            DECLARE
                search_role text := current_database() || '_search';
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = search_role) THEN
                    RAISE EXCEPTION 'The role % does not exist: run deploy/postgres/create-roles.sql for the database % (as a superuser) before applying the migrations.',
                        search_role, current_database();
                END IF;

                EXECUTE format('GRANT SELECT ON "GlobalMedicines", "PracticeMedicines", "HiddenGlobalMedicines", "MedicineUsage" TO %I', search_role);
                EXECUTE format('SET ROLE %I', search_role);
            END
            $search_role$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION search_medicines(name_pattern text, max_rows integer)
            RETURNS TABLE (
                "IsGlobal" boolean, "Id" uuid, "BrandName" text, "GenericName" text, "Strength" text, "DosageForm" text,
                "DrugClass" text, "Schedule" text, "TimesPrescribed" integer)
            LANGUAGE plpgsql
            STABLE
            SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
            -- name_pattern arrives as a LIKE pattern with \ as the escape character, lower-cased like "SearchText".
            -- EXECUTE plans the query with the actual pattern, so the planner can choose the trigram indexes.
            DECLARE
                tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
            BEGIN
                IF tenant IS NULL OR name_pattern IS NULL THEN
                    RETURN;
                END IF;

                RETURN QUERY EXECUTE $query$
                    WITH matches AS MATERIALIZED (
                        SELECT true AS is_global, g."Id", g."BrandName", g."GenericName", g."Strength", g."DosageForm",
                               g."DrugClass", g."Schedule"
                        FROM "GlobalMedicines" g
                        WHERE g."IsActive" AND g."SearchText" LIKE $2
                          AND NOT EXISTS (SELECT 1 FROM "HiddenGlobalMedicines" h
                                          WHERE h."TenantId" = $1 AND h."GlobalMedicineId" = g."Id")
                        UNION ALL
                        SELECT false, p."Id", p."BrandName", p."GenericName", p."Strength", p."DosageForm",
                               p."DrugClass", p."Schedule"
                        FROM "PracticeMedicines" p
                        WHERE p."TenantId" = $1 AND p."IsActive" AND p."SearchText" LIKE $2)
                    SELECT m.is_global, m."Id", m."BrandName"::text, m."GenericName"::text, m."Strength"::text,
                           m."DosageForm"::text, m."DrugClass"::text, m."Schedule"::text,
                           COALESCE(ug."TimesPrescribed", up."TimesPrescribed", 0)
                    FROM matches m
                    LEFT JOIN "MedicineUsage" ug ON m.is_global AND ug."TenantId" = $1 AND ug."GlobalMedicineId" = m."Id"
                    LEFT JOIN "MedicineUsage" up ON NOT m.is_global AND up."TenantId" = $1 AND up."PracticeMedicineId" = m."Id"
                    ORDER BY 9 DESC, m."BrandName", m."Strength", m."Id"
                    LIMIT $3
                    $query$
                    USING tenant, name_pattern, LEAST(GREATEST(COALESCE(max_rows, 20), 1), 50);
            END
            $fn$
            """);
        migrationBuilder.Sql($"REVOKE ALL ON FUNCTION {Signature} FROM PUBLIC");
        migrationBuilder.Sql("RESET ROLE");
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {Signature}");
        migrationBuilder.Sql("""
            DO $search_role$
            BEGIN
                EXECUTE format('REVOKE SELECT ON "GlobalMedicines", "PracticeMedicines", "HiddenGlobalMedicines", "MedicineUsage" FROM %I',
                    current_database() || '_search');
            END
            $search_role$;
            """);
    }
}
