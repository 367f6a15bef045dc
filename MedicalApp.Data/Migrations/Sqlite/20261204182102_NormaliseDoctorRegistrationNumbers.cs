using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <summary>
    /// Registration numbers are one rule now (trimmed, upper case, inner runs of spaces made one), wherever a doctor is
    /// made; before, staff and registration only trimmed and upper-cased, so "TN  12345" could sit beside "TN 12345"
    /// and the uniqueness check missed it. Stored numbers are brought in line, except where that would make two
    /// doctors of one practice share a number: those stay as they are for the practice to correct.
    /// </summary>
    public partial class NormaliseDoctorRegistrationNumbers : Migration
    {
        // SQLite has no regular expressions: runs of up to 32 spaces collapse in five halvings, far more than a typed
        // number holds. upper() covers ASCII, which is what council registration numbers are written in.
        private static string Normalised(string column)
        {
            var collapsed = $"trim({column})";
            for (var i = 0; i < 5; i++)
            {
                collapsed = $"replace({collapsed}, '  ', ' ')";
            }

            return $"upper({collapsed})";
        }

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                UPDATE "DoctorProfiles" SET "RegistrationNumber" = {Normalised("\"RegistrationNumber\"")}
                WHERE "RegistrationNumber" <> {Normalised("\"RegistrationNumber\"")}
                  AND NOT EXISTS (
                      SELECT 1 FROM "DoctorProfiles" AS o
                      WHERE o."TenantId" = "DoctorProfiles"."TenantId" AND o."Id" <> "DoctorProfiles"."Id"
                        AND {Normalised("o.\"RegistrationNumber\"")} = {Normalised("\"DoctorProfiles\".\"RegistrationNumber\"")})
                """);
            migrationBuilder.Sql($"""
                UPDATE "StaffInvitations" SET "RegistrationNumber" = {Normalised("\"RegistrationNumber\"")}
                WHERE "RegistrationNumber" <> {Normalised("\"RegistrationNumber\"")}
                """);
        }

        // Nothing to undo: the normalised numbers are the same numbers.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
