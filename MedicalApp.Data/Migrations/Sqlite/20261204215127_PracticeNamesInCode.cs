using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <summary>
    /// The practice is called a practice in code now ("tenant" stays in the isolation plumbing only): the entity and
    /// its memberships keep their tables, and audit rows that name the practice as what they are about say "Practice"
    /// instead of the class's old name, so the audit log reads one word for old and new rows.
    /// </summary>
    public partial class PracticeNamesInCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "AuditEvents" SET "EntityType" = 'Practice' WHERE "EntityType" = 'Tenant'""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "AuditEvents" SET "EntityType" = 'Tenant' WHERE "EntityType" = 'Practice'""");
        }
    }
}
