using MedicalApp.Data.Postgres;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
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
            foreach (var statement in RowLevelSecurity.AcrossPractices("AuditEvents",
                """UPDATE "AuditEvents" SET "EntityType" = 'Practice' WHERE "EntityType" = 'Tenant'"""))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in RowLevelSecurity.AcrossPractices("AuditEvents",
                """UPDATE "AuditEvents" SET "EntityType" = 'Tenant' WHERE "EntityType" = 'Practice'"""))
            {
                migrationBuilder.Sql(statement);
            }
        }
    }
}
