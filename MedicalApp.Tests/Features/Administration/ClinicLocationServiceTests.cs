using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>Clinic locations through their service, on both databases: rules, protection, plan limits, isolation.</summary>
public abstract class ClinicLocationServiceTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Each_field_is_validated_and_nothing_is_saved_when_one_is_wrong()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = new ClinicLocationInput { Name = "A", Address = "  ", Phone = "12345", Timings = new string('x', 201) };

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.LocationsAs(practice.Admin).AddAsync(input));

        Assert.Equal(new[] { "Address", "Name", "Phone", "Timings" }, refused.FieldErrors.Keys.Order());
        Assert.Equal("The name must be at least 2 characters.", refused.FieldErrors["Name"]);
        Assert.Equal("Enter the location's address.", refused.FieldErrors["Address"]);
        Assert.Single(await practice.LocationRowsAsync()); // the registered location only

        var tooLong = PracticeUnderTest.NewLocation(new string('n', 201));
        Assert.Contains("Name", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.LocationsAs(practice.Admin).AddAsync(tooLong))).FieldErrors.Keys);
        var longAddress = PracticeUnderTest.NewLocation("Velachery");
        longAddress.Address = new string('a', 501);
        Assert.Contains("Address", (await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.LocationsAs(practice.Admin).AddAsync(longAddress))).FieldErrors.Keys);
    }

    [Fact]
    public async Task A_location_is_added_with_tidied_values_and_an_audit_event()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = new ClinicLocationInput { Name = "  Adyar clinic ", Address = " 3 Lattice Bridge Road, Adyar ", Phone = " +91  98400 12345 ", Timings = "  " };

        var id = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(input));

        var row = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        Assert.Equal("Adyar clinic", row.Name);
        Assert.Equal("3 Lattice Bridge Road, Adyar", row.Address);
        Assert.Equal("+91 98400 12345", row.Phone);
        Assert.Null(row.Timings);
        Assert.True(row.IsActive);
        Assert.False(row.IsRegisteredLocation);
        var added = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationAdded);
        Assert.Equal(id.ToString(), added.EntityId);
        Assert.Equal(practice.Admin.UserId, added.UserId);
    }

    [Fact]
    public async Task A_landline_is_kept_as_written()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Owner).AddAsync(PracticeUnderTest.NewLocation("T. Nagar", phone: "+91 44   2434 2002")));
        Assert.Equal("+91 44 2434 2002", Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id).Phone);
    }

    [Fact]
    public async Task Names_are_unique_among_active_locations_whatever_their_case()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var first = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Anna Nagar")));

        var duplicate = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("  anna NAGAR ")));
        Assert.Contains("already called", duplicate.FieldErrors["Name"], StringComparison.Ordinal);

        // An inactive location's name is free again; bringing the old one back would then clash.
        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).DeactivateAsync(first));
        var second = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Anna Nagar")));
        var clash = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.LocationsAs(practice.Admin).ReactivateAsync(first));
        Assert.Contains("Name", clash.FieldErrors.Keys);
        Assert.False(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == first).IsActive);
        Assert.True(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == second).IsActive);
    }

    [Fact]
    public async Task Editing_changes_the_fields_keeps_the_own_name_and_refuses_another_locations_name()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Velachery")));

        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).UpdateAsync(id, new ClinicLocationInput
        {
            Name = "VELACHERY", Address = "7 Taramani Link Road", Phone = "044-2243 5566", Timings = "Mon–Fri 10:00–18:00",
        }));

        var row = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        Assert.Equal(("VELACHERY", "7 Taramani Link Road", "044-2243 5566", "Mon–Fri 10:00–18:00"), (row.Name, row.Address, row.Phone, row.Timings));
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationChanged && e.EntityId == id.ToString());

        var taken = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.LocationsAs(practice.Admin).UpdateAsync(id, PracticeUnderTest.NewLocation("main clinic")));
        Assert.Contains("Name", taken.FieldErrors.Keys);
        Assert.Equal("VELACHERY", Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id).Name);
    }

    [Fact]
    public async Task A_save_over_another_admins_newer_change_is_refused_and_keeps_their_change()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Adyar")));
        // Both admins open the same location.
        var opened = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        var first = new ClinicLocationInput { Name = "Adyar", Address = "2 Gandhi Nagar", Version = opened.Version };
        var second = new ClinicLocationInput { Name = "Adyar Main", Address = opened.Address, Version = opened.Version };

        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).UpdateAsync(id, first));
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, practice.LocationsAs(practice.Owner).UpdateAsync(id, second));

        Assert.Equal(ChangeResult.StaleMessage("location"), refused.Message);
        var saved = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        Assert.Equal(("Adyar", "2 Gandhi Nagar", opened.Version + 1), (saved.Name, saved.Address, saved.Version));
        // Opened again, the second admin's change goes through.
        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Owner).UpdateAsync(id, new ClinicLocationInput { Name = "Adyar Main", Address = saved.Address, Version = saved.Version }));
        Assert.Equal("Adyar Main", Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id).Name);
    }

    [Fact]
    public async Task The_list_shows_active_locations_first_with_the_registered_one_leading()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var zeta = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Zeta clinic")));
        var alpha = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Alpha clinic")));
        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).DeactivateAsync(alpha));

        var list = await practice.Locations.ListAsync();

        Assert.Equal(new[] { practice.RegisteredLocationId!.Value, zeta, alpha }, list.Locations.Select(l => l.Id));
        Assert.Equal(2, list.ActiveCount);
        Assert.Equal(3, list.MaxActiveLocations);
        Assert.Equal("Basic", list.PlanName);
        Assert.False(list.IsReadOnly);
    }

    [Fact]
    public async Task The_registered_location_cannot_be_deactivated()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Second clinic")));

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, practice.LocationsAs(practice.Owner).DeactivateAsync(practice.RegisteredLocationId!.Value));

        Assert.Equal(ClinicLocationService.RegisteredLocationMessage, refused.Message);
        Assert.True(Assert.Single(await practice.LocationRowsAsync(), l => l.IsRegisteredLocation).IsActive);
    }

    [Fact]
    public async Task The_last_active_location_cannot_be_deactivated()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, withRegisteredLocation: false);
        var first = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("First clinic")));
        var second = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Second clinic")));
        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).DeactivateAsync(first));

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, practice.LocationsAs(practice.Admin).DeactivateAsync(second));

        Assert.Equal(ClinicLocationService.LastActiveLocationMessage, refused.Message);
        Assert.True(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == second).IsActive);
    }

    [Fact]
    public async Task A_trial_practice_has_room_for_one_location_only()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.LimitReached, practice.LocationsAs(practice.Owner).AddAsync(PracticeUnderTest.NewLocation("Second clinic")));

        Assert.Contains("Your Trial plan allows 1 clinic location — upgrade to add more", refused.Message, StringComparison.Ordinal);
        Assert.Single(await practice.LocationRowsAsync());
        Assert.False((await practice.Locations.ListAsync()).HasRoomForAnother);
    }

    [Fact]
    public async Task Reactivating_counts_against_the_plan_limit()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        var old = await practice.Practice.AddLocationAsync("Old branch", active: false);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.LimitReached, practice.LocationsAs(practice.Owner).ReactivateAsync(old));
        Assert.Contains("1 clinic location", refused.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == old).IsActive);

        // On Basic (3 locations) the same location comes back.
        var basic = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Basic);
        var branch = await ChangeAssert.DoneAsync(basic.LocationsAs(basic.Admin).AddAsync(PracticeUnderTest.NewLocation("Branch")));
        await ChangeAssert.DoneAsync(basic.LocationsAs(basic.Admin).DeactivateAsync(branch));
        await ChangeAssert.DoneAsync(basic.LocationsAs(basic.Admin).ReactivateAsync(branch));
        Assert.True(Assert.Single(await basic.LocationRowsAsync(), l => l.Id == branch).IsActive);
        Assert.Contains(await basic.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationReactivated && e.EntityId == branch.ToString());
    }

    [Fact]
    public async Task A_location_where_doctors_practise_can_be_deactivated_and_says_how_many()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var branch = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Branch")));
        await practice.Practice.AddDoctorAsync(locations: [branch, practice.RegisteredLocationId!.Value]);
        await practice.Practice.AddDoctorAsync(locations: [branch]);

        Assert.Equal(2, await practice.Locations.CountDoctorsAtAsync(branch));
        Assert.Equal(2, (await practice.Locations.ListAsync()).Locations.Single(l => l.Id == branch).DoctorCount);
        Assert.Equal(1, (await practice.Locations.FindAsync(practice.RegisteredLocationId!.Value))!.DoctorCount);

        await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).DeactivateAsync(branch));

        Assert.False(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == branch).IsActive);
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationDeactivated);
        Assert.Contains("2 doctors", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_who_are_not_administrators_are_refused_on_the_server()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var branch = await ChangeAssert.DoneAsync(practice.LocationsAs(practice.Admin).AddAsync(PracticeUnderTest.NewLocation("Branch")));

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.LocationsAs(practice.Receptionist).AddAsync(PracticeUnderTest.NewLocation("Another")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.LocationsAs(practice.Receptionist).UpdateAsync(branch, PracticeUnderTest.NewLocation("Renamed")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.LocationsAs(practice.Receptionist).DeactivateAsync(branch));

        Assert.Equal(new[] { "Branch", "Main clinic" }, (await practice.LocationRowsAsync()).Where(l => l.IsActive).Select(l => l.Name).Order());
    }

    [Fact]
    public async Task A_read_only_practice_cannot_add_or_change_locations()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        var old = await practice.Practice.AddLocationAsync("Old branch", active: false);
        await practice.Practice.EndTrialAsync();

        // The read-only reason comes first, not the plan limit the Trial practice is also at.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.LocationsAs(practice.Owner).AddAsync(PracticeUnderTest.NewLocation("Branch")));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.LocationsAs(practice.Owner).ReactivateAsync(old));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.LocationsAs(practice.Owner).UpdateAsync(practice.RegisteredLocationId!.Value, PracticeUnderTest.NewLocation("Renamed")));

        Assert.Equal("Main clinic", Assert.Single(await practice.LocationRowsAsync(), l => l.IsActive).Name);
        Assert.True((await practice.Locations.ListAsync()).IsReadOnly);
    }

    [Fact]
    public async Task Another_practice_cannot_read_edit_deactivate_or_reactivate_a_location_by_id()
    {
        var a = await PracticeUnderTest.CreateAsync(fixture);
        var b = await PracticeUnderTest.CreateAsync(fixture);
        var branch = await ChangeAssert.DoneAsync(a.LocationsAs(a.Admin).AddAsync(PracticeUnderTest.NewLocation("Branch of A")));
        var inactive = await a.Practice.AddLocationAsync("Closed branch of A", active: false);

        Assert.Null(await b.Locations.FindAsync(branch));
        Assert.DoesNotContain((await b.Locations.ListAsync()).Locations, l => l.Id == branch || l.Name.Contains("of A", StringComparison.Ordinal));
        Assert.Equal(0, await b.Locations.CountDoctorsAtAsync(branch));
        Assert.Equal(ClinicLocationService.NotFoundMessage, (await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, b.LocationsAs(b.Admin).UpdateAsync(branch, PracticeUnderTest.NewLocation("Taken over")))).Message);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, b.LocationsAs(b.Admin).DeactivateAsync(branch));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, b.LocationsAs(b.Admin).ReactivateAsync(inactive));
        // A's own administrator is no administrator of B.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, b.LocationsAs(a.Admin).AddAsync(PracticeUnderTest.NewLocation("Sneaky")));

        var rows = await a.LocationRowsAsync();
        Assert.Equal(("Branch of A", true), rows.Where(l => l.Id == branch).Select(l => (l.Name, l.IsActive)).Single());
        Assert.False(rows.Single(l => l.Id == inactive).IsActive);
        Assert.Single(await b.LocationRowsAsync());
    }
}

public sealed class SqliteClinicLocationServiceTests(SqliteDatabaseFixture fixture)
    : ClinicLocationServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresClinicLocationServiceTests(PostgresDatabaseFixture fixture)
    : ClinicLocationServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
