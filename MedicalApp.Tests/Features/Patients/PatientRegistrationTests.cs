using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// Registering families on both databases: the primary first, at most 10 members, one Self, first names unique in a
/// family whatever their case, the same person freely registered in another practice, field rules, the plan's
/// patient limit, and two receptionists registering the same person at once.
/// </summary>
public abstract class PatientRegistrationTests(PatientFixture fixture)
{
    private static PatientForm Person(string firstName, string lastName = "Kumar", string? mobile = null, FamilyRelationship? relationship = null,
        Gender gender = Gender.Male, DateOnly? born = null, int? age = null) =>
        PatientFixture.Person(firstName, lastName, mobile, relationship, gender, born, age);

    [Fact]
    public async Task A_family_is_registered_in_one_go_primary_first_with_names_kept_as_typed()
    {
        var mobile = PatientFixture.NewMobile();
        var primary = Person("  Ravi  ", " Kumar ", $"+91 {mobile[..5]} {mobile[5..]}");
        primary.Email = " Ravi.Kumar@Example.COM ";
        primary.Allergies = " Penicillin ";
        primary.BloodGroup = "b+";
        primary.EmergencyContactName = "Sita Kumar";
        primary.EmergencyContactPhone = "044 2626 1001";
        var result = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(primary,
        [
            Person("Lakshmi", relationship: FamilyRelationship.Spouse, gender: Gender.Female),
            Person("anand", relationship: FamilyRelationship.Child, age: 8),
            Person("Kamala", "Devi", relationship: FamilyRelationship.Parent, gender: Gender.Female, age: 70),
        ]);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        Assert.Equal("Ravi Kumar and 3 family members were registered.", result.Message);
        var family = await fixture.FamilyAsync(fixture.PracticeA, mobile);
        Assert.Equal(4, family.Count);
        var ravi = Assert.Single(family, p => p.IsPrimary);
        Assert.Equal(result.Value!.Registered!.PatientId, ravi.Id);
        Assert.Equal(("Ravi", "Kumar", "ravi", "ravi kumar"), (ravi.FirstName, ravi.LastName, ravi.FirstNameKey, ravi.SearchName));
        Assert.Equal(FamilyRelationship.Self, ravi.Relationship);
        Assert.Equal(mobile, ravi.Mobile);
        Assert.Equal("ravi.kumar@example.com", ravi.Email);
        Assert.Equal("Penicillin", ravi.Allergies);
        Assert.Equal("B+", ravi.BloodGroup);
        Assert.Equal("044 2626 1001", ravi.EmergencyContactPhone);
        Assert.Equal(fixture.OwnerA.UserId, ravi.CreatedByUserId);

        var anand = Assert.Single(family, p => p.FirstNameKey == "anand");
        Assert.Equal("anand", anand.FirstName);
        Assert.Equal(FamilyRelationship.Child, anand.Relationship);
        Assert.False(anand.IsPrimary);
        Assert.Null(anand.DateOfBirth);
        Assert.Equal(8, anand.AgeYears);
        // Recorded on the practice's today (already the 11th in Chennai), not the server's UTC date.
        Assert.Equal(PatientFixture.Today, anand.AgeRecordedOn);
        Assert.Equal([FamilyRelationship.Self, FamilyRelationship.Spouse, FamilyRelationship.Child, FamilyRelationship.Parent],
            family.OrderByDescending(p => p.IsPrimary).ThenBy(p => result.Value.Registered.MemberIds.ToList().IndexOf(p.Id)).Select(p => p.Relationship));

        foreach (var patient in family)
        {
            Assert.Single(await fixture.AuditAsync(fixture.PracticeA, AuditActions.PatientRegistered, patient.Id));
        }
    }

