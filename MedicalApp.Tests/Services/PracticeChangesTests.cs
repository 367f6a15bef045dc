using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.Features.Administration;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Tests.Services;

/// <summary>
/// The frame every practice change runs in, on both databases: the change and its audit row are written together or
/// not at all, whatever way the change fails, and a change that saves cannot skip the trail.
/// </summary>
public abstract class PracticeChangesTests(DatabaseFixture fixture)
{
    private static readonly ChangeRule AnyMember = new(Permission: null);

    [Fact]
    public async Task A_done_change_writes_its_record_and_its_audit_row_in_one_commit()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var afterCommit = 0;

        var result = await practice.ChangesAs(practice.Admin).RunAsync<Guid>(AnyMember, change =>
        {
            var id = AddLocation(change, "Adyar");
            change.Audit("TestChange", nameof(ClinicLocation), id, "Added Adyar.");
            change.AfterCommit(() => afterCommit++);
            return Task.FromResult(ChangeResult<Guid>.Done(id));
        });

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Contains(await practice.LocationRowsAsync(), l => l.Id == result.Value);
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == "TestChange");
        Assert.Equal((practice.Admin.UserId, result.Value.ToString()), (audit.UserId, audit.EntityId));
        Assert.Equal(1, afterCommit);
    }

    [Theory]
    [InlineData(ChangeOutcome.Invalid)]
    [InlineData(ChangeOutcome.Refused)]
    [InlineData(ChangeOutcome.Stale)]
    [InlineData(ChangeOutcome.Unchanged)]
    public async Task A_change_that_is_not_done_leaves_neither_its_record_nor_an_audit_row(ChangeOutcome outcome)
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var (afterCommit, undone) = (0, 0);

        var result = await practice.ChangesAs(practice.Admin).RunAsync(AnyMember, change =>
        {
            var id = AddLocation(change, "Adyar");
            change.Audit("TestChange", nameof(ClinicLocation), id, "Added Adyar.");
            change.AfterCommit(() => afterCommit++);
            change.IfNotSaved(() => undone++);
            return Task.FromResult(outcome switch
            {
                ChangeOutcome.Invalid => ChangeResult.Invalid("Name", "Not this name."),
                ChangeOutcome.Refused => ChangeResult.Refused("Not now."),
                ChangeOutcome.Stale => ChangeResult.Stale("location"),
                _ => ChangeResult.Unchanged(),
            });
        });

        Assert.Equal(outcome, result.Outcome);
        await AssertNothingWrittenAsync(practice);
        Assert.Equal((0, 1), (afterCommit, undone));
    }

    [Fact]
    public async Task A_change_that_throws_leaves_nothing_and_the_fault_reaches_the_caller()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var undone = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => practice.ChangesAs(practice.Admin).RunAsync(AnyMember, change =>
        {
            var id = AddLocation(change, "Adyar");
            change.Audit("TestChange", nameof(ClinicLocation), id, "Added Adyar.");
            change.IfNotSaved(() => undone++);
            throw new InvalidOperationException("A fault inside the change.");
        }));

        await AssertNothingWrittenAsync(practice);
        Assert.Equal(1, undone);
    }

    [Fact]
    public async Task A_save_the_database_refuses_writes_no_audit_row_either()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var existing = practice.RegisteredLocationId!.Value;

        // The same key twice: the change's own save fails at the database, after the audit row was added.
        await Assert.ThrowsAnyAsync<Exception>(() => practice.ChangesAs(practice.Admin).RunAsync(AnyMember, change =>
        {
            change.Db.ClinicLocations.Add(new ClinicLocation { Id = existing, Name = "Duplicate", Address = "1 Main Road", IsActive = true, CreatedAtUtc = change.NowUtc });
            change.Audit("TestChange", nameof(ClinicLocation), existing, "Added a duplicate.");
            return Task.FromResult(ChangeResult.Done());
        }));

        Assert.DoesNotContain(await practice.AuditEventsAsync(), e => e.Action == "TestChange");
        Assert.Single(await practice.LocationRowsAsync());
    }

    [Fact]
    public async Task A_change_that_saves_without_saying_what_it_did_is_a_fault_and_saves_nothing()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => practice.ChangesAs(practice.Admin).RunAsync(AnyMember, change =>
        {
            AddLocation(change, "Adyar");
            return Task.FromResult(ChangeResult.Done());
        }));

        Assert.Contains("audit", fault.Message, StringComparison.OrdinalIgnoreCase);
        await AssertNothingWrittenAsync(practice);
    }

    [Fact]
    public async Task The_actor_and_the_practice_state_are_decided_before_the_change_runs()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        var ran = 0;
        Task<ChangeResult> Change(PracticeChange change)
        {
            ran++;
            change.Audit("TestChange", null, null, null);
            return Task.FromResult(ChangeResult.Done());
        }

        var byReceptionist = await practice.ChangesAs(practice.Receptionist).RunAsync(new ChangeRule(PracticePermission.ManageLocations, "Administrators only."), Change);
        Assert.Equal((ChangeOutcome.Forbidden, "Administrators only."), (byReceptionist.Outcome, byReceptionist.Message));

        await practice.Practice.EndTrialAsync();
        var readOnly = await practice.ChangesAs(practice.Admin).RunAsync(AnyMember, Change);
        Assert.Equal((ChangeOutcome.ReadOnly, PracticeAccess.ReadOnlyMessage), (readOnly.Outcome, readOnly.Message));
        Assert.Equal(0, ran);

        // A change that continues a read-only practice (choosing a plan, protecting sign-in) is let through.
        var allowed = await practice.ChangesAs(practice.Admin).RunAsync(AnyMember with { AllowedWhenReadOnly = true }, Change);
        Assert.Equal((ChangeOutcome.Done, 1), (allowed.Outcome, ran));
        Assert.Single(await practice.AuditEventsAsync(), e => e.Action == "TestChange");
    }

    [Fact]
    public async Task A_plan_limit_inside_the_change_becomes_its_outcome_and_nothing_is_written()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial); // one location allowed, one used

        var result = await practice.ChangesAs(practice.Owner).RunAsync(AnyMember, async change =>
        {
            await change.EnsureRoomForAsync(LimitedResource.ClinicLocations);
            var id = AddLocation(change, "Second clinic");
            change.Audit("TestChange", nameof(ClinicLocation), id, "Added a second clinic.");
            return ChangeResult.Done();
        });

        Assert.Equal(ChangeOutcome.LimitReached, result.Outcome);
        Assert.Contains("upgrade", result.Message, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(practice);
    }

    private static Guid AddLocation(PracticeChange change, string name)
    {
        var location = new ClinicLocation { Name = name, Address = "1 Main Road", IsActive = true, CreatedAtUtc = change.NowUtc };
        change.Db.ClinicLocations.Add(location);
        return location.Id;
    }

    private static async Task AssertNothingWrittenAsync(PracticeUnderTest practice)
    {
        Assert.DoesNotContain(await practice.AuditEventsAsync(), e => e.Action == "TestChange");
        Assert.Equal([practice.RegisteredLocationId!.Value], (await practice.LocationRowsAsync()).Select(l => l.Id));
    }
}

public sealed class SqlitePracticeChangesTests(SqliteDatabaseFixture fixture)
    : PracticeChangesTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPracticeChangesTests(PostgresDatabaseFixture fixture)
    : PracticeChangesTests(fixture), IClassFixture<PostgresDatabaseFixture>;
