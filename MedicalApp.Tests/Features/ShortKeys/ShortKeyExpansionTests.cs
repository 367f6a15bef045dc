using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Medicines;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.ShortKeys;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.ShortKeys;

/// <summary>
/// The prescription editor's side of short keys, on both databases: who may use which key, what it expands to (order
/// and defaults, medicines no longer offered left out and named), and counting uses.
/// </summary>
public abstract class ShortKeyExpansionTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_key_expands_to_its_lines_in_order_with_their_defaults()
    {
        var (practice, global, own) = await PracticeWithMedicinesAsync();
        var input = new ShortKeyInput
        {
            Code = "POST-EXT",
            Name = "After an extraction",
            IsShared = true,
            Lines =
            [
                new() { Medicine = own, Dose = "10 ml", Frequency = "0-1-1", Duration = "7 days", Timing = MedicineTiming.AfterFood, Instructions = "Rinse and spit", Quantity = 1 },
                new() { Medicine = global, Dose = "1 tablet", Frequency = "1-0-1", Duration = "3 days", Timing = MedicineTiming.AsNeeded },
            ],
        };
        var id = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(input));

        await using var db = practice.Practice.Context();
        var expanded = await ShortKeyExpansion.ExpandAsync(db, await practice.ActorAsync(practice.OtherDoctor), "/post-ext", CancellationToken.None);

        Assert.NotNull(expanded);
        Assert.Equal((id, "POST-EXT", "After an extraction"), (expanded.Id, expanded.Code, expanded.Name));
        Assert.Empty(expanded.LeftOut);
        Assert.Equal([(false, own.Id), (true, global.Id)], expanded.Lines.Select(l => l.Reference));
        var first = expanded.Lines[0];
        Assert.Equal(("10 ml", "0-1-1", "7 days", MedicineTiming.AfterFood, "Rinse and spit", (int?)1),
            (first.Dose, first.Frequency, first.Duration, first.Timing, first.Instructions, first.Quantity));
        Assert.Equal(own.BrandName, first.Medicine.BrandName);
        Assert.Equal((MedicineTiming.AsNeeded, (int?)null, (string?)null), (expanded.Lines[1].Timing, expanded.Lines[1].Quantity, expanded.Lines[1].Instructions));
    }

    [Fact]
    public async Task A_personal_key_expands_for_its_creator_only_and_no_key_for_those_who_do_not_prescribe()
    {
        var (practice, global, _) = await PracticeWithMedicinesAsync();
        var other = await MedicinePractice.CreateAsync(fixture);
        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("MYFEVER", shared: false, global)));
        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Admin).CreateAsync(Key("SHARED", shared: true, global)));
        await using var db = practice.Practice.Context();
        Task<ShortKeyExpanded?> ExpandAsync(MedicalApp.Web.Identity.PracticeActor actor, string code) =>
            ShortKeyExpansion.ExpandAsync(db, actor, code, CancellationToken.None);

        var creator = await practice.ActorAsync(practice.Doctor);
        var colleague = await practice.ActorAsync(practice.OtherDoctor);
        Assert.NotNull(await ExpandAsync(creator, "myfever"));
        Assert.Null(await ExpandAsync(colleague, "MYFEVER"));
        Assert.NotNull(await ExpandAsync(colleague, "SHARED"));
        Assert.Equal(["MYFEVER", "SHARED"], (await ShortKeyExpansion.OffersAsync(db, creator, CancellationToken.None)).Select(o => o.Code));
        Assert.Equal(["SHARED"], (await ShortKeyExpansion.OffersAsync(db, colleague, CancellationToken.None)).Select(o => o.Code));
        // The administrator who created the shared key does not prescribe; reception neither.
        Assert.Null(await ExpandAsync(await practice.ActorAsync(practice.Admin), "SHARED"));
        Assert.Null(await ExpandAsync(await practice.ActorAsync(practice.Receptionist), "SHARED"));
        Assert.Null(await ExpandAsync(creator, "NOSUCHKEY"));
        Assert.Null(await ExpandAsync(creator, "/"));
        // A doctor of another practice, with this practice's context, gets nothing.
        Assert.Null(await ExpandAsync(await other.ActorAsync(other.Doctor), "SHARED"));
    }

    [Fact]
    public async Task Lines_whose_medicine_is_no_longer_offered_are_left_out_and_named_and_a_deactivated_key_expands_to_nothing()
    {
        var (practice, global, own) = await PracticeWithMedicinesAsync();
        var id = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("TWO", shared: true, global, own)));
        await ChangeAssert.DoneAsync(practice.MedicinesAs(practice.Admin).HideGlobalAsync(global.Id));
        var doctor = await practice.ActorAsync(practice.Doctor);

        await using (var db = practice.Practice.Context())
        {
            var expanded = (await ShortKeyExpansion.ExpandAsync(db, doctor, "TWO", CancellationToken.None))!;
            Assert.Equal([own.Id], expanded.Lines.Select(l => l.Medicine.Id));
            Assert.Equal([global.Label], expanded.LeftOut);
        }

        // The editor shows the hidden line as unavailable.
        Assert.Equal([false, true], (await practice.ShortKeysAs(practice.Doctor).FindForEditAsync(id))!.LineAvailable);

        await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).DeactivateAsync(id));
        await using (var db = practice.Practice.Context())
        {
            Assert.Null(await ShortKeyExpansion.ExpandAsync(db, doctor, "TWO", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Each_use_counts_without_moving_the_keys_version()
    {
        var (practice, global, _) = await PracticeWithMedicinesAsync();
        var id = await ChangeAssert.DoneAsync(practice.ShortKeysAs(practice.Doctor).CreateAsync(Key("USED", shared: true, global)));
        var versionBefore = (await practice.ShortKeysAs(practice.Doctor).FindForEditAsync(id))!.Input.Version;
        var now = new DateTime(2026, 12, 5, 10, 30, 0, DateTimeKind.Utc);

        await using (var db = practice.Practice.Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await ShortKeyExpansion.RecordUseAsync(db, id, now, CancellationToken.None));
            Assert.True(await ShortKeyExpansion.RecordUseAsync(db, id, now.AddMinutes(5), CancellationToken.None));
            Assert.False(await ShortKeyExpansion.RecordUseAsync(db, Guid.NewGuid(), now, CancellationToken.None));
            await transaction.CommitAsync();
        }

        var row = Assert.Single(await practice.ShortKeysAs(practice.Doctor).ListAsync());
        Assert.Equal((2, now.AddMinutes(5)), (row.TimesUsed, row.LastUsedAtUtc));
        Assert.Equal(versionBefore, row.Version);
    }

    private async Task<(MedicinePractice Practice, MedicineChoice Global, MedicineChoice Own)> PracticeWithMedicinesAsync()
    {
        var tag = MedicineTestData.NewTag();
        var practice = await MedicinePractice.CreateAsync(fixture);
        await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Ketorol DT", "Ketorolac", "10 mg");
        await MedicineTestData.AddOwnAsync(practice.Practice, $"{tag} Gum rinse", "Chlorhexidine", "0.2%", "Mouthwash");
        var found = await practice.SearchAs(practice.Doctor).SearchAsync(tag);
        return (practice, found.Single(m => m.IsGlobal), found.Single(m => !m.IsGlobal));
    }

    private static ShortKeyInput Key(string code, bool shared, params MedicineChoice[] medicines) => new()
    {
        Code = code,
        Name = $"Key {code}",
        IsShared = shared,
        Lines = [.. medicines.Select(m => new ShortKeyLineInput { Medicine = m, Dose = "1 tablet", Frequency = "1-0-1", Duration = "3 days" })],
    };
}

public sealed class SqliteShortKeyExpansionTests(SqliteDatabaseFixture fixture)
    : ShortKeyExpansionTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresShortKeyExpansionTests(PostgresDatabaseFixture fixture)
    : ShortKeyExpansionTests(fixture), IClassFixture<PostgresDatabaseFixture>;
