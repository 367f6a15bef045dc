using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Medicines;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.ShortKeys;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.ShortKeys;

/// <summary>Short keys through their service, on both databases: code rules and uniqueness, rights, lines, stale edits.</summary>
public abstract class ShortKeyServiceTests(DatabaseFixture fixture)
{
    private async Task<(MedicinePractice Practice, MedicineChoice Global, MedicineChoice Own)> PracticeWithMedicinesAsync()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Dolo", strength: "650 mg");
        await MedicineTestData.AddOwnAsync(practice.Practice, $"{tag} House syrup", "Honey + Tulsi", "5 ml", "Syrup");
        var found = await practice.SearchAs(practice.Doctor).SearchAsync(tag);
        return (practice, found.Single(m => m.IsGlobal), found.Single(m => !m.IsGlobal));
    }

    private static ShortKeyInput Key(string code, bool shared, params MedicineChoice[] medicines) => new()
    {
        Code = code,
        Name = $"Key {code}",
        IsShared = shared,
        Lines = [.. medicines.Select((m, i) => new ShortKeyLineInput
        {
            Medicine = m, Dose = "1 tablet", Frequency = "1-0-1", Duration = $"{i + 3} days", Timing = MedicineTiming.AfterFood, Quantity = 6,
        })],
    };

    [Theory]
    [InlineData("FEVER", null)]
    [InlineData("/dental-pain", null)]
    [InlineData("rx2", null)]
    [InlineData("A1", null)]
    [InlineData("ABCDEFGHIJ0123456789", null)]
    [InlineData("", "Enter the code")]
    [InlineData("F", "2–20 letters")]
    [InlineData("ABCDEFGHIJ01234567890", "2–20 letters")]
    [InlineData("-PAIN", "single hyphen")]
    [InlineData("PAIN-", "single hyphen")]
    [InlineData("DENTAL--PAIN", "single hyphen")]
    [InlineData("FE VER", "single hyphen")]
    [InlineData("FIÈVRE", "single hyphen")]
    public void Codes_are_2_to_20_letters_or_digits_with_inner_hyphens(string code, string? problem)
    {
        var error = ShortKeyRules.CodeError(code);
        if (problem is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(problem, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_is_created_upper_case_with_its_lines_in_order_and_audited()
    {
        var (practice, global, own) = await PracticeWithMedicinesAsync();
        var input = Key(" /fever-2 ", shared: false, own, global);
        input.Name = "  Fever, adult ";
        input.Lines[1].Instructions = "  Only above 100 °F ";

        var id = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(input));

        var key = await practice.Practice.WithContextAsync(db => db.ShortKeys.Include(k => k.Lines).AsNoTracking().SingleAsync(k => k.Id == id));
        Assert.Equal(("FEVER-2", "Fever, adult", false, practice.Doctor.UserId),
            (key.Code, key.Name, key.IsShared, key.CreatedByUserId));
        var lines = key.Lines.OrderBy(l => l.Position).ToList();
        Assert.Equal([1, 2], lines.Select(l => l.Position));
        Assert.Equal((own.Id, (Guid?)null), (lines[0].PracticeMedicineId!.Value, lines[0].GlobalMedicineId));
        Assert.Equal((global.Id, "4 days", "Only above 100 °F"), (lines[1].GlobalMedicineId!.Value, lines[1].Duration, lines[1].Instructions));
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ShortKeyCreated);
        Assert.Equal(id.ToString(), audit.EntityId);
        Assert.Contains("/FEVER-2", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_are_unique_in_the_practice_whatever_their_case_but_another_practice_may_use_the_same()
    {
        var (practice, global, _) = await PracticeWithMedicinesAsync();
        var other = await MedicinePractice.CreateAsync(fixture);
        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("COLD", shared: true, global)));

        var taken = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.ShortKeysAs(practice.OtherDoctor).CreateAsync(Key("cold", shared: false, global)));
        Assert.Equal(ShortKeyRules.CodeTakenMessage("COLD"), taken.FieldErrors["Code"]);

        var otherGlobal = (await other.SearchAs(other.Doctor).SearchAsync(global.BrandName)).Single();
        await ChangeAssert.DoneAsync(other.ShortKeysAs(other.Doctor).CreateAsync(Key("cold", shared: false, otherGlobal)));
    }

    [Fact]
    public async Task The_rules_run_on_the_server_for_every_line()
    {
        var (practice, global, _) = await PracticeWithMedicinesAsync();
        var input = Key("X", shared: false, global, global);
        input.Name = "";
        input.Lines[0].Quantity = 0;
        input.Lines[0].Dose = new string('d', 61);
        input.Lines.Add(new ShortKeyLineInput());

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.ShortKeysAs(practice.Doctor).CreateAsync(input));

        Assert.Equal(
            new[] { "Code", "Lines[0].Dose", "Lines[0].Quantity", "Lines[1].Medicine", "Lines[2].Medicine", "Name" },
            refused.FieldErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("This medicine is already on line 1.", refused.FieldErrors["Lines[1].Medicine"]);
        Assert.Equal(ShortKeyRules.NoLinesMessage,
            (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("EMPTY", shared: false)))).FieldErrors["Lines"]);
        Assert.Empty(await practice.Practice.WithContextAsync(db => db.ShortKeys.ToListAsync()));
    }

    [Fact]
    public async Task Only_the_creator_or_an_administrator_changes_a_key_and_a_personal_key_is_nobody_elses_business()
    {
        var (practice, global, own) = await PracticeWithMedicinesAsync();
        var personal = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("MINE", shared: false, global)));
        var shared = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("OURS", shared: true, global)));
        var other = practice.ShortKeysAs(practice.OtherDoctor);

        // Another doctor: the personal key is not there for them; the shared one is seen but not theirs to change.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, other.UpdateAsync(personal, Key("MINE", shared: false, own)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, other.DeleteAsync(personal));
        Assert.Equal(ShortKeyService.NotYoursMessage, (await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, other.UpdateAsync(shared, Key("OURS", shared: true, own)))).Message);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, other.DeactivateAsync(shared));
        Assert.Null(await other.FindForEditAsync(personal));
        Assert.Null(await other.FindForEditAsync(shared));
        var seenByOther = await other.ListAsync();
        Assert.Equal(["OURS"], seenByOther.Select(k => k.Code));
        Assert.False(seenByOther.Single().MayEdit);
        // Reception writes no short keys at all.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.ShortKeysAs(practice.Receptionist).CreateAsync(Key("DESK", shared: true, global)));

        // An administrator sees and changes both.
        var admin = practice.ShortKeysAs(practice.Admin);
        Assert.Equal(["MINE", "OURS"], (await admin.ListAsync()).Select(k => k.Code));
        var opened = (await admin.FindForEditAsync(personal))!;
        var edit = Key("MINE", shared: false, own);
        edit.Version = opened.Input.Version;
        await ChangeAssert.DoneAsync(admin.UpdateAsync(personal, edit));
        await ChangeAssert.DoneAsync(admin.DeactivateAsync(shared));
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ShortKeyChanged && e.UserId == practice.Admin.UserId);

        // And the creator still can.
        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).ReactivateAsync(shared));
        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).DeleteAsync(personal));
        Assert.Equal(["OURS"], (await admin.ListAsync()).Select(k => k.Code));
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ShortKeyDeleted && e.EntityId == personal.ToString());
    }

    [Fact]
    public async Task Editing_replaces_the_lines_and_a_save_over_a_newer_change_is_stale()
    {
        var (practice, global, own) = await PracticeWithMedicinesAsync();
        var id = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("GASTRO", shared: true, global, own)));
        var opened = (await practice.ShortKeysAs(practice.Doctor).FindForEditAsync(id))!;
        Assert.Equal([global.Id, own.Id], opened.Input.Lines.Select(l => l.Medicine!.Id));
        Assert.Equal([true, true], opened.LineAvailable);

        // The admin reverses the order; the doctor's form, opened before, is then stale.
        var reversed = Key("GASTRO", shared: true, own, global);
        reversed.Version = opened.Input.Version;
        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Admin).UpdateAsync(id, reversed));
        var late = Key("GASTRO", shared: true, global);
        late.Version = opened.Input.Version;
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, practice.ShortKeysAs(practice.Doctor).UpdateAsync(id, late));

        var now = (await practice.ShortKeysAs(practice.Doctor).FindForEditAsync(id))!;
        Assert.Equal([own.Id, global.Id], now.Input.Lines.Select(l => l.Medicine!.Id));
        Assert.Equal(opened.Input.Version + 1, now.Input.Version);
        Assert.Equal(2, await practice.Practice.WithContextAsync(db => db.ShortKeyLines.CountAsync(l => l.ShortKeyId == id)));
        // Saving the same again changes nothing.
        var same = Key("GASTRO", shared: true, own, global);
        same.Version = now.Input.Version;
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, practice.ShortKeysAs(practice.Doctor).UpdateAsync(id, same));
    }

    [Fact]
    public async Task A_medicine_no_longer_offered_cannot_be_saved_in_a_key()
    {
        var (practice, global, own) = await PracticeWithMedicinesAsync();
        await ChangeAssert.DoneAsync(practice.MedicinesAs(practice.Admin).HideGlobalAsync(global.Id));
        await ChangeAssert.DoneAsync(practice.MedicinesAs(practice.Admin).DeactivateAsync(own.Id));

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("HIDDEN", shared: false, global, own)));

        Assert.Contains("no longer offered", refused.FieldErrors["Lines[0].Medicine"], StringComparison.Ordinal);
        Assert.Contains("Lines[1].Medicine", refused.FieldErrors.Keys);
    }
}

public sealed class SqliteShortKeyServiceTests(SqliteDatabaseFixture fixture)
    : ShortKeyServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresShortKeyServiceTests(PostgresDatabaseFixture fixture)
    : ShortKeyServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
