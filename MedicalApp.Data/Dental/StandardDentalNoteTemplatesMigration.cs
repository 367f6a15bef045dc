using System.Globalization;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Postgres;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MedicalApp.Data.Dental;

/// <summary>
/// Gives every existing practice the standard dental note templates (<see cref="StandardDentalNoteTemplates"/>) from a
/// data-only migration, as registration gives them to new practices: one row per practice and template, skipping a
/// template whose short code the practice already uses. Rows added here have no creator (the migration made them).
/// A later change of the list comes with its own migration (and registration adds only the short codes a practice lacks).
/// </summary>
public static class StandardDentalNoteTemplatesMigration
{
    private const string Table = "DentalNoteTemplates";
    private const string AddedAt = "2026-12-05 00:00:00";

    public static void Insert(MigrationBuilder migrationBuilder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        // PostgreSQL makes uuids itself; SQLite stores EF's upper-case GUID text, made here from random bytes.
        var newId = postgres
            ? "gen_random_uuid()"
            : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
              + "substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
        var addedAt = postgres ? $"TIMESTAMPTZ '{AddedAt}+00'" : $"'{AddedAt}'";
        var statements = StandardDentalNoteTemplates.All.Select((t, index) =>
            $"""
            INSERT INTO "{Table}" ("TenantId", "Id", "Condition", "Surfaces", "Severity", "Text", "ShortCode", "OwnerDoctorProfileId", "DisplayOrder", "CreatedByUserId", "CreatedAtUtc", "Version")
            SELECT p."Id", {newId}, {Text(t.Condition?.ToString())}, {Number((int?)t.Surfaces)}, {Text(t.Severity?.ToString())}, {Text(t.Text)}, {Text(t.ShortCode)}, NULL, {(index + 1) * 10}, NULL, {addedAt}, 0
            FROM "Tenants" p
            WHERE NOT EXISTS (SELECT 1 FROM "{Table}" d WHERE d."TenantId" = p."Id" AND upper(d."ShortCode") = {Text(t.ShortCode)})
            """).ToArray();
        Run(migrationBuilder, postgres, statements);
    }

    public static void Delete(MigrationBuilder migrationBuilder, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var codes = string.Join(", ", StandardDentalNoteTemplates.All.Select(t => Text(t.ShortCode)));
        Run(migrationBuilder, postgres, $"""DELETE FROM "{Table}" WHERE "CreatedByUserId" IS NULL AND "ShortCode" IN ({codes})""");
    }

    private static void Run(MigrationBuilder migrationBuilder, bool postgres, params string[] statements)
    {
        foreach (var statement in postgres ? RowLevelSecurity.AcrossPractices(Table, statements) : statements)
        {
            migrationBuilder.Sql(statement);
        }
    }

    private static string Text(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";
}
