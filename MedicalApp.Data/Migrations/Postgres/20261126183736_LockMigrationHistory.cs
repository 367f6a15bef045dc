using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only, hand-written (the model does not change, so SQLite has no counterpart): the migration history
    /// becomes read-only for everyone but its owner. EF creates "__EFMigrationsHistory" as the owner role, so the
    /// default privileges of deploy/postgres/create-roles.sql gave the application and platform roles INSERT, UPDATE
    /// and DELETE on it; a compromised application connection could then have hidden or faked which migrations ran.
    /// They keep SELECT (the readiness check compares the history with the build). Role names are the operator's
    /// choice, so the grants are found in the catalogue rather than named here.
    /// </summary>
    public partial class LockMigrationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $lock$
                DECLARE grantee_name text;
                BEGIN
                    FOR grantee_name IN
                        SELECT DISTINCT grantee FROM information_schema.role_table_grants
                        WHERE table_schema = current_schema() AND table_name = '__EFMigrationsHistory'
                          AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
                          AND grantee NOT IN (current_user, 'PUBLIC')
                    LOOP
                        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM %I', grantee_name);
                    END LOOP;
                    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM PUBLIC;
                END
                $lock$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: write access to the history was never meant to be granted.
        }
    }
}
