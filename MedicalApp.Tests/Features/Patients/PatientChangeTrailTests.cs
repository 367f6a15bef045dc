using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// Patient changes and the audit trail on both databases (issue #9): a change that is refused, invalid, stale, over the
/// plan's limit or in a read-only practice leaves no patient row, no changed field and no audit row behind; a change
/// that is done writes exactly its audit rows, and on PostgreSQL the rows carry the transaction id of the save that
/// wrote the change itself, so the trail and the records cannot disagree. Each test has a practice of its own, so counts are exact.
/// </summary>
public abstract class PatientChangeTrailTests(PatientFixture fixture)
{
    [Fact]
    public async Task A_refused_deactivation_changes_nothing_and_writes_no_audit_row()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-refused");
        var family = await RegisterAsync(practice, owner, PatientFixture.NewMobile(), members: 1);
        var before = await SnapshotAsync(practice);
        var primaryBefore = await fixture.ReadAsync(practice, family.PatientId);

        var refused = await practice.As(owner).Get<PatientRecords>().DeactivateAsync(family.PatientId);

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.Equal(before, await SnapshotAsync(practice));
        var primary = await fixture.ReadAsync(practice, family.PatientId);
        Assert.Equal((true, primaryBefore.Version, primaryBefore.UpdatedAtUtc), (primary.IsActive, primary.Version, primary.UpdatedAtUtc));
    }

    [Fact]
    public async Task A_family_with_one_invalid_member_writes_neither_patients_nor_audit_rows()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-invalid");
        var mobile = PatientFixture.NewMobile();
        var before = await SnapshotAsync(practice);

        var result = await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", mobile: mobile),
            [PatientFixture.Person("Lakshmi", relationship: FamilyRelationship.Spouse), PatientFixture.Person("Anand", relationship: null)]);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal([PatientFields.Member(1, PatientFields.Relationship)], result.FieldErrors.Keys);
        Assert.Equal(before, await SnapshotAsync(practice));
        Assert.Empty(await fixture.FamilyAsync(practice, mobile));
    }

    [Fact]
    public async Task Members_over_the_plans_limit_are_refused_together_with_no_audit_row()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-limit");
        var mobile = PatientFixture.NewMobile();
        await RegisterAsync(practice, owner, mobile, members: 0);
        await practice.UpdateAsync(t => t.Limits.MaxPatients = 2);
        var before = await SnapshotAsync(practice);

        // The first member would fit; the second would not: neither is written.
        var result = await practice.As(owner).Get<PatientRegistration>().AddFamilyMembersAsync(mobile,
            [PatientFixture.Person("Lakshmi", relationship: FamilyRelationship.Spouse), PatientFixture.Person("Anand", relationship: FamilyRelationship.Child)]);

        Assert.Equal(ChangeOutcome.LimitReached, result.Outcome);
        Assert.Null(result.Value);
        Assert.Equal(before, await SnapshotAsync(practice));
    }

    [Fact]
    public async Task A_stale_edit_changes_nothing_and_writes_no_audit_row()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-stale");
        var family = await RegisterAsync(practice, owner, PatientFixture.NewMobile(), members: 0);
        var form = (await practice.As(owner).Get<PatientQueries>().GetAsync(family.PatientId, recordView: false))!.ToForm();
        var later = form.Copy();
        form.Address = "First address";
        later.Address = "Second address";
        Assert.Equal(ChangeOutcome.Done, (await practice.As(owner).Get<PatientRecords>().UpdateAsync(family.PatientId, form)).Outcome);
        var before = await SnapshotAsync(practice);

        var stale = await practice.As(owner).Get<PatientRecords>().UpdateAsync(family.PatientId, later);

        Assert.Equal(ChangeOutcome.Stale, stale.Outcome);
        Assert.Equal(before, await SnapshotAsync(practice));
        Assert.Equal("First address", (await fixture.ReadAsync(practice, family.PatientId)).Address);
    }

    [Fact]
    public async Task A_practice_whose_trial_ended_registers_nobody_and_records_nothing()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-ended");
        await using (var platform = fixture.Db.CreateContext(null))
        {
            (await platform.Practices.SingleAsync(t => t.Id == practice)).TrialEndsAtUtc = DateTime.UtcNow.AddDays(-1);
            await platform.SaveChangesAsync();
        }

        var before = await SnapshotAsync(practice);

        var result = await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", mobile: PatientFixture.NewMobile()));

        Assert.Equal(ChangeOutcome.ReadOnly, result.Outcome);
        Assert.Equal(before, await SnapshotAsync(practice));
    }

    [Fact]
    public async Task A_family_registration_writes_each_patient_with_its_audit_row_in_the_same_transaction()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-register");
        var before = await SnapshotAsync(practice);

        var family = await RegisterAsync(practice, owner, PatientFixture.NewMobile(), members: 2);

        var ids = family.MemberIds.Prepend(family.PatientId).ToList();
        var after = await SnapshotAsync(practice);
        Assert.Equal((before.Patients + 3, before.AuditRows + 3), (after.Patients, after.AuditRows));
        var rows = await AuditRowsAsync(practice, ids);
        Assert.Equal(ids.Order(), rows.Select(r => Guid.Parse(r.EntityId!)).Order());
        Assert.All(rows, r => Assert.Equal((AuditActions.PatientRegistered, owner.UserId), (r.Action, r.UserId)));
        await AssertWrittenTogetherAsync(practice, ids, rows);
    }

    [Fact]
    public async Task An_edit_writes_exactly_its_audit_row_with_the_change()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-edit");
        var family = await RegisterAsync(practice, owner, PatientFixture.NewMobile(), members: 0);
        var form = (await practice.As(owner).Get<PatientQueries>().GetAsync(family.PatientId, recordView: false))!.ToForm();
        form.Address = "12 Gandhi Road, Chennai";
        var before = await SnapshotAsync(practice);

        var result = await practice.As(owner).Get<PatientRecords>().UpdateAsync(family.PatientId, form);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Equal((before.Patients, before.AuditRows + 1), await SnapshotAsync(practice));
        var saved = await fixture.ReadAsync(practice, family.PatientId);
        Assert.Equal(form.Version + 1, saved.Version);
        var row = Assert.Single(await fixture.AuditAsync(practice, AuditActions.PatientUpdated, family.PatientId));
        Assert.Equal("Changed address.", row.Details);
        Assert.Equal(saved.UpdatedAtUtc, row.OccurredAtUtc);
        await AssertWrittenTogetherAsync(practice, [family.PatientId], [row]);
    }

    [Fact]
    public async Task Changing_the_primary_writes_both_members_and_one_audit_row_with_the_change()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("trail-primary");
        var family = await RegisterAsync(practice, owner, PatientFixture.NewMobile(), members: 1);
        var lakshmi = family.MemberIds[0];
        var before = await SnapshotAsync(practice);

        var result = await practice.As(owner).Get<PatientRecords>().MakePrimaryAsync(lakshmi, FamilyRelationship.Spouse);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Equal((before.Patients, before.AuditRows + 1), await SnapshotAsync(practice));
        var row = Assert.Single(await fixture.AuditAsync(practice, AuditActions.FamilyPrimaryChanged, lakshmi));
        await AssertWrittenTogetherAsync(practice, [lakshmi], [row]);
        // The former primary stepped down in a save of its own before (one active primary at every moment), inside the same change.
        var ravi = await fixture.ReadAsync(practice, family.PatientId);
        Assert.Equal((false, FamilyRelationship.Spouse, 1), (ravi.IsPrimary, ravi.Relationship, ravi.Version));
    }

    private async Task<RegisteredPatients> RegisterAsync(TestPractice practice, TestMember owner, string mobile, int members)
    {
        var others = new[] { ("Lakshmi", FamilyRelationship.Spouse), ("Anand", FamilyRelationship.Child) }.Take(members)
            .Select(m => PatientFixture.Person(m.Item1, relationship: m.Item2)).ToList();
        var result = await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", mobile: mobile), others);
        Assert.True(result.Succeeded, result.Summary());
        return result.Value!.Registered!;
    }

    /// <summary>How many patients and audit rows the practice has: what a change that left nothing behind did not move.</summary>
    private Task<(int Patients, int AuditRows)> SnapshotAsync(Guid practice) =>
        fixture.InPracticeAsync(practice, async db => (await db.Patients.CountAsync(), await db.AuditEvents.CountAsync()));

    private Task<List<AuditEvent>> AuditRowsAsync(Guid practice, IReadOnlyList<Guid> patientIds)
    {
        var keys = patientIds.Select(id => id.ToString()).ToList();
        return fixture.InPracticeAsync(practice, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(Patient) && keys.Contains(e.EntityId!)).ToListAsync());
    }

    /// <summary>
    /// PostgreSQL stamps each row version with the id of the (sub)transaction that wrote it (xmin; EF Core's save inside
    /// the change's transaction is a savepoint): the patients and the audit rows written by the change's one save carry
    /// the same one. SQLite has no such stamp; there the counts around the change are the evidence.
    /// </summary>
    private async Task AssertWrittenTogetherAsync(Guid practice, IReadOnlyList<Guid> patientIds, IReadOnlyList<AuditEvent> auditRows)
    {
        if (fixture.Db.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var auditIds = auditRows.Select(r => r.Id).ToList();
        var writers = await fixture.InPracticeAsync(practice, async db =>
        {
            var patients = await db.Database.SqlQuery<string>($"""SELECT xmin::text AS "Value" FROM "Patients" WHERE "Id" = ANY({patientIds.ToArray()})""").ToListAsync();
            var audits = await db.Database.SqlQuery<string>($"""SELECT xmin::text AS "Value" FROM "AuditEvents" WHERE "Id" = ANY({auditIds.ToArray()})""").ToListAsync();
            return patients.Concat(audits).ToList();
        });

        Assert.Equal(patientIds.Count + auditIds.Count, writers.Count);
        Assert.Single(writers.Distinct());
    }
}

public sealed class SqlitePatientChangeTrailTests(SqlitePatientFixture fixture)
    : PatientChangeTrailTests(fixture), IClassFixture<SqlitePatientFixture>;

public sealed class PostgresPatientChangeTrailTests(PostgresPatientFixture fixture)
    : PatientChangeTrailTests(fixture), IClassFixture<PostgresPatientFixture>;
