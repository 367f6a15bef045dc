using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only, hand-written (the model does not change, so SQLite has no counterpart): the patient search
    /// function belongs to this database's own search role, <c>{database}_search</c>, created by
    /// deploy/postgres/create-roles.sql. Databases migrated before it was per database have the function owned by
    /// medicalapp_search, one BYPASSRLS role shared by every database on the server and granted to every database's
    /// owner: the owner of one database (staging) could then read another's (production's) patients and replace its
    /// search function. This moves the function and its read access to the patients over; nothing to do on a database
    /// where PatientSearch already created it as the database's own role. Re-run create-roles.sql for the database
    /// first: the migration stops, saying so, when the role is missing.
    /// </summary>
    public partial class SearchRolePerDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DO $move$
                DECLARE
                    search_role text := current_database() || '_search';
                    function_owner regrole;
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = search_role) THEN
                        RAISE EXCEPTION 'The role % does not exist: run deploy/postgres/create-roles.sql for the database % (as a superuser) before applying this migration.',
                            search_role, current_database();
                    END IF;

                    SELECT p.proowner::regrole INTO function_owner FROM pg_proc p WHERE p.oid = to_regprocedure('{PatientSearch.Signature}');
                    IF function_owner IS NULL OR function_owner = search_role::regrole THEN
                        RETURN;
                    END IF;

                    EXECUTE format('GRANT SELECT ON "Patients" TO %I', search_role);
                    EXECUTE format('ALTER FUNCTION {PatientSearch.Signature} OWNER TO %I', search_role);
                    EXECUTE format('REVOKE SELECT ON "Patients" FROM %s', function_owner);
                END
                $move$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: a search role shared between databases is what this migration removes.
        }
    }
}
