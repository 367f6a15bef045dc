using MedicalApp.Data.Medicines;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <summary>The global medicine catalogue of December 2026 (no schema change; see CatalogueMigration).</summary>
    public partial class LoadGlobalMedicineCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            CatalogueMigration.Insert(migrationBuilder, GlobalMedicineCatalogue.December2026File);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            CatalogueMigration.Delete(migrationBuilder, GlobalMedicineCatalogue.December2026File);
        }
    }
}
