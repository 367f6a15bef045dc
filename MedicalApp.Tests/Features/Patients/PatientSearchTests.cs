using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// Patient search on both databases (the PostgreSQL function and SQLite's LIKE give the same answers): name
/// fragments, mobile digits, the minimum lengths, filters, paging, wildcards typed by the user, and never a patient
/// of another practice.
/// </summary>
public abstract class PatientSearchTests(PatientFixture fixture)
{
    private sealed record Practice(TestPractice Id, TestMember Owner, PatientQueries Queries);

    private async Task<Practice> PracticeWithFamiliesAsync()
    {
        var (id, owner) = await fixture.NewPracticeAsync("search");
        var registration = id.As(owner).Get<PatientRegistration>();
        await RegisterAsync(registration, "9876543210", ("Ravi", "Kumar", Gender.Male, 41),
            ("Lakshmi", "Kumar", Gender.Female, 38), ("Kavitha", "Kumar", Gender.Female, 12));
        await RegisterAsync(registration, "9123456789", ("Arun", "Raman", Gender.Male, 65), ("Meena", "Raman", Gender.Female, 60));
        await RegisterAsync(registration, "8012345678", ("Priya", "Sharma", Gender.Female, 29));
        await RegisterAsync(registration, "7012398700", ("Suresh", "Pillai", Gender.Male, 5));
        return new Practice(id, owner, id.As(owner).Get<PatientQueries>());
    }

    private static async Task RegisterAsync(PatientRegistration registration, string mobile,
        (string First, string Last, Gender Gender, int Age) primary, params (string First, string Last, Gender Gender, int Age)[] members)
    {
        var result = await registration.RegisterFamilyAsync(PatientFixture.Person(primary.First, primary.Last, mobile, gender: primary.Gender, born: PatientFixture.Today.AddYears(-primary.Age).AddDays(-10)),
            [.. members.Select(m => PatientFixture.Person(m.First, m.Last, relationship: FamilyRelationship.Other, gender: m.Gender, age: m.Age))]);
        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
    }

    private static async Task<List<string>> NamesAsync(Practice practice, string text, PatientSearchFilters? filters = null)
    {
        var page = await practice.Queries.SearchAsync(text, filters);
        Assert.True(page.Searched, page.Message);
        return [.. page.Rows.Select(r => r.FullName)];
    }

    [Fact]
    public async Task A_name_fragment_finds_first_and_last_names_in_any_case_alphabetically()
    {
        var practice = await PracticeWithFamiliesAsync();

        Assert.Equal(["Kavitha Kumar", "Ravi Kumar"], await NamesAsync(practice, "AVI"));
        Assert.Equal(["Arun Raman", "Meena Raman"], await NamesAsync(practice, "raman"));
        Assert.Equal(["Ravi Kumar"], await NamesAsync(practice, "  ravi   kum "));
        Assert.Empty(await NamesAsync(practice, "xyz"));
    }

    [Fact]
    public async Task Two_letters_match_the_start_of_a_word()
    {
        var practice = await PracticeWithFamiliesAsync();

        Assert.Equal(["Arun Raman", "Meena Raman", "Ravi Kumar"], await NamesAsync(practice, "Ra"));
        Assert.Equal(["Priya Sharma"], await NamesAsync(practice, "sh"));
        // Inside a word two letters are not enough: "av" is in Ravi and Kavitha, but starts no word.
        Assert.Empty(await NamesAsync(practice, "av"));
    }

    [Fact]
    public async Task Mobile_digits_find_the_family_anywhere_in_the_number()
    {
        var practice = await PracticeWithFamiliesAsync();

        Assert.Equal(["Kavitha Kumar", "Lakshmi Kumar", "Ravi Kumar"], await NamesAsync(practice, "98765"));
        Assert.Equal(["Arun Raman", "Meena Raman", "Priya Sharma"], await NamesAsync(practice, "2345"));
        Assert.Equal(["Kavitha Kumar", "Lakshmi Kumar", "Ravi Kumar"], await NamesAsync(practice, "+91 98765 43210"));
        Assert.Equal(["Suresh Pillai"], await NamesAsync(practice, "98700"));
        Assert.Equal(["Ravi Kumar"], await NamesAsync(practice, "ravi 43210"));
        var row = (await practice.Queries.SearchAsync("Priya")).Rows.Single();
        Assert.Equal(("8012345678", "••••5678", 29, Gender.Female, true), (row.Mobile, row.MobileEnding, row.Age, row.Gender, row.IsPrimary));
    }

