using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <summary>
    /// Patients' search and identity keys are now written with the typewriter apostrophe whatever was typed ("D’Souza"
    /// and "D'Souza" are one name); this brings the rows written before in line. The displayed names stay as typed.
    /// A first-name key is left alone where straightening it would collide with an active family member's.
    /// </summary>
    public partial class StraightenApostrophesInPatientKeys : Migration
    {
        private const string Straightened = """replace(replace(replace({0}, '’', ''''), '‘', ''''), 'ʼ', '''')""";

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                UPDATE "Patients" SET "SearchName" = {string.Format(Straightened, "\"SearchName\"")}
                WHERE "SearchName" <> {string.Format(Straightened, "\"SearchName\"")}
                """);
            migrationBuilder.Sql($"""
                UPDATE "Patients" SET "FirstNameKey" = {string.Format(Straightened, "\"FirstNameKey\"")}
                WHERE "FirstNameKey" <> {string.Format(Straightened, "\"FirstNameKey\"")}
                  AND NOT EXISTS (
                      SELECT 1 FROM "Patients" AS q
                      WHERE q."TenantId" = "Patients"."TenantId" AND q."Mobile" = "Patients"."Mobile" AND q."IsActive"
                        AND q."FirstNameKey" = {string.Format(Straightened, "\"Patients\".\"FirstNameKey\"")})
                """);
        }

        // Nothing to undo: the straightened keys are what the earlier code would have found with a straight apostrophe.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
