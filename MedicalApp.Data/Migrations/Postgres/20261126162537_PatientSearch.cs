using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only, hand-written (the model does not change, so SQLite has no counterpart): the patient search
    /// function. Under row-level security PostgreSQL applies a user's LIKE/ILIKE only after the policy, because those
    /// operators are not leakproof, so a plain query cannot use the trigram indexes and scans the whole practice
    /// (~100 ms at 100,000 patients). This SECURITY DEFINER function is owned by the database's own search role,
    /// <c>{database}_search</c> (BYPASSRLS, created by deploy/postgres/create-roles.sql; found here by
    /// current_database(), as role names are the operator's), and filters by the practice in app.tenant_id itself: no
    /// practice, no rows. It is created as that role so its default privileges apply: EXECUTE for the app and platform
    /// roles, not PUBLIC. (Databases migrated when the role was one medicalapp_search for the whole server are moved
    /// over by SearchRolePerDatabase.)
    /// </summary>
    public partial class PatientSearch : Migration
    {
        internal const string Signature =
            "search_patients(text, text, text, text, date, date, text, integer, integer, integer)";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As the table owner: the function runs with its owner's rights and reads nothing but patients. Then become
            // the search role for the rest of this migration (a SET ROLE in a DO block lasts for the session).
            migrationBuilder.Sql("""
                DO $search_role$
                DECLARE
                    search_role text := current_database() || '_search';
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = search_role) THEN
                        RAISE EXCEPTION 'The role % does not exist: run deploy/postgres/create-roles.sql for the database % (as a superuser) before applying the migrations.',
                            search_role, current_database();
                    END IF;

                    EXECUTE format('GRANT SELECT ON "Patients" TO %I', search_role);
                    EXECUTE format('SET ROLE %I', search_role);
                END
                $search_role$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION search_patients(
                    name_pattern text,
                    name_pattern_alt text,
                    mobile_pattern text,
                    gender_filter text,
                    born_after date,
                    born_on_or_before date,
                    active_filter text,
                    max_rows integer,
                    skip_rows integer,
                    count_limit integer)
                RETURNS TABLE (
                    "Id" uuid, "FirstName" text, "LastName" text, "DateOfBirth" date, "AgeYears" integer,
                    "AgeRecordedOn" date, "Gender" text, "Mobile" text, "IsPrimary" boolean, "Relationship" text,
                    "IsActive" boolean, "TotalCount" integer)
                LANGUAGE plpgsql
                STABLE
                SECURITY DEFINER
                SET search_path = public, pg_temp
                AS $fn$
                -- Patterns arrive as LIKE patterns with \ as the escape character, already lower-cased like
                -- "SearchName". Only the conditions given are added, and the query is planned with its actual values
                -- (EXECUTE), so the planner can use the (TenantId, … gin_trgm_ops) indexes. The total is counted up to
                -- count_limit + 1 only: a page never pays for counting a huge result.
                DECLARE
                    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
                    conditions text := '"TenantId" = $1';
                    columns text;
                    total integer;
                BEGIN
                    IF tenant IS NULL THEN
                        RETURN;
                    END IF;

                    IF name_pattern IS NOT NULL AND name_pattern_alt IS NOT NULL THEN
                        conditions := conditions || ' AND ("SearchName" LIKE $2 OR "SearchName" LIKE $3)';
                    ELSIF name_pattern IS NOT NULL THEN
                        conditions := conditions || ' AND "SearchName" LIKE $2';
                    END IF;
                    IF mobile_pattern IS NOT NULL THEN
                        conditions := conditions || ' AND "Mobile" LIKE $4';
                    END IF;
                    IF gender_filter IS NOT NULL THEN
                        conditions := conditions || ' AND "Gender" = $5';
                    END IF;
                    -- Without a date of birth, the recorded age gives an estimated one.
                    IF born_after IS NOT NULL THEN
                        conditions := conditions || ' AND COALESCE("DateOfBirth", ("AgeRecordedOn" - make_interval(years => "AgeYears"))::date) > $6';
                    END IF;
                    IF born_on_or_before IS NOT NULL THEN
                        conditions := conditions || ' AND COALESCE("DateOfBirth", ("AgeRecordedOn" - make_interval(years => "AgeYears"))::date) <= $7';
                    END IF;
                    IF active_filter = 'active' THEN
                        conditions := conditions || ' AND "IsActive"';
                    ELSIF active_filter = 'inactive' THEN
                        conditions := conditions || ' AND NOT "IsActive"';
                    END IF;

                    EXECUTE 'SELECT count(*)::integer FROM (SELECT 1 FROM "Patients" WHERE ' || conditions || ' LIMIT $8) matches'
                        INTO total
                        USING tenant, name_pattern, name_pattern_alt, mobile_pattern, gender_filter, born_after, born_on_or_before,
                              GREATEST(COALESCE(count_limit, 1000), 0) + 1;
                    IF total = 0 THEN
                        RETURN;
                    END IF;

                    columns := '"Id", "FirstName"::text, "LastName"::text, "DateOfBirth", "AgeYears", "AgeRecordedOn", "Gender"::text, '
                        || '"Mobile"::text, "IsPrimary", "Relationship"::text, "IsActive"';
                    IF total <= GREATEST(COALESCE(count_limit, 1000), 0) THEN
                        -- A known, bounded number of matches: fetch them all through the trigram index, then sort. Left to
                        -- itself, ORDER BY … LIMIT may walk the whole practice in name order hoping to meet 20 matches soon.
                        RETURN QUERY EXECUTE
                            'WITH matches AS MATERIALIZED (SELECT ' || columns || ', "SearchName" AS sort_name FROM "Patients" WHERE '
                            || conditions || ') SELECT "Id", "FirstName", "LastName", "DateOfBirth", "AgeYears", "AgeRecordedOn", "Gender", '
                            || '"Mobile", "IsPrimary", "Relationship", "IsActive", $10 FROM matches '
                            || 'ORDER BY sort_name, "Mobile", "Id" LIMIT $8 OFFSET $9'
                            USING tenant, name_pattern, name_pattern_alt, mobile_pattern, gender_filter, born_after, born_on_or_before,
                                  LEAST(GREATEST(COALESCE(max_rows, 20), 0), 100), GREATEST(COALESCE(skip_rows, 0), 0), total;
                    ELSE
                        -- Many matches: walking the names in order meets a page of them quickly.
                        RETURN QUERY EXECUTE
                            'SELECT ' || columns || ', $10 FROM "Patients" WHERE ' || conditions
                            || ' ORDER BY "SearchName", "Mobile", "Id" LIMIT $8 OFFSET $9'
                            USING tenant, name_pattern, name_pattern_alt, mobile_pattern, gender_filter, born_after, born_on_or_before,
                                  LEAST(GREATEST(COALESCE(max_rows, 20), 0), 100), GREATEST(COALESCE(skip_rows, 0), 0), total;
                    END IF;
                END
                $fn$
                """);
            migrationBuilder.Sql($"REVOKE ALL ON FUNCTION {Signature} FROM PUBLIC");
            migrationBuilder.Sql("RESET ROLE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {Signature}");
            migrationBuilder.Sql("""
                DO $search_role$
                BEGIN
                    EXECUTE format('REVOKE SELECT ON "Patients" FROM %I', current_database() || '_search');
                END
                $search_role$;
                """);
        }
    }
}
