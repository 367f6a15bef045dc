using System.Text;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>
/// Importing a practice's medicines from CSV, on both databases: the preview names each row's errors; "all rows" writes
/// nothing while any row is wrong; "valid rows" writes those in one transaction with one audit row; the file is read
/// again on import (what the page previewed is not trusted).
/// </summary>
public abstract class MedicineImportTests(DatabaseFixture fixture)
{
    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", [MedicineCsv.Header, .. lines]) + "\r\n");

    [Fact]
    public async Task The_preview_names_each_bad_rows_errors_and_all_rows_then_writes_nothing()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        await MedicineTestData.AddOwnAsync(practice.Practice, $"{tag} Existing", strength: "10 mg", dosageForm: "Tablet");
        var file = Csv(
            $"{tag} Good,Paracetamol,500 mg,Tablet,Analgesics,Pain,Cipla,OTC,1.50",
            $",Ibuprofen,400 mg,Tablet,NSAIDs,Pain,Abbott,OTC,",
            $"{tag} Bad schedule,Ibuprofen,400 mg,Tablet,NSAIDs,Pain,Abbott,Y,2",
            $"{tag} Bad price,Ibuprofen,400 mg,Tablet,NSAIDs,Pain,Abbott,H,abc",
            $"{tag} Existing,Something,10 mg,tablet,X,,,H,",
            $"{tag} Good,Paracetamol,500 MG,Tablet,Analgesics,,,OTC,",
            "only,three,fields");

        var preview = await practice.ImportAs(practice.Doctor).PreviewAsync(file);

        Assert.Null(preview.Problem);
        Assert.Equal((7, 1, 6), (preview.Rows.Count, preview.ValidCount, preview.InvalidCount));
        Assert.False(preview.AllValid);
        string Errors(int line) => string.Join(" | ", preview.Rows.Single(r => r.LineNumber == line).Errors);
        Assert.True(preview.Rows.Single(r => r.LineNumber == 2).IsValid);
        Assert.Equal("Enter the brand name.", Errors(3));
        Assert.Equal("Schedule “Y” is not one of OTC, H, H1 or X.", Errors(4));
        Assert.Equal("TypicalPriceInr “abc” is not an amount in rupees (e.g. 12.50).", Errors(5));
        Assert.Equal("Your practice already has this medicine (same brand, strength and form).", Errors(6));
        Assert.Equal("The same medicine as line 2.", Errors(7));
        Assert.StartsWith("Expected 9 fields", Errors(8), StringComparison.Ordinal);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused,
            practice.ImportAs(practice.Doctor).ImportAsync(file, "medicines.csv", MedicineImportChoice.AllRows));
        Assert.Contains("6 rows of the file have errors, so nothing was imported", refused.Message, StringComparison.Ordinal);
        Assert.Single(await practice.OwnMedicinesAsync());
        Assert.DoesNotContain(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeMedicinesImported);
    }

    [Fact]
    public async Task The_valid_rows_are_written_together_with_one_audit_row()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        var file = Csv(
            $"{tag} One,Paracetamol,500 mg,Tablet,Analgesics,Pain and fever,Cipla,OTC,\"1,250.50\"",
            $"\"{tag} Two, syrup\",\"Amoxicillin + Clavulanic acid\",\"228.5 mg/5 ml\",Suspension,Penicillins,Antibiotic,\"Example \"\"Labs\"\"\",h1,₹ 118",
            $"{tag} Three,,5 mg,Tablet,Antihistamines,,,X,");

        var imported = await ChangeAssert.DoneAsync(practice.ImportAs(practice.Admin).ImportAsync(file, "/tmp/../our list.csv", MedicineImportChoice.ValidRowsOnly));

        Assert.Equal(2, imported);
        var rows = (await practice.OwnMedicinesAsync()).OrderBy(m => m.BrandName).ToList();
        Assert.Equal([$"{tag} One", $"{tag} Two, syrup"], rows.Select(m => m.BrandName));
        Assert.Equal((1250.50m, MedicineSchedule.OTC), (rows[0].TypicalPriceInr, rows[0].Schedule));
        Assert.Equal(("Example \"Labs\"", MedicineSchedule.H1, 118m, "Penicillins"), (rows[1].Manufacturer, rows[1].Schedule, rows[1].TypicalPriceInr, rows[1].DrugClass));
        Assert.All(rows, m => Assert.Equal(practice.Admin.UserId, m.CreatedByUserId));
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeMedicinesImported);
        Assert.Equal("Imported 2 medicines from “our list.csv”; 1 row with errors left out.", audit.Details);
        Assert.Equal(2, (await practice.SearchAs(practice.Doctor).SearchAsync(tag)).Count);

        // The same file again: every row is now a medicine the practice has, so nothing more is written.
        var again = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, practice.ImportAs(practice.Admin).ImportAsync(file, "our list.csv", MedicineImportChoice.ValidRowsOnly));
        Assert.Equal(MedicineImportService.NothingValidMessage, again.Message);
        Assert.Equal(2, (await practice.OwnMedicinesAsync()).Count);
    }

    [Fact]
    public async Task All_rows_are_written_when_every_row_is_valid()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MedicineCsv.Template().Replace("Paracip 650", $"{tag} A", StringComparison.Ordinal)
            .Replace("Amoxyclav 625", $"{tag} B", StringComparison.Ordinal))).ToArray();

        var preview = await practice.ImportAs(practice.Owner).PreviewAsync(file);
        Assert.True(preview.AllValid);
        Assert.Equal(2, await ChangeAssert.DoneAsync(practice.ImportAs(practice.Owner).ImportAsync(file, null, MedicineImportChoice.AllRows)));
        Assert.Equal(2, (await practice.OwnMedicinesAsync()).Count);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_refused_as_a_whole()
    {
        var practice = await MedicinePractice.CreateAsync(fixture);
        var import = practice.ImportAs(practice.Doctor);

        Assert.Equal(MedicineCsv.NotUtf8Message, (await import.PreviewAsync([0x42, 0x72, 0xE9, 0x73, 0x69, 0x6C])).Problem); // Latin-1 "Brésil"
        Assert.StartsWith("The first line must be the header", (await import.PreviewAsync(Encoding.UTF8.GetBytes("Brand,Generic\r\nA,B\r\n"))).Problem, StringComparison.Ordinal);
        Assert.Equal(MedicineCsv.EmptyMessage, (await import.PreviewAsync(Csv())).Problem);
        Assert.Equal(MedicineCsv.TooLargeMessage, (await import.PreviewAsync(new byte[MedicineCsv.MaxBytes + 1])).Problem);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, import.ImportAsync(Csv(), "empty.csv", MedicineImportChoice.ValidRowsOnly));
        // Reception cannot import, nor preview.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.ImportAs(practice.Receptionist).ImportAsync(
            Csv("A,B,1 mg,Tablet,C,,,OTC,"), "a.csv", MedicineImportChoice.AllRows));
        await Assert.ThrowsAsync<MedicalApp.Web.Identity.PracticeAccessDeniedException>(() => practice.ImportAs(practice.Receptionist).PreviewAsync(Csv()));
        Assert.Empty(await practice.OwnMedicinesAsync());
    }
}

public sealed class SqliteMedicineImportTests(SqliteDatabaseFixture fixture)
    : MedicineImportTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresMedicineImportTests(PostgresDatabaseFixture fixture)
    : MedicineImportTests(fixture), IClassFixture<PostgresDatabaseFixture>;
