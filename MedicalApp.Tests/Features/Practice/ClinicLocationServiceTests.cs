using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Practice;
using MedicalApp.Web.Validation;

namespace MedicalApp.Tests.Features.Practice;

/// <summary>Clinic locations through their service, on both databases: rules, protection, plan limits, isolation.</summary>
public abstract class ClinicLocationServiceTests(PracticeDatabaseFixture fixture)
{
    [Fact]
    public async Task Each_field_is_validated_and_nothing_is_saved_when_one_is_wrong()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = new ClinicLocationInput { Name = "A", Address = "  ", Phone = "12345", Timings = new string('x', 201) };

        var refused = await Assert.ThrowsAsync<PracticeAdminValidationException>(() => practice.Locations.AddAsync(input, practice.Admin));

        Assert.Equal(new[] { "Address", "Name", "Phone", "Timings" }, refused.FieldErrors.Keys.Order());
        Assert.Equal("The name must be at least 2 characters.", refused.FieldErrors["Name"]);
        Assert.Equal("Enter the location's address.", refused.FieldErrors["Address"]);
        Assert.Single(await practice.LocationRowsAsync()); // the registered location only

        var tooLong = PracticeUnderTest.NewLocation(new string('n', 201));
        Assert.Contains("Name", (await Assert.ThrowsAsync<PracticeAdminValidationException>(() => practice.Locations.AddAsync(tooLong, practice.Admin))).FieldErrors.Keys);
        var longAddress = PracticeUnderTest.NewLocation("Velachery");
        longAddress.Address = new string('a', 501);
        Assert.Contains("Address", (await Assert.ThrowsAsync<PracticeAdminValidationException>(() => practice.Locations.AddAsync(longAddress, practice.Admin))).FieldErrors.Keys);
    }

    [Fact]
    public async Task A_location_is_added_with_tidied_values_and_an_audit_event()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var input = new ClinicLocationInput { Name = "  Adyar clinic ", Address = " 3 Lattice Bridge Road, Adyar ", Phone = " +91  98400 12345 ", Timings = "  " };

        var id = await practice.Locations.AddAsync(input, practice.Admin);

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
        var id = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("T. Nagar", phone: "+91 44   2434 2002"), practice.Owner);
        Assert.Equal("+91 44 2434 2002", Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id).Phone);
    }

    [Fact]
    public async Task Names_are_unique_among_active_locations_whatever_their_case()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var first = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Anna Nagar"), practice.Admin);

        var duplicate = await Assert.ThrowsAsync<PracticeAdminValidationException>(
            () => practice.Locations.AddAsync(PracticeUnderTest.NewLocation("  anna NAGAR "), practice.Admin));
        Assert.Contains("already called", duplicate.FieldErrors["Name"], StringComparison.Ordinal);

        // An inactive location's name is free again; bringing the old one back would then clash.
        await practice.Locations.DeactivateAsync(first, practice.Admin);
        var second = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Anna Nagar"), practice.Admin);
        var clash = await Assert.ThrowsAsync<PracticeAdminValidationException>(() => practice.Locations.ReactivateAsync(first, practice.Admin));
        Assert.Contains("Name", clash.FieldErrors.Keys);
        Assert.False(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == first).IsActive);
        Assert.True(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == second).IsActive);
    }

    [Fact]
    public async Task Editing_changes_the_fields_keeps_the_own_name_and_refuses_another_locations_name()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var id = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Velachery"), practice.Admin);

        await practice.Locations.UpdateAsync(id, new ClinicLocationInput
        {
            Name = "VELACHERY", Address = "7 Taramani Link Road", Phone = "044-2243 5566", Timings = "Mon–Fri 10:00–18:00",
        }, practice.Admin);

        var row = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        Assert.Equal(("VELACHERY", "7 Taramani Link Road", "044-2243 5566", "Mon–Fri 10:00–18:00"), (row.Name, row.Address, row.Phone, row.Timings));
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationChanged && e.EntityId == id.ToString());

        var taken = await Assert.ThrowsAsync<PracticeAdminValidationException>(
            () => practice.Locations.UpdateAsync(id, PracticeUnderTest.NewLocation("main clinic"), practice.Admin));
        Assert.Contains("Name", taken.FieldErrors.Keys);
        Assert.Equal("VELACHERY", Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id).Name);
    }

    [Fact]
    public async Task A_save_over_another_admins_newer_change_is_refused_and_keeps_their_change()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var id = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Adyar"), practice.Admin);
        // Both admins open the same location.
        var opened = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        var first = new ClinicLocationInput { Name = "Adyar", Address = "2 Gandhi Nagar", Version = opened.Version };
        var second = new ClinicLocationInput { Name = "Adyar Main", Address = opened.Address, Version = opened.Version };

        await practice.Locations.UpdateAsync(id, first, practice.Admin);
        var refused = await Assert.ThrowsAsync<PracticeAdminRefusedException>(() => practice.Locations.UpdateAsync(id, second, practice.Owner));

        Assert.Equal(StaleEdit.Message("location"), refused.Message);
        var saved = Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id);
        Assert.Equal(("Adyar", "2 Gandhi Nagar", opened.Version + 1), (saved.Name, saved.Address, saved.Version));
        // Opened again, the second admin's change goes through.
        await practice.Locations.UpdateAsync(id, new ClinicLocationInput { Name = "Adyar Main", Address = saved.Address, Version = saved.Version }, practice.Owner);
        Assert.Equal("Adyar Main", Assert.Single(await practice.LocationRowsAsync(), l => l.Id == id).Name);
    }

    [Fact]
    public async Task The_list_shows_active_locations_first_with_the_registered_one_leading()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var zeta = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Zeta clinic"), practice.Admin);
        var alpha = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Alpha clinic"), practice.Admin);
        await practice.Locations.DeactivateAsync(alpha, practice.Admin);

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
        await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Second clinic"), practice.Admin);

        var refused = await Assert.ThrowsAsync<PracticeAdminRefusedException>(
            () => practice.Locations.DeactivateAsync(practice.RegisteredLocationId!.Value, practice.Owner));

        Assert.Equal(ClinicLocationService.RegisteredLocationMessage, refused.Message);
        Assert.True(Assert.Single(await practice.LocationRowsAsync(), l => l.IsRegisteredLocation).IsActive);
    }

    [Fact]
    public async Task The_last_active_location_cannot_be_deactivated()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, withRegisteredLocation: false);
        var first = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("First clinic"), practice.Admin);
        var second = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Second clinic"), practice.Admin);
        await practice.Locations.DeactivateAsync(first, practice.Admin);

        var refused = await Assert.ThrowsAsync<PracticeAdminRefusedException>(() => practice.Locations.DeactivateAsync(second, practice.Admin));

        Assert.Equal(ClinicLocationService.LastActiveLocationMessage, refused.Message);
        Assert.True(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == second).IsActive);
    }

    [Fact]
    public async Task A_trial_practice_has_room_for_one_location_only()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);

        var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(
            () => practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Second clinic"), practice.Owner));

        Assert.Contains("Your Trial plan allows 1 clinic location — upgrade to add more", refused.Message, StringComparison.Ordinal);
        Assert.Single(await practice.LocationRowsAsync());
        Assert.False((await practice.Locations.ListAsync()).HasRoomForAnother);
    }

    [Fact]
    public async Task Reactivating_counts_against_the_plan_limit()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        var old = await practice.InsertLocationAsync("Old branch", active: false);

        var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(() => practice.Locations.ReactivateAsync(old, practice.Owner));
        Assert.Contains("1 clinic location", refused.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == old).IsActive);

        // On Basic (3 locations) the same location comes back.
        var basic = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Basic);
        var branch = await basic.Locations.AddAsync(PracticeUnderTest.NewLocation("Branch"), basic.Admin);
        await basic.Locations.DeactivateAsync(branch, basic.Admin);
        await basic.Locations.ReactivateAsync(branch, basic.Admin);
        Assert.True(Assert.Single(await basic.LocationRowsAsync(), l => l.Id == branch).IsActive);
        Assert.Contains(await basic.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationReactivated && e.EntityId == branch.ToString());
    }

    [Fact]
    public async Task A_location_where_doctors_practise_can_be_deactivated_and_says_how_many()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var branch = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Branch"), practice.Admin);
        await practice.AddDoctorAtAsync(branch, practice.RegisteredLocationId!.Value);
        await practice.AddDoctorAtAsync(branch);

        Assert.Equal(2, await practice.Locations.CountDoctorsAtAsync(branch));
        Assert.Equal(2, (await practice.Locations.ListAsync()).Locations.Single(l => l.Id == branch).DoctorCount);
        Assert.Equal(1, (await practice.Locations.FindAsync(practice.RegisteredLocationId!.Value))!.DoctorCount);

        await practice.Locations.DeactivateAsync(branch, practice.Admin);

        Assert.False(Assert.Single(await practice.LocationRowsAsync(), l => l.Id == branch).IsActive);
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.ClinicLocationDeactivated);
        Assert.Contains("2 doctors", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_who_are_not_administrators_are_refused_on_the_server()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var branch = await practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Branch"), practice.Admin);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Another"), practice.Receptionist));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => practice.Locations.UpdateAsync(branch, PracticeUnderTest.NewLocation("Renamed"), practice.Receptionist));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => practice.Locations.DeactivateAsync(branch, practice.Receptionist));

        Assert.Equal(new[] { "Branch", "Main clinic" }, (await practice.LocationRowsAsync()).Where(l => l.IsActive).Select(l => l.Name).Order());
    }

    [Fact]
    public async Task A_read_only_practice_cannot_add_or_change_locations()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        var old = await practice.InsertLocationAsync("Old branch", active: false);
        await practice.EndTrialAsync();

        // The read-only reason comes first, not the plan limit the Trial practice is also at.
        await Assert.ThrowsAsync<PracticeReadOnlyException>(() => practice.Locations.AddAsync(PracticeUnderTest.NewLocation("Branch"), practice.Owner));
        await Assert.ThrowsAsync<PracticeReadOnlyException>(() => practice.Locations.ReactivateAsync(old, practice.Owner));
        await Assert.ThrowsAsync<PracticeReadOnlyException>(
            () => practice.Locations.UpdateAsync(practice.RegisteredLocationId!.Value, PracticeUnderTest.NewLocation("Renamed"), practice.Owner));

        Assert.Equal("Main clinic", Assert.Single(await practice.LocationRowsAsync(), l => l.IsActive).Name);
        Assert.True((await practice.Locations.ListAsync()).IsReadOnly);
    }

    [Fact]
    public async Task Another_practice_cannot_read_edit_deactivate_or_reactivate_a_location_by_id()
    {
        var a = await PracticeUnderTest.CreateAsync(fixture);
        var b = await PracticeUnderTest.CreateAsync(fixture);
        var branch = await a.Locations.AddAsync(PracticeUnderTest.NewLocation("Branch of A"), a.Admin);
        var inactive = await a.InsertLocationAsync("Closed branch of A", active: false);

        Assert.Null(await b.Locations.FindAsync(branch));
        Assert.DoesNotContain((await b.Locations.ListAsync()).Locations, l => l.Id == branch || l.Name.Contains("of A", StringComparison.Ordinal));
        Assert.Equal(0, await b.Locations.CountDoctorsAtAsync(branch));
        Assert.Equal(ClinicLocationService.NotFoundMessage, (await Assert.ThrowsAsync<PracticeAdminRefusedException>(
            () => b.Locations.UpdateAsync(branch, PracticeUnderTest.NewLocation("Taken over"), b.Admin))).Message);
        await Assert.ThrowsAsync<PracticeAdminRefusedException>(() => b.Locations.DeactivateAsync(branch, b.Admin));
        await Assert.ThrowsAsync<PracticeAdminRefusedException>(() => b.Locations.ReactivateAsync(inactive, b.Admin));
        // A's own administrator is no administrator of B.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => b.Locations.AddAsync(PracticeUnderTest.NewLocation("Sneaky"), a.Admin));

        var rows = await a.LocationRowsAsync();
        Assert.Equal(("Branch of A", true), rows.Where(l => l.Id == branch).Select(l => (l.Name, l.IsActive)).Single());
        Assert.False(rows.Single(l => l.Id == inactive).IsActive);
        Assert.Single(await b.LocationRowsAsync());
    }
}

public sealed class SqliteClinicLocationServiceTests(SqlitePracticeDatabaseFixture fixture)
    : ClinicLocationServiceTests(fixture), IClassFixture<SqlitePracticeDatabaseFixture>;

public sealed class PostgresClinicLocationServiceTests(PostgresPracticeDatabaseFixture fixture)
    : ClinicLocationServiceTests(fixture), IClassFixture<PostgresPracticeDatabaseFixture>;
