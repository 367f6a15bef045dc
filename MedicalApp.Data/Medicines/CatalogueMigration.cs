using Microsoft.EntityFrameworkCore.Migrations;

namespace MedicalApp.Data.Medicines;

/// <summary>
/// Loads one catalogue file into GlobalMedicines from a migration, the same way on both databases, so production gets
/// the catalogue with its schema (not from the development seeder). The rows carry their name-based ids: a later file
/// loaded by a later migration updates the same medicines. A file is never edited once a migration has loaded it.
/// </summary>
public static class CatalogueMigration
{
    private static readonly DateTime LoadedAtUtc = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] ColumnNames =
    [
        "Id", "BrandName", "GenericName", "Strength", "DosageForm", "DrugClass", "Category", "Manufacturer", "Schedule",
        "TypicalPriceInr", "IsActive", "SearchText", "UpdatedAtUtc", "Version",
    ];

    public static void Insert(MigrationBuilder migrationBuilder, string fileName)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var medicines = GlobalMedicineCatalogue.Load(fileName);
        var values = new object[medicines.Count, ColumnNames.Length];
        for (var row = 0; row < medicines.Count; row++)
        {
            var m = medicines[row];
            object[] columns =
            [
                m.StableId, m.BrandName, m.GenericName, m.Strength, m.DosageForm, m.DrugClass, m.Category, m.Manufacturer,
                m.Schedule.ToString(), m.TypicalPriceInr, true, SearchText(m.BrandName, m.GenericName), LoadedAtUtc, 0,
            ];
            for (var column = 0; column < columns.Length; column++)
            {
                values[row, column] = columns[column];
            }
        }

        migrationBuilder.InsertData("GlobalMedicines", ColumnNames, values);
    }

    public static void Delete(MigrationBuilder migrationBuilder, string fileName)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var ids = GlobalMedicineCatalogue.Load(fileName).Select(m => (object)m.StableId).ToArray();
        migrationBuilder.DeleteData("GlobalMedicines", "Id", ids);
    }

    /// <summary>What the medicine search matches: brand and generic name, lower-case (the same rule for every writer).</summary>
    public static string SearchText(string brandName, string genericName) =>
        $"{brandName} {genericName}".Replace('’', '\'').ToLowerInvariant();
}
