using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// The patient record on both databases: what the patient page reads (and that reading it is audited), edits by
/// role, optimistic concurrency, deactivation and reactivation, changing a family's primary member, and that
/// practice B can neither read nor change practice A's patients by id.
/// </summary>
public abstract class PatientRecordTests(PatientFixture fixture)
{
    private PatientQueries QueriesA => fixture.PracticeA.As(fixture.OwnerA).Get<PatientQueries>();

    private PatientRecords RecordsA => fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>();

    private async Task<(RegisteredPatients Family, string Mobile)> RegisterFamilyAsync(TestMember? editor = null, string? allergies = "Penicillin")
    {
        var mobile = PatientFixture.NewMobile();
        var primary = PatientFixture.Person("Ravi", "Kumar", mobile);
        primary.Allergies = allergies;
        primary.ChronicConditions = "Type 2 diabetes";
        primary.BloodGroup = "O+";
        var result = await fixture.PracticeA.As(editor ?? fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(primary,
        [
            PatientFixture.Person("Lakshmi", relationship: FamilyRelationship.Spouse, gender: Gender.Female, born: new DateOnly(1988, 3, 11)),
            PatientFixture.Person("Anand", relationship: FamilyRelationship.Child, age: 8),
        ]);
        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        return (result.Value!.Registered!, mobile);
    }

    // ---------- Reading ----------

    [Fact]
    public async Task The_patient_page_reads_the_record_family_and_visits_and_each_view_is_audited()
    {
        var (family, _) = await RegisterFamilyAsync();
        var lakshmiId = family.MemberIds[0];
        var location = await fixture.PracticeA.AddLocationAsync("Anna Nagar");
        var doctor = (await fixture.PracticeA.AddDoctorAsync(fullName: "Vikram Iyer")).Id;
        await fixture.PracticeA.AddAppointmentAsync(doctor, location, lakshmiId, new DateTime(2026, 3, 1, 4, 0, 0, DateTimeKind.Utc), status: AppointmentStatus.Completed, number: "APT-20260301-0001", reason: "Fever");
        await fixture.PracticeA.AddAppointmentAsync(doctor, location, lakshmiId, new DateTime(2026, 3, 12, 12, 30, 0, DateTimeKind.Utc), status: AppointmentStatus.Scheduled, number: "APT-20260312-0002", reason: "Fever");
        await fixture.PracticeA.AddAppointmentAsync(doctor, location, family.PatientId, new DateTime(2026, 3, 5, 4, 0, 0, DateTimeKind.Utc), status: AppointmentStatus.Completed, number: "APT-20260305-0003", reason: "Fever");
        var nurse = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Nurse);

        var details = await fixture.PracticeA.As(nurse).Get<PatientQueries>().GetAsync(lakshmiId);
        await fixture.PracticeA.As(fixture.OwnerA).Get<PatientQueries>().GetAsync(lakshmiId);

        Assert.NotNull(details);
        Assert.Equal(("Lakshmi Kumar", FamilyRelationship.Spouse, false), (details.FullName, details.Relationship, details.IsPrimary));
        // Born 11 March 1988: 38 on the practice's today (the 11th in Chennai) although it is still the 10th in UTC.
        Assert.Equal(38, details.Age);
        Assert.Equal(["Ravi Kumar", "Anand Kumar"], details.Family.Select(m => m.FullName));
        Assert.True(details.Family[0].IsPrimary);
        Assert.Equal(8, details.Family[1].Age);
        Assert.Equal(["APT-20260312-0002", "APT-20260301-0001"], details.Visits.Select(v => v.Number));
        var next = details.Visits[0];
        Assert.Equal((new DateTime(2026, 3, 12, 18, 0, 0), "Vikram Iyer", "Anna Nagar", AppointmentStatus.Scheduled),
            (next.StartsAtLocal, next.DoctorName, next.LocationName, next.Status));

        var views = await fixture.AuditAsync(fixture.PracticeA, AuditActions.PatientViewed, lakshmiId);
        Assert.Equal(2, views.Count);
        Assert.Equal([nurse.UserId, fixture.OwnerA.UserId], views.OrderBy(v => v.Id).Select(v => v.UserId));
    }

