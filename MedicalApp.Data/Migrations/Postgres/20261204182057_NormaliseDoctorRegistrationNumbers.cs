using MedicalApp.Data.Postgres;
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
            var doctors = RowLevelSecurity.AcrossPractices("DoctorProfiles",
                $"""
                UPDATE "DoctorProfiles" d SET "RegistrationNumber" = {string.Format(Normalised, "d.\"RegistrationNumber\"")}
                WHERE d."RegistrationNumber" <> {string.Format(Normalised, "d.\"RegistrationNumber\"")}
                  AND NOT EXISTS (
                      SELECT 1 FROM "DoctorProfiles" o
                      WHERE o."TenantId" = d."TenantId" AND o."Id" <> d."Id"
                        AND {string.Format(Normalised, "o.\"RegistrationNumber\"")} = {string.Format(Normalised, "d.\"RegistrationNumber\"")})
                """);
            var invitations = RowLevelSecurity.AcrossPractices("StaffInvitations",
                $"""
                UPDATE "StaffInvitations" SET "RegistrationNumber" = {string.Format(Normalised, "\"RegistrationNumber\"")}
                WHERE "RegistrationNumber" <> {string.Format(Normalised, "\"RegistrationNumber\"")}
                """);
            foreach (var statement in doctors.Concat(invitations))
            {
                migrationBuilder.Sql(statement);
            }
        }

        // Nothing to undo: the normalised numbers are the same numbers.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