    [Theory]
    [InlineData("r")]
    [InlineData("98")]
    [InlineData("ravi 9")]
    [InlineData("r.")]
    public async Task Too_short_a_query_searches_nothing_and_says_what_is_needed(string text)
    {
        var practice = await PracticeWithFamiliesAsync();

        var page = await practice.Queries.SearchAsync(text);

        Assert.False(page.Searched);
        Assert.Empty(page.Rows);
        Assert.Equal("Type at least 2 letters of a name or 3 digits of a mobile number.", page.Message);
    }

    [Fact]
    public async Task Empty_text_lists_everyone_alphabetically()
    {
        var practice = await PracticeWithFamiliesAsync();

        var page = await practice.Queries.SearchAsync("");

        Assert.Equal(7, page.TotalCount);
        Assert.Equal("Arun Raman", page.Rows[0].FullName);
        Assert.Equal("Suresh Pillai", page.Rows[^1].FullName);
    }

    [Fact]
    public async Task A_typographic_apostrophe_and_a_straight_one_find_each_other()
    {
        var practice = await PracticeWithFamiliesAsync();
        await RegisterAsync(practice.Id.As(practice.Owner).Get<PatientRegistration>(), "9000012345", ("Anita", "D’Souza", Gender.Female, 33));
        await RegisterAsync(practice.Id.As(practice.Owner).Get<PatientRegistration>(), "9000012346", ("Roy", "O'Brien", Gender.Male, 50));

        Assert.Equal(["Anita D’Souza"], await NamesAsync(practice, "d'souza"));
        Assert.Equal(["Anita D’Souza"], await NamesAsync(practice, "D’Souza"));
        Assert.Equal(["Roy O'Brien"], await NamesAsync(practice, "o’brien"));
        Assert.Equal(["Roy O'Brien"], await NamesAsync(practice, "O‘Brien"));
    }

    [Fact]
    public async Task Wildcards_typed_by_the_user_match_literally()
    {
        var practice = await PracticeWithFamiliesAsync();

        Assert.Empty(await NamesAsync(practice, "ra_i"));
        Assert.Empty(await NamesAsync(practice, "r%vi"));
        Assert.Empty(await NamesAsync(practice, "ra\\vi"));
        Assert.Equal(["Ravi Kumar"], await NamesAsync(practice, "ravi"));
    }

    [Fact]
    public async Task Gender_and_age_filters_narrow_the_results()
    {
        var practice = await PracticeWithFamiliesAsync();

        Assert.Equal(["Kavitha Kumar", "Lakshmi Kumar"], await NamesAsync(practice, "kumar", new(Gender: Gender.Female)));
        Assert.Equal(["Lakshmi Kumar", "Ravi Kumar"], await NamesAsync(practice, "kumar", new(MinAge: 18)));
        Assert.Equal(["Kavitha Kumar"], await NamesAsync(practice, "kumar", new(MaxAge: 17)));
        // Ages recorded without a date of birth (Meena, 60) and with one (Arun, 65) both count.
        Assert.Equal(["Arun Raman", "Meena Raman"], await NamesAsync(practice, "", new(MinAge: 60, MaxAge: 65)));
        Assert.Equal(["Meena Raman"], await NamesAsync(practice, "", new(MinAge: 60, MaxAge: 60)));
        Assert.Equal(["Suresh Pillai"], await NamesAsync(practice, "", new(Gender.Male, 0, 10)));

        var wrong = await practice.Queries.SearchAsync("kumar", new(MinAge: 40, MaxAge: 20));
        Assert.False(wrong.Searched);
        Assert.Equal("The lowest age must not be above the highest.", wrong.Message);
    }

    [Fact]
    public async Task Inactive_patients_are_found_only_when_asked_for()
    {
        var practice = await PracticeWithFamiliesAsync();
        var priya = (await practice.Queries.SearchAsync("priya")).Rows.Single();
        Assert.True((await practice.Id.As(practice.Owner).Get<PatientRecords>().DeactivateAsync(priya.Id)).Succeeded);

        Assert.Empty(await NamesAsync(practice, "priya"));
        Assert.Equal(["Priya Sharma"], await NamesAsync(practice, "priya", new(Status: PatientStatusFilter.Inactive)));
        Assert.Equal(["Kavitha Kumar", "Priya Sharma", "Suresh Pillai"], await NamesAsync(practice, "", new(Status: PatientStatusFilter.All, MaxAge: 30)));
        Assert.False((await practice.Queries.SearchAsync("priya", new(Status: PatientStatusFilter.All))).Rows.Single().IsActive);
    }

