using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>One row of the preview: the medicine as read, and everything wrong with it (nothing when it can be imported).</summary>
public sealed record MedicineImportRow(
    int LineNumber, string BrandName, string GenericName, string Strength, string DosageForm, string? Schedule, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>What importing a file would do: each row with its errors, or why the file cannot be read at all.</summary>
public sealed record MedicineImportPreview(IReadOnlyList<MedicineImportRow> Rows, string? Problem)
{
    public int ValidCount => Rows.Count(r => r.IsValid);

    public int InvalidCount => Rows.Count - ValidCount;

    public bool AllValid => Problem is null && Rows.Count > 0 && InvalidCount == 0;
}

/// <summary>Which rows an import writes.</summary>
public enum MedicineImportChoice
{
    /// <summary>Every row, or none when any has an error.</summary>
    AllRows,

    /// <summary>The valid rows; rows with errors are left out.</summary>
    ValidRowsOnly,
}

/// <summary>
/// Imports a practice's own medicines from a CSV file (<see cref="MedicineCsv"/>): a preview with each row's errors
/// first, then the import, which reads and checks the same bytes again on the server (the preview the page showed is
/// not trusted) and writes the chosen rows in one transaction with one audit row. A row is refused for the medicine
/// rules, for repeating an earlier row of the file, and for being a medicine the practice already has.
/// </summary>
public sealed class MedicineImportService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes)
{
    public const string NothingValidMessage = "No row of the file can be imported: correct the rows with errors and upload it again.";

    public async Task<MedicineImportPreview> PreviewAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageMedicines, cancellationToken: cancellationToken);
        return (await CheckAsync(db, content, cancellationToken)).Preview;
    }

    /// <summary>Writes the file's rows as <paramref name="choice"/> says; done with the number of medicines added.</summary>
    public Task<ChangeResult<int>> ImportAsync(byte[] content, string? fileName, MedicineImportChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return changes.RunAsync<int>(PracticeMedicineService.ManageMedicines, async change =>
        {
            var (preview, valid) = await CheckAsync(change.Db, content, cancellationToken);
            if (preview.Problem is { } problem)
            {
                return ChangeResult.Refused(problem);
            }

            if (choice == MedicineImportChoice.AllRows && preview.InvalidCount > 0)
            {
                return ChangeResult.Refused(
                    $"{Rows(preview.InvalidCount)} of the file {(preview.InvalidCount == 1 ? "has" : "have")} errors, so nothing was imported. " +
                    "Correct them, or import only the valid rows.");
            }

            if (valid.Count == 0)
            {
                return ChangeResult.Refused(NothingValidMessage);
            }

            foreach (var values in valid)
            {
                change.Db.PracticeMedicines.Add(PracticeMedicineService.New(values, change.Actor.UserId, change.NowUtc));
            }

            var file = string.IsNullOrWhiteSpace(fileName) ? "a CSV file" : $"“{Path.GetFileName(fileName.Trim())}”";
            var leftOut = preview.InvalidCount > 0 ? $"; {Rows(preview.InvalidCount)} with errors left out" : "";
            change.Audit(AuditActions.PracticeMedicinesImported, nameof(PracticeMedicine), (string?)null,
                $"Imported {Medicines(valid.Count)} from {file}{leftOut}.");
            return ChangeResult<int>.Done(valid.Count, $"{Medicines(valid.Count)} imported.");
        }, cancellationToken);
    }

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count:N0} rows";

    private static string Medicines(int count) => count == 1 ? "1 medicine" : $"{count:N0} medicines";

    /// <summary>The file read and every row checked, with the valid rows' values (in file order).</summary>
    private static async Task<(MedicineImportPreview Preview, List<MedicineValues> Valid)> CheckAsync(
        MedicalDbContext db, byte[] content, CancellationToken cancellationToken)
    {
        var file = MedicineCsv.Read(content);
        if (file.Problem is { } problem)
        {
            return (new MedicineImportPreview([], problem), []);
        }

        // The practice's active medicines once, compared in memory (an import may carry thousands of rows).
        var existing = await db.PracticeMedicines.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken);
        var rows = new List<MedicineImportRow>();
        var valid = new List<MedicineValues>();
        var earlier = new List<(int Line, MedicineValues Values)>();
        foreach (var row in file.Rows)
        {
            var errors = row.Errors.ToList();
            if (errors.Count == 0)
            {
                errors.AddRange(MedicineRules.Errors(row.Input).Where(e => e.Value is not null).Select(e => e.Value!));
            }

            var values = MedicineValues.From(row.Input);
            if (errors.Count == 0)
            {
                if (existing.Any(values.IsSameProductAs))
                {
                    errors.Add("Your practice already has this medicine (same brand, strength and form).");
                }
                else if (earlier.FirstOrDefault(e => values.IsSameProductAs(AsMedicine(e.Values))) is { Line: > 0 } first)
                {
                    errors.Add($"The same medicine as line {first.Line}.");
                }
            }

            if (errors.Count == 0)
            {
                valid.Add(values);
                earlier.Add((row.LineNumber, values));
            }

            rows.Add(new MedicineImportRow(row.LineNumber, values.BrandName, values.GenericName, values.Strength, values.DosageForm,
                row.Input.Schedule?.ToString(), errors));
        }

        return (new MedicineImportPreview(rows, null), valid);
    }

    private static PracticeMedicine AsMedicine(MedicineValues values) =>
        new() { BrandName = values.BrandName, Strength = values.Strength, DosageForm = values.DosageForm };
}