    [Theory]
    [InlineData("ரவி", "குமார்")] // Tamil, with vowel signs and a virama
    [InlineData("रवि", "शर्मा")] // Devanagari
    [InlineData("Mary-Ann", "D'Souza")]
    [InlineData("K.", "Ramesh")]
    [InlineData("Joseph", "O’Brien")]
    public async Task Real_names_of_any_Indian_script_and_with_punctuation_are_accepted(string first, string last)
    {
        var mobile = PatientFixture.NewMobile();
        var result = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person(first, last, mobile));

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        var saved = await fixture.ReadAsync(fixture.PracticeA, result.Value!.Registered!.PatientId);
        Assert.Equal(first, saved.FirstName);
        Assert.Equal(last, saved.LastName);   // shown as typed, ’ included
        Assert.Equal($"{first} {last}".Replace('’', '\'').ToLowerInvariant(), saved.SearchName);   // searched with a straight '
    }

    [Theory]
    [InlineData("first-empty", PatientFields.FirstName, "Enter the first name.")]
    [InlineData("first-digits", PatientFields.FirstName, "letters, spaces, apostrophes (’), dots and hyphens only")]
    [InlineData("first-only-dots", PatientFields.FirstName, "letters, spaces, apostrophes (’), dots and hyphens only")]
    [InlineData("first-long", PatientFields.FirstName, "at most 100 characters")]
    [InlineData("last-empty", PatientFields.LastName, "Enter the last name.")]
    [InlineData("born-future", PatientFields.DateOfBirth, "cannot be in the future")]
    [InlineData("born-121-years-ago", PatientFields.DateOfBirth, "cannot be more than 120 years ago")]
    [InlineData("no-birth-no-age", PatientFields.DateOfBirth, "or the age in years")]
    [InlineData("age-121", PatientFields.AgeYears, "between 0 and 120 years")]
    [InlineData("age-negative", PatientFields.AgeYears, "between 0 and 120 years")]
    [InlineData("gender-missing", PatientFields.Gender, "Choose the gender.")]
    [InlineData("mobile-empty", PatientFields.Mobile, "Enter the family's mobile number.")]
    [InlineData("mobile-landline", PatientFields.Mobile, "10-digit Indian mobile number starting with 6, 7, 8 or 9")]
    [InlineData("mobile-starts-5", PatientFields.Mobile, "10-digit Indian mobile number starting with 6, 7, 8 or 9")]
    [InlineData("email-invalid", PatientFields.Email, "Enter a valid email address")]
    [InlineData("address-long", PatientFields.Address, "at most 500 characters")]
    [InlineData("emergency-phone-invalid", PatientFields.EmergencyContactPhone, "8 to 15 digits")]
    [InlineData("emergency-name-missing", PatientFields.EmergencyContactName, "Enter the emergency contact's name too.")]
    [InlineData("emergency-phone-missing", PatientFields.EmergencyContactPhone, "Enter the emergency contact's phone number too.")]
    [InlineData("blood-group-unknown", PatientFields.BloodGroup, "Choose one of A+, A-, B+, B-, AB+, AB-, O+, O-")]
    [InlineData("allergies-long", PatientFields.Allergies, "at most 1,000 characters")]
    [InlineData("conditions-long", PatientFields.ChronicConditions, "at most 1,000 characters")]
    [InlineData("notes-long", PatientFields.Notes, "at most 2,000 characters")]
    public async Task Each_rule_refuses_with_a_message_next_to_its_field_and_saves_nothing(string rule, string field, string message)
    {
        var mobile = PatientFixture.NewMobile();
        var form = Person("Ravi", mobile: mobile);
        Action<PatientForm> breakIt = rule switch
        {
            "first-empty" => f => f.FirstName = "   ",
            "first-digits" => f => f.FirstName = "Ravi2",
            "first-only-dots" => f => f.FirstName = "..",
            "first-long" => f => f.FirstName = new string('a', 101),
            "last-empty" => f => f.LastName = "",
            "born-future" => f => f.DateOfBirth = PatientFixture.Today.AddDays(1),
            "born-121-years-ago" => f => f.DateOfBirth = PatientFixture.Today.AddYears(-120).AddDays(-1),
            "no-birth-no-age" => f => (f.DateOfBirth, f.AgeYears) = (null, null),
            "age-121" => f => (f.DateOfBirth, f.AgeYears) = (null, 121),
            "age-negative" => f => (f.DateOfBirth, f.AgeYears) = (null, -1),
            "gender-missing" => f => f.Gender = null,
            "mobile-empty" => f => f.Mobile = " ",
            "mobile-landline" => f => f.Mobile = "044 2626 1001",
            "mobile-starts-5" => f => f.Mobile = "5876543210",
            "email-invalid" => f => f.Email = "ravi@example",
            "address-long" => f => f.Address = new string('x', 501),
            "emergency-phone-invalid" => f => (f.EmergencyContactName, f.EmergencyContactPhone) = ("Sita", "12345"),
            "emergency-name-missing" => f => f.EmergencyContactPhone = "9876543210",
            "emergency-phone-missing" => f => f.EmergencyContactName = "Sita",
            "blood-group-unknown" => f => f.BloodGroup = "C+",
            "allergies-long" => f => f.Allergies = new string('x', 1001),
            "conditions-long" => f => f.ChronicConditions = new string('x', 1001),
            "notes-long" => f => f.Notes = new string('x', 2001),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        breakIt(form);

        var result = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(form);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal([field], result.FieldErrors.Keys);
        Assert.Contains(message, result.FieldErrors[field], StringComparison.Ordinal);
        Assert.Empty(await fixture.FamilyAsync(fixture.PracticeA, mobile));
    }

    [Fact]
    public async Task The_limits_themselves_are_accepted()
    {
        var form = Person(new string('a', 100), new string('b', 100), PatientFixture.NewMobile(), born: PatientFixture.Today.AddYears(-120));
        form.Address = new string('x', 500);
        form.Allergies = new string('x', 1000);
        form.Notes = new string('x', 2000);

        var result = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(form,
            [Person("Baby", relationship: FamilyRelationship.Child, born: PatientFixture.Today), Person("Elder", relationship: FamilyRelationship.Grandparent, age: 120)]);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
    }

    [Fact]
    public async Task A_member_needs_a_relationship_other_than_self_and_a_name_no_other_member_has_in_any_case()
    {
        var mobile = PatientFixture.NewMobile();
        var result = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile),
        [
            Person("Lakshmi", relationship: null),
            Person("Anand", relationship: FamilyRelationship.Self),
            Person("RAVI", relationship: FamilyRelationship.Child),
            Person("Meena", relationship: FamilyRelationship.Child),
            Person(" meena ", relationship: FamilyRelationship.Sibling),
        ]);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal("Choose how this person is related to the family's primary member.", result.FieldErrors[PatientFields.Member(0, PatientFields.Relationship)]);
        Assert.Contains("Only the primary member is “Self”", result.FieldErrors[PatientFields.Member(1, PatientFields.Relationship)], StringComparison.Ordinal);
        Assert.Equal(PatientRules.DuplicateInFamilyMessage("RAVI"), result.FieldErrors[PatientFields.Member(2, PatientFields.FirstName)]);
        Assert.False(result.FieldErrors.ContainsKey(PatientFields.Member(3, PatientFields.FirstName)));
        Assert.Equal(PatientRules.DuplicateInFamilyMessage("meena"), result.FieldErrors[PatientFields.Member(4, PatientFields.FirstName)]);
        Assert.Empty(await fixture.FamilyAsync(fixture.PracticeA, mobile));
    }

    [Fact]
    public async Task A_family_has_at_most_ten_members_at_registration_and_when_adding()
    {
        var mobile = PatientFixture.NewMobile();
        var tenMembers = Enumerable.Range(1, 10).Select(i => Person($"Child {(char)('A' + i)}", relationship: FamilyRelationship.Child)).ToList();

        var tooMany = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile), tenMembers);
        Assert.Equal(ChangeOutcome.Invalid, tooMany.Outcome);
        Assert.Equal("A family can have at most 10 active members (the primary member and 9 others).", tooMany.FieldErrors[PatientFields.Members]);
        Assert.Empty(await fixture.FamilyAsync(fixture.PracticeA, mobile));

        var full = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile), tenMembers[..9]);
        Assert.True(full.Succeeded, string.Join("; ", full.AllMessages()));
        var eleventh = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Eleventh", relationship: FamilyRelationship.Other));

        Assert.Equal(ChangeOutcome.Refused, eleventh.Outcome);
        Assert.Equal(PatientRules.FamilyFullMessage, eleventh.Message);
        Assert.Equal(10, (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Count);
    }

    [Fact]
    public async Task Members_join_an_existing_primary_only()
    {
        var mobile = PatientFixture.NewMobile();

        var orphan = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Lakshmi", relationship: FamilyRelationship.Spouse));
        Assert.Equal(ChangeOutcome.Refused, orphan.Outcome);
        Assert.Equal("This mobile number has no registered family yet. Register the family's primary member first.", orphan.Message);

        await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile));
        var added = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMemberAsync("+91-" + mobile, Person("Lakshmi", relationship: FamilyRelationship.Spouse, gender: Gender.Female));

        Assert.True(added.Succeeded, string.Join("; ", added.AllMessages()));
        Assert.Equal("Lakshmi Kumar was added to the family of Ravi Kumar.", added.Message);
        var lakshmi = await fixture.ReadAsync(fixture.PracticeA, added.Value);
        Assert.Equal((mobile, false, FamilyRelationship.Spouse), (lakshmi.Mobile, lakshmi.IsPrimary, lakshmi.Relationship));
    }

    [Fact]
    public async Task Several_members_join_an_existing_family_together_or_not_at_all()
    {
        var mobile = PatientFixture.NewMobile();
        await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile), [Person("Lakshmi", relationship: FamilyRelationship.Spouse)]);

        var clash = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMembersAsync(mobile,
            [Person("Anand", relationship: FamilyRelationship.Child), Person("lakshmi", relationship: FamilyRelationship.Sibling)]);
        var twice = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMembersAsync(mobile,
            [Person("Anand", relationship: FamilyRelationship.Child), Person("ANAND", relationship: FamilyRelationship.Child)]);
        var tooMany = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMembersAsync(mobile,
            [.. Enumerable.Range(0, 9).Select(i => Person($"Child {(char)('a' + i)}", relationship: FamilyRelationship.Child))]);
        Assert.Equal(PatientRules.IdentityTakenMessage("lakshmi"), clash.FieldErrors[PatientFields.Member(1, PatientFields.FirstName)]);
        Assert.Equal(PatientRules.DuplicateInFamilyMessage("ANAND"), twice.FieldErrors[PatientFields.Member(1, PatientFields.FirstName)]);
        Assert.Equal(ChangeOutcome.Refused, tooMany.Outcome);
        Assert.Contains("This family has 2, so at most 8 more can join.", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Count);

        var added = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMembersAsync(mobile,
            [Person("Anand", relationship: FamilyRelationship.Child), Person("Kamala", relationship: FamilyRelationship.Parent, gender: Gender.Female)]);

        Assert.True(added.Succeeded, string.Join("; ", added.AllMessages()));
        Assert.Equal("2 members were added to the family of Ravi Kumar.", added.Message);
        Assert.Equal(2, added.Value!.MemberIds.Count);
        Assert.Equal(4, (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Count);
    }

    [Fact]
    public async Task A_family_has_one_self_and_each_first_name_once_whatever_its_case()
    {
        var mobile = PatientFixture.NewMobile();
        await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile), [Person("Lakshmi", relationship: FamilyRelationship.Spouse)]);

        var secondSelf = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Anand", relationship: FamilyRelationship.Self));
        var sameName = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person(" ravi ", relationship: FamilyRelationship.Child));
        var secondFamily = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("LAKSHMI", "Iyer", mobile, gender: Gender.Female));

        Assert.Equal(ChangeOutcome.Invalid, secondSelf.Outcome);
        Assert.Contains("Only the primary member is “Self”", secondSelf.FieldErrors[PatientFields.Relationship], StringComparison.Ordinal);
        Assert.Equal(ChangeOutcome.Invalid, sameName.Outcome);
        Assert.Equal("“ravi” is already registered with this mobile number. Each member of a family needs a different first name.",
            sameName.FieldErrors[PatientFields.FirstName]);
        Assert.Equal(ChangeOutcome.Invalid, secondFamily.Outcome);
        Assert.NotNull(secondFamily.Value!.ExistingFamily);
        Assert.Equal(PatientRules.IdentityTakenMessage("LAKSHMI"), secondFamily.FieldErrors[PatientFields.FirstName]);
        Assert.Equal(2, (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Count);
    }

    [Fact]
    public async Task A_mobile_with_a_family_is_reported_with_its_primary_so_the_page_can_offer_to_add_a_member()
    {
        var mobile = PatientFixture.NewMobile();
        var first = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile), [Person("Lakshmi", relationship: FamilyRelationship.Spouse)]);

        var again = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Anand", mobile: mobile), [Person("Meena", relationship: FamilyRelationship.Sibling)]);

        Assert.Equal(ChangeOutcome.Invalid, again.Outcome);
        Assert.Equal(new ExistingFamily(mobile, first.Value!.Registered!.PatientId, "Ravi Kumar", 2), again.Value!.ExistingFamily);
        Assert.Null(again.Value.Registered);
        Assert.Equal("This mobile number already has a family: Ravi Kumar (primary) and 1 other member.", again.Message);
        Assert.False(again.FieldErrors.ContainsKey(PatientFields.FirstName));
        Assert.Equal(2, (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Count);
        Assert.Equal(again.Value.ExistingFamily, await fixture.PracticeA.As(fixture.OwnerA).Get<PatientQueries>().FindFamilyAsync(mobile));
    }

    [Fact]
    public async Task The_same_mobile_and_name_in_another_practice_is_neither_refused_nor_revealed()
    {
        var mobile = PatientFixture.NewMobile();
        var inA = await fixture.PracticeA.As(fixture.OwnerA).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile));
        var queriesB = fixture.PracticeB.As(fixture.OwnerB).Get<PatientQueries>();

        Assert.Null(await queriesB.FindFamilyAsync(mobile));
        Assert.Null(await queriesB.GetFamilyAsync(mobile));
        var inB = await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile));
        var memberInB = await fixture.PracticeB.As(fixture.OwnerB).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Lakshmi", relationship: FamilyRelationship.Spouse));

        Assert.True(inA.Succeeded && inB.Succeeded && memberInB.Succeeded, string.Join("; ", inB.AllMessages().Concat(memberInB.AllMessages())));
        Assert.NotEqual(inA.Value!.Registered!.PatientId, inB.Value!.Registered!.PatientId);
        Assert.Equal(["Ravi"], (await fixture.FamilyAsync(fixture.PracticeA, mobile)).Select(p => p.FirstName));
        Assert.Equal(["Lakshmi", "Ravi"], (await fixture.FamilyAsync(fixture.PracticeB, mobile)).Select(p => p.FirstName));
        Assert.Equal(2, (await queriesB.GetFamilyAsync(mobile))!.Members.Count);
    }

    [Fact]
    public async Task The_plans_patient_limit_is_enforced_with_its_message()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("limit");
        await practice.UpdateAsync(t => t.Limits.MaxPatients = 2);
        const string refusal = "Your Trial plan allows 2 patients — upgrade to add more.";

        var three = await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: PatientFixture.NewMobile()),
            [Person("Lakshmi", relationship: FamilyRelationship.Spouse), Person("Anand", relationship: FamilyRelationship.Child)]);
        Assert.Equal(ChangeOutcome.LimitReached, three.Outcome);
        Assert.Equal(refusal, three.Message);

        var mobile = PatientFixture.NewMobile();
        var two = await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile), [Person("Lakshmi", relationship: FamilyRelationship.Spouse)]);
        Assert.True(two.Succeeded, string.Join("; ", two.AllMessages()));

        var third = await practice.As(owner).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Anand", relationship: FamilyRelationship.Child));
        Assert.Equal(ChangeOutcome.LimitReached, third.Outcome);
        Assert.Equal(refusal, third.Message);

        // Inactive patients do not count: deactivating one makes room again, and reactivating it needs room.
        await practice.As(owner).Get<PatientRecords>().DeactivateAsync(two.Value!.Registered!.MemberIds[0]);
        Assert.True((await practice.As(owner).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Anand", relationship: FamilyRelationship.Child))).Succeeded);
        var back = await practice.As(owner).Get<PatientRecords>().ReactivateAsync(two.Value.Registered.MemberIds[0]);
        Assert.Equal(ChangeOutcome.LimitReached, back.Outcome);
        Assert.Equal(refusal, back.Message);
        Assert.Equal(2, await fixture.InPracticeAsync(practice, db => db.Patients.CountAsync(p => p.IsActive)));
    }

    [Fact]
    public async Task Two_receptionists_registering_the_same_person_at_once_get_one_patient_and_the_identity_message()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("race");
        var receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        var mobile = PatientFixture.NewMobile();

        var results = await Task.WhenAll(
            practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile)),
            practice.As(receptionist).Get<PatientRegistration>().RegisterFamilyAsync(Person("ravi", mobile: mobile)));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(ChangeOutcome.Invalid, loser.Outcome);
        Assert.NotNull(loser.Value!.ExistingFamily);
        Assert.Contains("is already registered with this mobile number", loser.FieldErrors[PatientFields.FirstName], StringComparison.Ordinal);
        Assert.Single(await fixture.FamilyAsync(practice, mobile));
    }

    [Fact]
    public async Task Two_members_with_the_same_first_name_added_at_once_give_one_patient_and_the_identity_message()
    {
        var (practice, owner) = await fixture.NewPracticeAsync("race2");
        var mobile = PatientFixture.NewMobile();
        await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            practice.As(owner).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person(i % 2 == 0 ? "Anand" : "ANAND", relationship: FamilyRelationship.Child))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
            Assert.Contains("is already registered with this mobile number", r.FieldErrors[PatientFields.FirstName], StringComparison.Ordinal));
        Assert.Equal(2, (await fixture.FamilyAsync(practice, mobile)).Count);
    }

    [Fact]
    public async Task Nurses_cannot_register_and_receptionists_record_demographics_only()
    {
        var nurse = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Nurse);
        var receptionist = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var mobile = PatientFixture.NewMobile();

        var byNurse = await fixture.PracticeA.As(nurse).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile));
        Assert.Equal(ChangeOutcome.Forbidden, byNurse.Outcome);
        Assert.Equal(PatientRules.RegistrarsOnly, byNurse.Message);

        var withAllergies = Person("Ravi", mobile: mobile);
        withAllergies.Allergies = "Penicillin";
        var refused = await fixture.PracticeA.As(receptionist).Get<PatientRegistration>().RegisterFamilyAsync(withAllergies);
        Assert.Equal(ChangeOutcome.Invalid, refused.Outcome);
        Assert.Equal([PatientFields.Allergies], refused.FieldErrors.Keys);
        Assert.Equal(PatientRules.MedicalDetailsRefusal, refused.FieldErrors[PatientFields.Allergies]);
        Assert.Empty(await fixture.FamilyAsync(fixture.PracticeA, mobile));

        Assert.True((await fixture.PracticeA.As(receptionist).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: mobile))).Succeeded);
        var byNurseMember = await fixture.PracticeA.As(nurse).Get<PatientRegistration>().AddFamilyMemberAsync(mobile, Person("Lakshmi", relationship: FamilyRelationship.Spouse));
        Assert.Equal(ChangeOutcome.Forbidden, byNurseMember.Outcome);
    }

    [Fact]
    public async Task A_member_whose_membership_was_deactivated_cannot_register_from_an_open_page()
    {
        var receptionist = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist, active: false);

        var result = await fixture.PracticeA.As(receptionist).Get<PatientRegistration>().RegisterFamilyAsync(Person("Ravi", mobile: PatientFixture.NewMobile()));

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
    }
}

public sealed class SqlitePatientRegistrationTests(SqlitePatientFixture fixture)
    : PatientRegistrationTests(fixture), IClassFixture<SqlitePatientFixture>;

public sealed class PostgresPatientRegistrationTests(PostgresPatientFixture fixture)
    : PatientRegistrationTests(fixture), IClassFixture<PostgresPatientFixture>;