    [Fact]
    public async Task Results_come_twenty_to_a_page()
    {
        var (id, owner) = await fixture.NewPracticeAsync("paging");
        var queries = id.As(owner).Get<PatientQueries>();
        for (var family = 0; family < 5; family++)
        {
            var members = Enumerable.Range(1, 4).Select(i => PatientFixture.Person($"Devi {(char)('a' + family)}{(char)('a' + i)}", "Nair",
                relationship: FamilyRelationship.Child, age: 10)).ToList();
            var result = await id.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person($"Devi {(char)('a' + family)}a", "Nair", PatientFixture.NewMobile()), members);
            Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        }

        var first = await queries.SearchAsync("devi");
        var second = await queries.SearchAsync("devi", page: 2);
        var beyond = await queries.SearchAsync("devi", page: 3);

        Assert.Equal((25, 2, 20), (first.TotalCount, first.PageCount, first.Rows.Count));
        Assert.Equal("Devi aa Nair", first.Rows[0].FullName);
        Assert.Equal(5, second.Rows.Count);
        Assert.Equal("Devi ee Nair", second.Rows[^1].FullName);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.Empty(beyond.Rows);
    }

    [Fact]
    public async Task Large_results_are_counted_up_to_the_limit_and_still_come_alphabetically()
    {
        var (id, owner) = await fixture.NewPracticeAsync("many");
        await fixture.InPracticeAsync(id, db =>
        {
            for (var i = 0; i < PatientQueries.CountLimit + 5; i++)
            {
                var first = $"Lotus {(char)('a' + i / 26 % 26)}{(char)('a' + i % 26)}";
                db.Patients.Add(new Patient
                {
                    FirstName = first, LastName = "Menon", FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} menon".ToLowerInvariant(),
                    DateOfBirth = new DateOnly(1990, 1, 1), Gender = Gender.Female, Mobile = PatientFixture.NewMobile(), IsPrimary = true,
                    Relationship = FamilyRelationship.Self, IsActive = true, CreatedAtUtc = DateTime.UtcNow,
                });
            }

            return db.SaveChangesAsync();
        });
        var queries = id.As(owner).Get<PatientQueries>();

        var first = await queries.SearchAsync("lotus");
        var last = await queries.SearchAsync("lotus", page: 11);

        Assert.Equal((PatientQueries.CountLimit, true, 10), (first.TotalCount, first.TotalIsLowerBound, first.PageCount));
        Assert.Equal(["Lotus aa Menon", "Lotus ab Menon"], first.Rows.Take(2).Select(r => r.FullName));
        Assert.Equal(PatientQueries.PageSize, first.Rows.Count);
        Assert.Equal(["Lotus hs Menon", "Lotus ht Menon"], last.Rows.Take(2).Select(r => r.FullName)); // the 201st and on
        Assert.Equal(5, last.Rows.Count);
    }

    [Fact]
    public async Task Search_never_returns_another_practices_patients()
    {
        var practice = await PracticeWithFamiliesAsync();
        var mine = (await practice.Queries.SearchAsync("")).Rows.Select(r => r.Id).ToHashSet();
        var other = await PracticeWithFamiliesAsync();

        foreach (var text in new[] { "", "ravi", "ra", "98765", "kumar 43210" })
        {
            foreach (var status in Enum.GetValues<PatientStatusFilter>())
            {
                var rows = (await other.Queries.SearchAsync(text, new(Status: status))).Rows;
                Assert.DoesNotContain(rows, r => mine.Contains(r.Id));
            }
        }

        Assert.Equal(7, (await other.Queries.SearchAsync("")).TotalCount);
    }
}

public sealed class SqlitePatientSearchTests(SqlitePatientFixture fixture)
    : PatientSearchTests(fixture), IClassFixture<SqlitePatientFixture>;

public sealed class PostgresPatientSearchTests(PostgresPatientFixture fixture)
    : PatientSearchTests(fixture), IClassFixture<PostgresPatientFixture>;
