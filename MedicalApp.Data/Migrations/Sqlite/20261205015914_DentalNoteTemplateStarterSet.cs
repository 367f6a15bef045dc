using MedicalApp.Data.Dental;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <summary>The standard dental note templates for every existing practice (no schema change; see StandardDentalNoteTemplatesMigration).</summary>
    public partial class DentalNoteTemplateStarterSet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            StandardDentalNoteTemplatesMigration.Insert(migrationBuilder, postgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            StandardDentalNoteTemplatesMigration.Delete(migrationBuilder, postgres: false);
        }
    }
}
