using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
{
    /// <summary>
    /// Registration numbers are one rule now (trimmed, upper case, inner runs of spaces made one), wherever a doctor is
    /// made; before, staff and registration only trimmed and upper-cased, so "TN  12345" could sit beside "TN 12345"
    /// and the uniqueness check missed it. Stored numbers are brought in line, except where that would make two
    /// doctors of one practice share a number: those stay as they are for the practice to correct.
    /// </summary>
    public partial class NormaliseDoctorRegistrationNumbers : Migration
    {
        private const string Normalised = """upper(regexp_replace(btrim({0}), '\s+', ' ', 'g'))""";

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The owner runs migrations under the practices' row-level security (FORCE): lifted for these statements
            // inside the migration's transaction, so every practice's rows are reached.
            migrationBuilder.Sql("""ALTER TABLE "DoctorProfiles" NO FORCE ROW LEVEL SECURITY""");
            migrationBuilder.Sql($"""
                UPDATE "DoctorProfiles" d SET "RegistrationNumber" = {string.Format(Normalised, "d.\"RegistrationNumber\"")}
                WHERE d."RegistrationNumber" <> {string.Format(Normalised, "d.\"RegistrationNumber\"")}
                  AND NOT EXISTS (
                      SELECT 1 FROM "DoctorProfiles" o
                      WHERE o."TenantId" = d."TenantId" AND o."Id" <> d."Id"
                        AND {string.Format(Normalised, "o.\"RegistrationNumber\"")} = {string.Format(Normalised, "d.\"RegistrationNumber\"")})
                """);
            migrationBuilder.Sql("""ALTER TABLE "DoctorProfiles" FORCE ROW LEVEL SECURITY""");
            migrationBuilder.Sql("""ALTER TABLE "StaffInvitations" NO FORCE ROW LEVEL SECURITY""");
            migrationBuilder.Sql($"""
                UPDATE "StaffInvitations" SET "RegistrationNumber" = {string.Format(Normalised, "\"RegistrationNumber\"")}
                WHERE "RegistrationNumber" <> {string.Format(Normalised, "\"RegistrationNumber\"")}
                """);
            migrationBuilder.Sql("""ALTER TABLE "StaffInvitations" FORCE ROW LEVEL SECURITY""");
        }

        // Nothing to undo: the normalised numbers are the same numbers.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
