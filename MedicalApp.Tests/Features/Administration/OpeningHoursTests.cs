using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>
/// Structured opening hours of a location, on both databases: validation on the server (the dialog runs the same
/// rules), saving with the location in one transaction, the printed timings written from them, the doctors' hours
/// warning, and another practice's location refused.
/// </summary>
public abstract class OpeningHoursTests(DatabaseFixture fixture)
{
    private static OpeningPeriodInput Period(DayOfWeek day, string opens, string closes) => new() { Day = day, Opens = opens, Closes = closes };

    private static List<OpeningPeriodInput> SplitWeek() =>
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday }
            .SelectMany(d => new[] { Period(d, "09:00", "13:00"), Period(d, "17:00", "21:00") }),
    ];

    [Fact]
    public async Task Closing_before_opening_and_overlapping_periods_are_refused_next_to_their_day_and_nothing_is_saved()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = PracticeUnderTest.NewLocation("Adyar");
        input.OpeningHours = [Period(DayOfWeek.Monday, "13:00", "09:00"), Period(DayOfWeek.Tuesday, "09:00", "13:00"), Period(DayOfWeek.Tuesday, "12:00", "18:00"),
            Period(DayOfWeek.Wednesday, "9 am", "13:00")];

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.Locations.AddAsync(input));

        Assert.Equal("Monday: 13:00 must be before 09:00 (opening before closing).", refused.FieldErrors[OpeningHoursRules.DayKey(DayOfWeek.Monday)]);
        Assert.Equal("Tuesday: 09:00–13:00 and 12:00–18:00 overlap.", refused.FieldErrors[OpeningHoursRules.DayKey(DayOfWeek.Tuesday)]);
        Assert.Contains("HH:mm", refused.FieldErrors[OpeningHoursRules.DayKey(DayOfWeek.Wednesday)], StringComparison.Ordinal);
        Assert.Single(await practice.LocationRowsAsync());
        Assert.Equal(0, await practice.Practice.WithContextAsync(db => db.LocationOpeningHours.CountAsync()));
    }

    [Fact]
    public async Task Hours_are_saved_with_the_location_and_the_printed_timings_are_written_from_them()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = PracticeUnderTest.NewLocation("Adyar");
        input.Timings = "ignored once hours are structured";
        input.OpeningHours = SplitWeek();

        var id = await ChangeAssert.DoneAsync(practice.Locations.AddAsync(input));

        var row = (await practice.Locations.FindAsync(id))!;
        Assert.Equal("Mon–Sat 09:00–13:00, 17:00–21:00", row.Timings);
        Assert.Equal(12, row.OpeningHours.Count);
        Assert.Equal(new OpeningPeriod(DayOfWeek.Monday, new(9, 0), new(13, 0)), row.OpeningHours[0]);

        // Saturday's evening goes and Sunday opens in the morning: replaced as a whole, audited, timings rewritten.
        var edit = new ClinicLocationInput
        {
            Name = row.Name, Address = row.Address, Version = row.Version,
            OpeningHours = [.. SplitWeek().Where(p => !(p.Day == DayOfWeek.Saturday && p.Opens == "17:00")), Period(DayOfWeek.Sunday, "10:00", "12:00")],
        };
        await ChangeAssert.DoneAsync(practice.Locations.UpdateAsync(id, edit));

        row = (await practice.Locations.FindAsync(id))!;
        Assert.Equal("Mon–Fri 09:00–13:00, 17:00–21:00; Sat 09:00–13:00; Sun 10:00–12:00", row.Timings);
        Assert.Equal(12, row.OpeningHours.Count);
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationChanged && e.Details!.Contains("opening hours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_location_without_structured_hours_keeps_its_free_text_timings()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = PracticeUnderTest.NewLocation("Velachery");
        input.Timings = "By appointment";

        var id = await ChangeAssert.DoneAsync(practice.Locations.AddAsync(input));

        var row = (await practice.Locations.FindAsync(id))!;
        Assert.Equal("By appointment", row.Timings);
        Assert.Empty(row.OpeningHours);
    }

    [Fact]
    public void Doctor_hours_outside_the_opening_hours_are_warned_about_and_inside_ones_are_not()
    {
        IReadOnlyList<OpeningPeriod> opening = [new(DayOfWeek.Monday, new(9, 0), new(13, 0)), new(DayOfWeek.Monday, new(17, 0), new(21, 0))];

        var warnings = OpeningHoursRules.OutsideOpening("Anna Nagar", opening,
        [
            (DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
            (DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(14, 0)),
            (DayOfWeek.Sunday, new TimeOnly(10, 0), new TimeOnly(12, 0)),
        ]);

        Assert.Equal(
        [
            "Mon 12:00–14:00 is outside Anna Nagar's opening hours (09:00–13:00, 17:00–21:00).",
            "Sun 10:00–12:00: Anna Nagar is closed on Sundays.",
        ], warnings);
        Assert.Empty(OpeningHoursRules.OutsideOpening("Anna Nagar", [], [(DayOfWeek.Sunday, new TimeOnly(10, 0), new TimeOnly(12, 0))]));
    }

    [Fact]
    public async Task Another_practice_cannot_read_or_change_our_opening_hours()
    {
        var ours = await PracticeUnderTest.CreateAsync(fixture);
        var theirs = await PracticeUnderTest.CreateAsync(fixture);
        var input = PracticeUnderTest.NewLocation("Adyar");
        input.OpeningHours = SplitWeek();
        var id = await ChangeAssert.DoneAsync(ours.Locations.AddAsync(input));

        var attack = PracticeUnderTest.NewLocation("Taken over");
        attack.OpeningHours = [Period(DayOfWeek.Monday, "00:00", "23:00")];
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, theirs.Locations.UpdateAsync(id, attack));

        Assert.Null(await theirs.Locations.FindAsync(id));
        Assert.DoesNotContain(id, (await theirs.Practice.As(theirs.Owner).Get<ClinicLocationService>().OpeningHoursAsync()).Keys);
        Assert.Equal(12, (await ours.Locations.FindAsync(id))!.OpeningHours.Count);
    }
}

public sealed class SqliteOpeningHoursTests(SqliteDatabaseFixture fixture)
    : OpeningHoursTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresOpeningHoursTests(PostgresDatabaseFixture fixture)
    : OpeningHoursTests(fixture), IClassFixture<PostgresDatabaseFixture>;
