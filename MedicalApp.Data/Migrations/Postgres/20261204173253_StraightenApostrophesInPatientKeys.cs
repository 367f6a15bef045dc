using MedicalApp.Data.Postgres;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
{
    /// <summary>
    /// Patients' search and identity keys are now written with the typewriter apostrophe whatever was typed ("D’Souza"
    /// and "D'Souza" are one name); this brings the rows written before in line. The displayed names stay as typed.
    /// A first-name key is left alone where straightening it would collide with an active family member's.
    /// </summary>
    public partial class StraightenApostrophesInPatientKeys : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var patients = RowLevelSecurity.AcrossPractices("Patients",
                """
                UPDATE "Patients" SET "SearchName" = translate("SearchName", '’‘ʼ', '''''''')
                WHERE "SearchName" ~ '[’‘ʼ]'
                """,
                """
                UPDATE "Patients" p SET "FirstNameKey" = translate(p."FirstNameKey", '’‘ʼ', '''''''')
                WHERE p."FirstNameKey" ~ '[’‘ʼ]'
                  AND NOT EXISTS (
                      SELECT 1 FROM "Patients" q
                      WHERE q."TenantId" = p."TenantId" AND q."Mobile" = p."Mobile" AND q."IsActive"
                        AND q."FirstNameKey" = translate(p."FirstNameKey", '’‘ʼ', ''''''''))
                """);
            foreach (var statement in patients)
            {
                migrationBuilder.Sql(statement);
            }
        }

        // Nothing to undo: the straightened keys are what the earlier code would have found with a straight apostrophe.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
