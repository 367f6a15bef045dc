using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Identity;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>
/// What a practice is offered, on both databases (PostgreSQL through search_medicines as the application role, SQLite
/// through LIKE): the catalogue less what it hid plus its own active medicines, never another practice's; the practice's
/// most prescribed first; at most 20 (or what is asked, up to 50); typed text matched literally, apostrophes either way.
/// The same visibility holds for the list and for the lookup the prescription editor saves through.
/// </summary>
public abstract class MedicineSearchTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task A_practice_sees_the_catalogue_and_its_own_less_hidden_never_another_practices_own()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        var b = await MedicinePractice.CreateAsync(fixture);
        var global = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Global");
        var hiddenByA = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Hidden");
        var withdrawn = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Withdrawn", active: false);
        var ownOfA = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Own of A");
        var inactiveOfA = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Inactive of A", active: false);
        var ownOfB = await MedicineTestData.AddOwnAsync(b.Practice, $"{tag} Own of B");
        await ChangeAssert.DoneAsync(a.MedicinesAs(a.Doctor).HideGlobalAsync(hiddenByA));

        var seenByA = await a.SearchAs(a.Doctor).SearchAsync(tag);
        var seenByB = await b.SearchAs(b.Receptionist).SearchAsync(tag);

        Assert.Equal(new[] { (true, global), (false, ownOfA) }, seenByA.Select(m => m.Reference)); // "Global" before "Own of A"
        Assert.Equal(new[] { global, hiddenByA, ownOfB }.Order(), seenByB.Select(m => m.Id).Order());
        Assert.DoesNotContain(seenByA, m => m.Id == ownOfB || m.Id == withdrawn || m.Id == inactiveOfA || m.Id == hiddenByA);

        // The page's list: A's hidden one only under "hidden", B's own nowhere, A's inactive one among its own.
        var listA = await a.ListAs(a.Receptionist).ListAsync(new MedicineListQuery(tag));
        Assert.Equal(new[] { global, inactiveOfA, ownOfA }.Order(), listA.Rows.Select(r => r.Id).Order());
        Assert.Equal([hiddenByA], (await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery(tag, MedicineListFilter.Hidden))).Rows.Select(r => r.Id));
        Assert.All((await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery(tag, MedicineListFilter.Hidden))).Rows, r => Assert.True(r.IsHidden));
        Assert.Equal(new[] { inactiveOfA, ownOfA }.Order(), (await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery(tag, MedicineListFilter.Own))).Rows.Select(r => r.Id).Order());
        Assert.Equal([global], (await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery(tag, MedicineListFilter.Global))).Rows.Select(r => r.Id));
        Assert.DoesNotContain((await b.ListAs(b.Doctor).ListAsync(new MedicineListQuery(tag))).Rows, r => r.Id == ownOfA || r.Id == inactiveOfA);

        // The editor's lookup: only what A may use now, whatever ids it is handed.
        await using var db = a.Practice.Context();
        var found = await MedicineLookup.FindAsync(db, [(true, global), (true, hiddenByA), (true, withdrawn), (false, ownOfA), (false, inactiveOfA), (false, ownOfB), (true, ownOfB)], CancellationToken.None);
        Assert.Equal(new[] { (true, global), (false, ownOfA) }, found.Keys.OrderBy(k => k.IsGlobal ? 0 : 1));
        Assert.Equal($"{tag} Own of A", found[(false, ownOfA)].BrandName);
    }

    [Fact]
    public async Task The_practices_most_prescribed_come_first_then_alphabetically()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        var b = await MedicinePractice.CreateAsync(fixture);
        var alpha = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Alpha");
        var beta = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Beta");
        var gamma = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Gamma");
        var delta = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Delta");
        await a.PrescribeAsync((false, gamma), 3);
        await a.PrescribeAsync((true, delta), 1);
        // Another practice's habits do not reorder A's list.
        await b.PrescribeAsync((true, beta), 9);

        var results = await a.SearchAs(a.Doctor).SearchAsync(tag.ToUpperInvariant());

        Assert.Equal([gamma, delta, alpha, beta], results.Select(r => r.Id));
        Assert.Equal([3, 1, 0, 0], results.Select(r => r.TimesPrescribed));
        Assert.Equal([beta, alpha, delta], (await b.SearchAs(b.Doctor).SearchAsync(tag)).Select(r => r.Id));
        var usage = await a.Practice.WithContextAsync(db => Task.FromResult(db.MedicineUsage.Single(u => u.PracticeMedicineId == gamma)));
        Assert.Equal(3, usage.TimesPrescribed);
    }

    [Fact]
    public async Task Twenty_results_by_default_and_never_more_than_fifty()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        for (var i = 0; i < 55; i++)
        {
            await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} {i:00}");
        }

        var search = a.SearchAs(a.Doctor);
        var first = await search.SearchAsync(tag);
        Assert.Equal(20, first.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{tag} {i:00}"), first.Select(r => r.BrandName));
        Assert.Equal(5, (await search.SearchAsync(tag, 5)).Count);
        Assert.Equal(MedicineSearch.MaxRows, (await search.SearchAsync(tag, 500)).Count);
        Assert.Equal(55, (await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery(tag, MedicineListFilter.Own, 0, 25))).Total);
        Assert.Equal(5, (await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery(tag, MedicineListFilter.Own, 2, 25))).Rows.Count);
    }

    [Fact]
    public async Task Fragments_match_brand_or_generic_anywhere_with_apostrophes_either_way_and_wildcards_literally()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        var apostrophe = await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} Doctor's Gripe", genericName: "Dill oil");
        var typographic = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Nature’s Balm", genericName: "Menthol");
        var percent = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Betadine 5%", genericName: "Povidone iodine");
        var zinc = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Zinc 50", genericName: "Zinc");
        var underscore = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} A_B", genericName: "Test");
        var letter = await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} AxB", genericName: "Test");
        var search = a.SearchAs(a.Doctor);
        async Task<Guid[]> FindAsync(string text) => [.. (await search.SearchAsync(text)).Select(r => r.Id)];

        Assert.Equal([apostrophe], await FindAsync($"{tag} doctor’s gripe"));
        Assert.Equal([typographic], await FindAsync($"{tag} nature's"));
        Assert.Equal([apostrophe], await FindAsync($"{tag}   DOCTOR")); // any case, spaces squeezed
        Assert.Equal([apostrophe], await FindAsync($"{tag} doctor's gripe dill")); // across brand and generic name
        Assert.Equal([percent], await FindAsync($"{tag} betadine 5%"));
        // Typed % and _ are characters, not wildcards: "zi%c" would otherwise find Zinc, "a_b" AxB.
        Assert.Empty(await FindAsync($"{tag} zi%c"));
        Assert.Equal([zinc], await FindAsync($"{tag} zinc"));
        Assert.Equal([underscore], await FindAsync($"{tag} a_b"));
        Assert.Equal([letter], await FindAsync($"{tag} axb"));
    }

    [Fact]
    public async Task Too_little_text_finds_nothing_and_a_choice_reads_as_its_label()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        await MedicineTestData.AddGlobalAsync(fixture.Db, $"{tag} 650", strength: "650 mg", schedule: MedicineSchedule.H1);
        var search = a.SearchAs(a.Doctor);

        Assert.Empty(await search.SearchAsync(null));
        Assert.Empty(await search.SearchAsync("   "));
        Assert.Empty(await search.SearchAsync("q"));
        Assert.Equal(MedicineListQueries.TooShortMessage, (await a.ListAs(a.Doctor).ListAsync(new MedicineListQuery("q"))).Problem);
        var choice = Assert.Single(await search.SearchAsync(tag));
        Assert.Equal($"{tag} 650 · Paracetamol 650 mg Tablet", choice.Label);
        Assert.Equal(MedicineSchedule.H1, choice.Schedule);
        Assert.Equal("Analgesics", choice.DrugClass);
    }

    [Fact]
    public async Task A_member_of_another_practice_cannot_search_here()
    {
        var tag = MedicineTestData.NewTag();
        var a = await MedicinePractice.CreateAsync(fixture);
        var b = await MedicinePractice.CreateAsync(fixture);
        await MedicineTestData.AddOwnAsync(a.Practice, $"{tag} Own of A");

        // B's doctor acting through A's scope: no membership here, so no search and no list.
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => a.Practice.As(b.Doctor).Get<MedicineSearch>().SearchAsync(tag));
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => a.Practice.As(b.Doctor).Get<MedicineListQueries>().ListAsync(new MedicineListQuery(tag)));
    }
}

public sealed class SqliteMedicineSearchTests(SqliteDatabaseFixture fixture)
    : MedicineSearchTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresMedicineSearchTests(PostgresDatabaseFixture fixture)
    : MedicineSearchTests(fixture), IClassFixture<PostgresDatabaseFixture>;