    [Fact]
    public async Task A_picker_shows_a_chosen_active_patient_with_age_gender_mobile_ending_and_relationship()
    {
        var (family, mobile) = await RegisterFamilyAsync();
        var anand = family.MemberIds[1];

        var primary = await QueriesA.FindPickAsync(family.PatientId);
        var child = await QueriesA.FindPickAsync(anand);
        await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().DeactivateAsync(anand);

        Assert.Equal(new PatientPick(family.PatientId, "Ravi Kumar", $"40 y · Male · ••••{mobile[^4..]}"), primary);
        Assert.Equal(new PatientPick(anand, "Anand Kumar", $"8 y · Male · ••••{mobile[^4..]} · Child"), child);
        // Nobody books a former patient.
        Assert.Null(await QueriesA.FindPickAsync(anand));
        Assert.Null(await QueriesA.FindPickAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task The_family_page_lists_active_members_primary_first_then_former_members()
    {
        var (family, mobile) = await RegisterFamilyAsync();
        await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().DeactivateAsync(family.MemberIds[1]);

        var view = await QueriesA.GetFamilyAsync($"+91 {mobile}");

        Assert.NotNull(view);
        Assert.Equal(mobile, view.Mobile);
        Assert.Equal(["Ravi Kumar", "Lakshmi Kumar", "Anand Kumar"], view.Members.Select(m => m.FullName));
        Assert.Equal([true, true, false], view.Members.Select(m => m.IsActive));
        Assert.Equal("Ravi Kumar", view.Primary!.FullName);
        Assert.Equal(2, view.ActiveCount);
        Assert.Null(await QueriesA.GetFamilyAsync(PatientFixture.NewMobile()));
        Assert.Null(await QueriesA.GetFamilyAsync("not a number"));
    }

    // ---------- Editing ----------

    [Fact]
    public async Task A_doctor_edits_every_field_and_the_change_is_audited_by_field_name()
    {
        var (family, _) = await RegisterFamilyAsync();
        var id = family.MemberIds[1];
        var doctor = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Doctor);
        var details = (await fixture.PracticeA.As(doctor).Get<PatientQueries>().GetAsync(id))!;
        var form = details.ToForm();
        form.FirstName = "Anandh";
        form.AgeYears = null;
        form.DateOfBirth = new DateOnly(2017, 8, 1);
        form.Relationship = FamilyRelationship.Grandchild;
        form.Allergies = "Peanuts";
        form.Notes = "Asthmatic as a baby.";

        var result = await fixture.PracticeA.As(doctor).Get<PatientRecords>().UpdateAsync(id, form);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        var saved = await fixture.ReadAsync(fixture.PracticeA, id);
        Assert.Equal(("Anandh", "anandh", "anandh kumar"), (saved.FirstName, saved.FirstNameKey, saved.SearchName));
        Assert.Equal((new DateOnly(2017, 8, 1), (int?)null, (DateOnly?)null), (saved.DateOfBirth, saved.AgeYears, saved.AgeRecordedOn));
        Assert.Equal((FamilyRelationship.Grandchild, "Peanuts", "Asthmatic as a baby."), (saved.Relationship, saved.Allergies, saved.Notes));
        var entry = Assert.Single(await fixture.AuditAsync(fixture.PracticeA, AuditActions.PatientUpdated, id));
        Assert.Equal("Changed first name, date of birth, relationship, allergies, notes.", entry.Details);
        Assert.DoesNotContain("Peanuts", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receptionist_edits_demographics_but_not_medical_details()
    {
        var (family, _) = await RegisterFamilyAsync();
        var id = family.PatientId;
        var receptionist = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var form = (await fixture.PracticeA.As(receptionist).Get<PatientQueries>().GetAsync(id))!.ToForm();
        form.Address = "12 Gandhi Road, Chennai";
        form.Email = "ravi@example.in";

        var demographics = await fixture.PracticeA.As(receptionist).Get<PatientRecords>().UpdateAsync(id, form);
        Assert.True(demographics.Succeeded, string.Join("; ", demographics.AllMessages()));

        form = (await fixture.PracticeA.As(receptionist).Get<PatientQueries>().GetAsync(id))!.ToForm();
        form.Allergies = "None";
        form.BloodGroup = "A+";
        var medical = await fixture.PracticeA.As(receptionist).Get<PatientRecords>().UpdateAsync(id, form);

        Assert.Equal(ChangeOutcome.Invalid, medical.Outcome);
        Assert.Equal([PatientFields.Allergies, PatientFields.BloodGroup], medical.FieldErrors.Keys.Order());
        Assert.Equal(PatientRules.MedicalDetailsRefusal, medical.FieldErrors[PatientFields.Allergies]);
        var saved = await fixture.ReadAsync(fixture.PracticeA, id);
        Assert.Equal(("Penicillin", "O+", "12 Gandhi Road, Chennai"), (saved.Allergies, saved.BloodGroup, saved.Address));
    }

    [Fact]
    public async Task A_nurse_views_but_cannot_edit()
    {
        var (family, _) = await RegisterFamilyAsync();
        var nurse = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Nurse);
        var form = (await fixture.PracticeA.As(nurse).Get<PatientQueries>().GetAsync(family.PatientId))!.ToForm();
        form.LastName = "Changed";

        var result = await fixture.PracticeA.As(nurse).Get<PatientRecords>().UpdateAsync(family.PatientId, form);

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
        Assert.Equal("Kumar", (await fixture.ReadAsync(fixture.PracticeA, family.PatientId)).LastName);
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_change_is_refused()
    {
        var (family, _) = await RegisterFamilyAsync();
        var id = family.PatientId;
        var first = (await fixture.PracticeA.As(fixture.OwnerA).Get<PatientQueries>().GetAsync(id))!.ToForm();
        var second = first.Copy();
        first.Address = "First address";
        second.Address = "Second address";

        Assert.True((await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().UpdateAsync(id, first)).Succeeded);
        var stale = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().UpdateAsync(id, second);

        Assert.Equal(ChangeOutcome.Stale, stale.Outcome);
        Assert.Equal(ChangeResult.StaleMessage("patient's record"), stale.Message);
        Assert.Equal("First address", (await fixture.ReadAsync(fixture.PracticeA, id)).Address);
    }

    [Fact]
    public async Task A_rename_to_another_members_first_name_or_a_new_mobile_is_refused()
    {
        var (family, _) = await RegisterFamilyAsync();
        var id = family.MemberIds[0];
        var form = (await fixture.PracticeA.As(fixture.OwnerA).Get<PatientQueries>().GetAsync(id))!.ToForm();
        form.FirstName = "RAVI";

        var rename = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().UpdateAsync(id, form);
        form.FirstName = "Lakshmi";
        form.Mobile = PatientFixture.NewMobile();
        var move = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().UpdateAsync(id, form);

        Assert.Equal(PatientRules.IdentityTakenMessage("RAVI"), rename.FieldErrors[PatientFields.FirstName]);
        Assert.Equal(PatientRules.MobileFixedMessage, move.FieldErrors[PatientFields.Mobile]);
        Assert.Equal("Lakshmi", (await fixture.ReadAsync(fixture.PracticeA, id)).FirstName);
    }

    [Fact]
    public async Task An_unchanged_age_keeps_the_day_it_was_recorded()
    {
        var (family, _) = await RegisterFamilyAsync();
        var anand = family.MemberIds[1];
        var form = (await fixture.PracticeA.As(fixture.OwnerA, new FakeTimeProvider(PatientFixture.Now.AddDays(400))).Get<PatientQueries>().GetAsync(anand))!.ToForm();
        Assert.Equal(9, form.AgeYears);
        form.LastName = "Kumaran";

        Assert.True((await fixture.PracticeA.As(fixture.OwnerA, new FakeTimeProvider(PatientFixture.Now.AddDays(400))).Get<PatientRecords>().UpdateAsync(anand, form)).Succeeded);

        var saved = await fixture.ReadAsync(fixture.PracticeA, anand);
        Assert.Equal((8, PatientFixture.Today), (saved.AgeYears!.Value, saved.AgeRecordedOn!.Value));
    }

    // ---------- Deactivating, reactivating, primary ----------

    [Fact]
    public async Task Only_administrators_deactivate_and_a_primary_with_active_members_is_refused()
    {
        var (family, _) = await RegisterFamilyAsync();
        var receptionist = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var admin = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Admin);

        var byReception = await fixture.PracticeA.As(receptionist).Get<PatientRecords>().DeactivateAsync(family.MemberIds[1]);
        var primary = await fixture.PracticeA.As(admin).Get<PatientRecords>().DeactivateAsync(family.PatientId);
        var member = await fixture.PracticeA.As(admin).Get<PatientRecords>().DeactivateAsync(family.MemberIds[1]);

        Assert.Equal(ChangeOutcome.Forbidden, byReception.Outcome);
        Assert.Equal(PatientRules.AdministratorsOnly, byReception.Message);
        Assert.Equal(ChangeOutcome.Refused, primary.Outcome);
        Assert.Equal("Ravi Kumar is the primary member of a family with 2 other active members. Make another member primary first, or deactivate the other members.",
            primary.Message);
        Assert.True(member.Succeeded);
        Assert.True((await fixture.ReadAsync(fixture.PracticeA, family.PatientId)).IsActive);
        Assert.False((await fixture.ReadAsync(fixture.PracticeA, family.MemberIds[1])).IsActive);
        Assert.Single(await fixture.AuditAsync(fixture.PracticeA, AuditActions.PatientDeactivated, family.MemberIds[1]));
    }

    [Fact]
    public async Task Making_another_member_primary_lets_the_former_primary_go()
    {
        var (family, mobile) = await RegisterFamilyAsync();
        var receptionist = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var lakshmi = family.MemberIds[0];

        var result = await fixture.PracticeA.As(receptionist).Get<PatientRecords>().MakePrimaryAsync(lakshmi, FamilyRelationship.Spouse);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        Assert.Equal("Lakshmi Kumar is now the family's primary member; Ravi Kumar stays in the family as Spouse.", result.Message);
        var members = await fixture.FamilyAsync(fixture.PracticeA, mobile);
        Assert.Equal([("Lakshmi", FamilyRelationship.Self)], members.Where(p => p.IsPrimary).Select(p => (p.FirstName, p.Relationship)));
        Assert.Equal(FamilyRelationship.Spouse, members.Single(p => p.FirstName == "Ravi").Relationship);
        Assert.Single(await fixture.AuditAsync(fixture.PracticeA, AuditActions.FamilyPrimaryChanged, lakshmi));
        Assert.True((await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().DeactivateAsync(family.PatientId)).Succeeded);
        Assert.Equal(ChangeOutcome.Invalid, (await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRecords>().MakePrimaryAsync(family.MemberIds[1], FamilyRelationship.Self)).Outcome);
    }

    [Fact]
    public async Task Reactivating_checks_the_first_name_and_a_former_primary_rejoins_as_a_member()
    {
        var (family, mobile) = await RegisterFamilyAsync();
        var registration = fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>();
        var anand = family.MemberIds[1];
        Assert.True((await RecordsA.DeactivateAsync(anand)).Succeeded);
        Assert.True((await registration.AddFamilyMemberAsync(mobile, PatientFixture.Person("ANAND", relationship: FamilyRelationship.Other))).Succeeded);

        var namesake = await RecordsA.ReactivateAsync(anand);
        Assert.Equal(ChangeOutcome.Refused, namesake.Outcome);
        Assert.Contains("same mobile number and first name", namesake.Message, StringComparison.Ordinal);

        // A primary who left alone, and whose mobile got a new family meanwhile, comes back as a member of it.
        var soloMobile = PatientFixture.NewMobile();
        var gopalId = (await registration.RegisterFamilyAsync(PatientFixture.Person("Gopal", "Rao", soloMobile))).Value!.Registered!.PatientId;
        Assert.True((await RecordsA.DeactivateAsync(gopalId)).Succeeded);
        Assert.True((await registration.RegisterFamilyAsync(PatientFixture.Person("Suresh", "Rao", soloMobile))).Succeeded);
        var former = await RecordsA.ReactivateAsync(gopalId);

        Assert.True(former.Succeeded, former.Message);
        Assert.Contains("as a member of the family (relationship Other), because Suresh Rao is now its primary member", former.Message, StringComparison.Ordinal);
        var gopal = await fixture.ReadAsync(fixture.PracticeA, gopalId);
        Assert.Equal((true, false, FamilyRelationship.Other), (gopal.IsActive, gopal.IsPrimary, gopal.Relationship));
        Assert.Single(await fixture.AuditAsync(fixture.PracticeA, AuditActions.PatientReactivated, gopalId));
    }

    // ---------- Isolation ----------

    [Fact]
    public async Task Practice_B_can_neither_read_nor_change_practice_As_patient_by_id()
    {
        var (family, mobile) = await RegisterFamilyAsync();
        var id = family.PatientId;
        var form = (await fixture.PracticeA.As(fixture.OwnerA).Get<PatientQueries>().GetAsync(id))!.ToForm();
        form.Allergies = "Changed by B";
        form.Version = null;
        var queriesB = fixture.PracticeB.As(fixture.OwnerB).Get<PatientQueries>();

        Assert.Null(await fixture.PracticeB.As(fixture.OwnerB).Get<PatientQueries>().GetAsync(id));
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRecords>().UpdateAsync(id, form)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRecords>().DeactivateAsync(family.MemberIds[0])).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRecords>().ReactivateAsync(id)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRecords>().MakePrimaryAsync(family.MemberIds[0])).Outcome);
        Assert.Null(await queriesB.GetFamilyAsync(mobile));
        Assert.Null(await queriesB.FindPickAsync(id));
        var join = await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, PatientFixture.Person("Meena", relationship: FamilyRelationship.Child));
        Assert.Equal(PatientRules.NoPrimaryMessage, join.Message);

        // A's owner acting through B's service is not a member there either.
        Assert.Null(await fixture.PracticeB.As(fixture.OwnerA).Get<PatientQueries>().GetAsync(id));
        var saved = await fixture.ReadAsync(fixture.PracticeA, id);
        Assert.Equal(("Penicillin", true), (saved.Allergies, saved.IsActive));
        Assert.Empty(await fixture.AuditAsync(fixture.PracticeB, AuditActions.PatientViewed, id));
        Assert.Equal(3, (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Count(p => p.IsActive));
    }
}

public sealed class SqlitePatientRecordTests(SqlitePatientFixture fixture)
    : PatientRecordTests(fixture), IClassFixture<SqlitePatientFixture>;

public sealed class PostgresPatientRecordTests(PostgresPatientFixture fixture)
    : PatientRecordTests(fixture), IClassFixture<PostgresPatientFixture>;
