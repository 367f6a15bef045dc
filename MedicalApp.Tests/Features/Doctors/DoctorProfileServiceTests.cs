using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// Doctor profiles on both databases: the rules of each field, who may change what, the weekly schedule, leave,
/// and that practice B can neither read nor change practice A's doctors by id.
/// </summary>
public abstract class DoctorProfileServiceTests(DoctorFixture fixture)
{
    private static DoctorDetailsInput ValidForm(string? registrationNumber = null) => new()
    {
        RegistrationNumber = registrationNumber ?? "TN-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(),
        Specializations = "General Medicine",
        Qualification = "MBBS, MD",
        ExperienceYears = 12,
        ConsultationFee = 650.50m,
        ConsultationMinutes = 20,
    };

    // ---------- Profile ----------

    [Fact]
    public async Task An_admin_saves_every_field_normalized_and_the_change_is_audited()
    {
        var admin = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Admin);
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var number = "tn  " + Guid.NewGuid().ToString("N")[..6];
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var result = await fixture.PracticeA.As(admin).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, new DoctorDetailsInput
        {
            RegistrationNumber = $"  {number} ",
            Specializations = " Cardiology , cardiology, , Diabetology",
            Qualification = "  MBBS, MD (General Medicine) ",
            ExperienceYears = 15,
            ConsultationFee = 750.25m,
            ConsultationMinutes = 15,
        });

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        var saved = await fixture.ReadProfileAsync(fixture.PracticeA, doctor.Id);
        Assert.Equal(number.Replace("  ", " ", StringComparison.Ordinal).ToUpperInvariant(), saved.RegistrationNumber);
        Assert.Equal(["Cardiology", "Diabetology"], saved.Specializations);
        // The legacy system accepted qualification and experience and silently dropped them.
        Assert.Equal("MBBS, MD (General Medicine)", saved.Qualification);
        Assert.Equal(15, saved.ExperienceYears);
        Assert.Equal(750.25m, saved.ConsultationFee);
        Assert.Equal(15, saved.ConsultationMinutes);

        var audit = await fixture.PracticeA.WithContextAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.DoctorProfileUpdated && e.EntityId == doctor.Id.ToString()).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(admin.UserId, entry.UserId);
        Assert.Contains("Qualification", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registration-empty", DoctorFields.RegistrationNumber, "Enter the medical council registration number")]
    [InlineData("registration-short", DoctorFields.RegistrationNumber, "3–50 characters")]
    [InlineData("registration-long", DoctorFields.RegistrationNumber, "3–50 characters")]
    [InlineData("registration-characters", DoctorFields.RegistrationNumber, "letters, digits, spaces")]
    [InlineData("specializations-none", DoctorFields.Specializations, "at least one specialization")]
    [InlineData("specializations-blank", DoctorFields.Specializations, "at least one specialization")]
    [InlineData("specializations-eleven", DoctorFields.Specializations, "at most 10 specializations")]
    [InlineData("specialization-long", DoctorFields.Specializations, "at most 100 characters")]
    [InlineData("qualification-long", DoctorFields.Qualification, "at most 200 characters")]
    [InlineData("experience-negative", DoctorFields.ExperienceYears, "between 0 and 70 years")]
    [InlineData("experience-71", DoctorFields.ExperienceYears, "between 0 and 70 years")]
    [InlineData("fee-negative", DoctorFields.ConsultationFee, "between ₹0 and ₹1,00,000")]
    [InlineData("fee-too-high", DoctorFields.ConsultationFee, "between ₹0 and ₹1,00,000")]
    [InlineData("fee-three-decimals", DoctorFields.ConsultationFee, "at most 2 decimal places")]
    [InlineData("duration-4", DoctorFields.ConsultationMinutes, "between 5 and 240 minutes")]
    [InlineData("duration-241", DoctorFields.ConsultationMinutes, "between 5 and 240 minutes")]
    public async Task Each_rule_refuses_with_a_message_next_to_its_field_and_saves_nothing(string rule, string field, string message)
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var form = ValidForm();
        Action<DoctorDetailsInput> breakIt = rule switch
        {
            "registration-empty" => f => f.RegistrationNumber = "   ",
            "registration-short" => f => f.RegistrationNumber = " ab ",
            "registration-long" => f => f.RegistrationNumber = new string('A', 51),
            "registration-characters" => f => f.RegistrationNumber = "TN#1234",
            "specializations-none" => f => f.Specializations = "",
            "specializations-blank" => f => f.Specializations = "  , ",
            "specializations-eleven" => f => f.Specializations = string.Join(", ", Enumerable.Range(1, 11).Select(i => $"Speciality {i}")),
            "specialization-long" => f => f.Specializations = new string('x', 101),
            "qualification-long" => f => f.Qualification = new string('q', 201),
            "experience-negative" => f => f.ExperienceYears = -1,
            "experience-71" => f => f.ExperienceYears = 71,
            "fee-negative" => f => f.ConsultationFee = -1m,
            "fee-too-high" => f => f.ConsultationFee = 100_000.01m,
            "fee-three-decimals" => f => f.ConsultationFee = 500.555m,
            "duration-4" => f => f.ConsultationMinutes = 4,
            "duration-241" => f => f.ConsultationMinutes = 241,
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        breakIt(form);

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, form);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal([field], result.FieldErrors.Keys);
        Assert.Contains(message, result.FieldErrors[field], StringComparison.Ordinal);
        var unchanged = await fixture.ReadProfileAsync(fixture.PracticeA, doctor.Id);
        Assert.Equal(500m, unchanged.ConsultationFee);
        Assert.Equal(["General Medicine"], unchanged.Specializations);
    }

    [Fact]
    public async Task The_limits_themselves_are_accepted()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var form = ValidForm(new string('B', 50));
        form.Specializations = string.Join(", ", Enumerable.Range(1, 10).Select(i => $"Speciality {i}"));
        form.Qualification = new string('q', 200);
        form.ExperienceYears = 70;
        form.ConsultationFee = 100_000m;
        form.ConsultationMinutes = 240;

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, form);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        Assert.Equal(10, (await fixture.ReadProfileAsync(fixture.PracticeA, doctor.Id)).Specializations.Count);
    }

    [Fact]
    public async Task A_registration_number_is_unique_within_the_practice_but_free_in_another()
    {
        var number = "KMC-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await fixture.PracticeA.AddDoctorAsync(registrationNumber: number);
        var colleague = await fixture.PracticeA.AddDoctorAsync();
        var elsewhere = await fixture.PracticeB.AddDoctorAsync();

        var clash = await fixture.PracticeA.As(colleague.Member).Get<DoctorProfileService>()
            .UpdateProfileAsync(colleague.Id, ValidForm($"  {number.ToLowerInvariant()} "));
        var otherPractice = await fixture.PracticeB.As(elsewhere.Member).Get<DoctorProfileService>().UpdateProfileAsync(elsewhere.Id, ValidForm(number));

        Assert.Equal(ChangeOutcome.Invalid, clash.Outcome);
        Assert.Equal($"Another doctor in this practice already has registration number {number}.", clash.FieldErrors[DoctorFields.RegistrationNumber]);
        Assert.True(otherPractice.Succeeded, string.Join("; ", otherPractice.AllMessages()));
        Assert.Equal(number, (await fixture.ReadProfileAsync(fixture.PracticeB, elsewhere.Id)).RegistrationNumber);
    }

    [Fact]
    public async Task A_save_over_a_newer_change_is_refused_for_the_profile_and_for_the_schedule()
    {
        var admin = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Admin);
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();
        var opened = (await service.GetAsync(doctor.Id))!;

        // The doctor saves their fee; the admin's form, filled before that, is refused and changes nothing.
        var doctorsForm = opened.ToForm();
        doctorsForm.ConsultationFee = 800m;
        Assert.True((await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, doctorsForm)).Succeeded);
        var adminsForm = opened.ToForm();
        adminsForm.ConsultationMinutes = 45;
        var refused = await fixture.PracticeA.As(admin).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, adminsForm);

        Assert.Equal((ChangeOutcome.Stale, ChangeResult.StaleMessage("profile")), (refused.Outcome, refused.Message));
        var now = (await service.GetAsync(doctor.Id))!;
        Assert.Equal((800m, opened.ConsultationMinutes, opened.Version + 1), (now.ConsultationFee, now.ConsultationMinutes, now.Version));

        // Saving the weekly hours moves the version on too, so a profile form filled before them is refused as well.
        Assert.True((await fixture.PracticeA.As(admin).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar], [], now.Version)).Succeeded);
        Assert.Equal(ChangeOutcome.Stale, (await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar], [], now.Version)).Outcome);
        Assert.Equal(ChangeOutcome.Stale, (await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, now.ToForm())).Outcome);
        Assert.Equal(now.Version + 1, (await service.GetAsync(doctor.Id))!.Version);
    }

    [Fact]
    public async Task A_profile_made_for_a_new_doctor_is_stored_as_the_profile_page_stores_it()
    {
        // Staff (a new Doctor role, an accepted invitation) and registration all make profiles through DoctorProfiles.Create.
        var member = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Doctor);
        var number = "tn  " + Guid.NewGuid().ToString("N")[..6];
        var profileId = await fixture.PracticeA.WithContextAsync(async db =>
        {
            var membership = await db.PracticeMemberships.SingleAsync(m => m.UserId == member.UserId);
            var profile = DoctorProfiles.Create(db, membership, new DoctorDetailsInput
            {
                RegistrationNumber = $" {number} ",
                Specializations = " Cardiology ; cardiology, Diabetology",
                Qualification = "  ",
                ExperienceYears = 3,
            }, DateTime.UtcNow, await DoctorProfiles.StartingLocationAsync(db));
            await db.SaveChangesAsync();
            return profile.Id;
        });

        var made = (await fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>().GetAsync(profileId))!;
        Assert.Equal(number.Replace("  ", " ", StringComparison.Ordinal).ToUpperInvariant(), made.RegistrationNumber);
        Assert.Equal(["Cardiology", "Diabetology"], made.Specializations);
        Assert.Null(made.Qualification);
        Assert.Equal(DoctorProfile.DefaultConsultationMinutes, made.ConsultationMinutes);
        var location = Assert.Single(made.LocationIds);
        Assert.Contains(made.PracticeLocations, l => l.Id == location && l.IsActive);
        // What was made is what the page would have saved: saving it again changes nothing and records nothing.
        var again = await fixture.PracticeA.As(member).Get<DoctorProfileService>().UpdateProfileAsync(profileId, made.ToForm());
        Assert.Equal(ChangeOutcome.Unchanged, again.Outcome);
        Assert.Equal(0, await fixture.PracticeA.WithContextAsync(db => db.AuditEvents.CountAsync(e => e.EntityId == profileId.ToString())));
    }

    [Fact]
    public async Task A_doctor_keeps_their_own_registration_number_when_saving_again()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var current = (await fixture.ReadProfileAsync(fixture.PracticeA, doctor.Id)).RegistrationNumber;

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm(current));

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
    }

    [Fact]
    public async Task A_doctor_edits_their_own_profile_but_not_a_colleagues()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var own = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm());
        var other = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(colleague.Id, ValidForm());
        var otherSchedule = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(colleague.Id, [fixture.AnnaNagar], []);
        var otherLeave = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(colleague.Id, new DateOnly(2026, 4, 1), null);

        Assert.True(own.Succeeded, string.Join("; ", own.AllMessages()));
        Assert.Equal(ChangeOutcome.Forbidden, other.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, otherSchedule.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, otherLeave.Outcome);
        var untouched = await fixture.ReadProfileAsync(fixture.PracticeA, colleague.Id);
        Assert.Equal(500m, untouched.ConsultationFee);
        Assert.Equal(0, await fixture.PracticeA.WithContextAsync(db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == colleague.Id)));
    }

    [Theory]
    [InlineData(PracticeRoles.Admin)]
    [InlineData(PracticeRoles.Owner)]
    public async Task Administrators_edit_any_doctor(PracticeRoles role)
    {
        var admin = await fixture.PracticeA.AddMemberAsync(role);
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        Assert.True((await fixture.PracticeA.As(admin).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm())).Succeeded);
        Assert.True((await fixture.PracticeA.As(admin).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar], [])).Succeeded);
        Assert.True((await fixture.PracticeA.As(admin).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 4, 2), "Conference")).Succeeded);
    }

    [Theory]
    [InlineData(PracticeRoles.Receptionist)]
    [InlineData(PracticeRoles.Nurse)]
    public async Task Reception_and_nursing_cannot_edit_doctors(PracticeRoles role)
    {
        var member = await fixture.PracticeA.AddMemberAsync(role);
        var doctor = await fixture.PracticeA.AddDoctorAsync();

        var result = await fixture.PracticeA.As(member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm());

        Assert.Equal(ChangeOutcome.Forbidden, result.Outcome);
    }

    [Fact]
    public async Task Roles_the_page_still_believes_in_do_not_count_once_the_membership_changed()
    {
        var demoted = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var deactivated = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Admin, active: false);
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        // The page's authentication state still says Admin (an open circuit), the database no longer does.
        var asStaleAdmin = await fixture.PracticeA.As(demoted).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm());
        var asDeactivated = await fixture.PracticeA.As(deactivated).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm());

        Assert.Equal(ChangeOutcome.Forbidden, asStaleAdmin.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, asDeactivated.Outcome);
    }

    [Fact]
    public async Task A_practice_whose_trial_ended_is_told_why_nothing_was_saved()
    {
        var practice = await fixture.Db.CreatePracticeAsync(
            "doctors-ended-" + Guid.NewGuid().ToString("N")[..6], PracticePlan.Trial, clock: new FakeTimeProvider(DoctorFixture.Now));
        var doctor = await practice.AddDoctorAsync();
        await practice.UpdateAsync(t => t.TrialEndsAtUtc = DateTime.UtcNow.AddDays(-1));

        var result = await practice.As(doctor.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctor.Id, ValidForm());

        Assert.Equal(ChangeOutcome.ReadOnly, result.Outcome);
        Assert.Contains("trial of this practice has ended", result.Message, StringComparison.Ordinal);
    }

    // ---------- Reading ----------

    [Fact]
    public async Task The_list_shows_active_and_inactive_doctors_with_their_locations_and_hours()
    {
        var admin = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Admin);
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var inactive = await fixture.PracticeA.AddDoctorAsync();
        await fixture.PracticeA.WithContextAsync(async db =>
        {
            (await db.DoctorProfiles.SingleAsync(d => d.Id == inactive.Id)).IsActive = false;
            return await db.SaveChangesAsync();
        });
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var ranges = weekdays.SelectMany(day => new[]
            {
                new AvailabilityRange(fixture.AnnaNagar, day, new(9, 0), new(13, 0)),
                new AvailabilityRange(fixture.AnnaNagar, day, new(17, 0), new(21, 0)),
            })
            .Append(new AvailabilityRange(fixture.AnnaNagar, DayOfWeek.Saturday, new(9, 0), new(13, 0)))
            .Append(new AvailabilityRange(fixture.TNagar, DayOfWeek.Sunday, new(10, 0), new(12, 0)))
            .ToList();
        Assert.True((await fixture.PracticeA.As(admin).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar, fixture.TNagar], ranges)).Succeeded);
        Assert.True((await fixture.PracticeA.As(admin).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 20), "Conference")).Succeeded);

        var rows = await service.ListAsync();

        var row = Assert.Single(rows, r => r.Id == doctor.Id);
        Assert.Equal(doctor.Name, row.FullName);
        Assert.Equal(["Anna Nagar", "T. Nagar"], row.Locations);
        Assert.Equal("Mon–Fri 09:00–13:00, 17:00–21:00; Sat 09:00–13:00", row.Schedule.Single(s => s.LocationName == "Anna Nagar").Summary);
        Assert.Equal("Sun 10:00–12:00", row.Schedule.Single(s => s.LocationName == "T. Nagar").Summary);
        Assert.Equal([new DateOnly(2026, 3, 20)], row.UpcomingLeave);
        Assert.True(row.IsActive);
        Assert.False(Assert.Single(rows, r => r.Id == inactive.Id).IsActive);
        Assert.DoesNotContain(rows, r => r.UserId == admin.UserId);
    }

    [Fact]
    public async Task A_doctor_finds_their_own_profile_and_others_find_none()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var receptionist = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var mine = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().GetMineAsync();

        Assert.Equal(doctor.Id, mine?.Id);
        Assert.Equal(new DateOnly(2026, 3, 10), mine?.Today);
        Assert.Contains(mine!.PracticeLocations, l => l.Id == fixture.AnnaNagar && l.IsActive);
        Assert.DoesNotContain(mine.PracticeLocations, l => l.Id == fixture.ClosedLocation);
        Assert.Null(await fixture.PracticeA.As(receptionist).Get<DoctorProfileService>().GetMineAsync());
        Assert.Null(await service.GetAsync(Guid.CreateVersion7()));
    }

    // ---------- Where and when ----------

    [Fact]
    public async Task The_schedule_is_replaced_as_a_whole()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();
        Assert.True((await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar, fixture.TNagar],
        [
            new(fixture.AnnaNagar, DayOfWeek.Monday, new(9, 0), new(13, 0)),
            new(fixture.TNagar, DayOfWeek.Monday, new(13, 0), new(17, 0)),
        ])).Succeeded);

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.TNagar],
        [
            new(fixture.TNagar, DayOfWeek.Monday, new(9, 0), new(13, 0)),
            new(fixture.TNagar, DayOfWeek.Monday, new(17, 0), new(21, 0)),
            new(fixture.TNagar, DayOfWeek.Wednesday, new(10, 0), new(12, 30)),
        ]);

        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        var saved = await service.GetAsync(doctor.Id);
        Assert.Equal([fixture.TNagar], saved!.LocationIds);
        Assert.Equal(
            [
                new AvailabilityRange(fixture.TNagar, DayOfWeek.Monday, new(9, 0), new(13, 0)),
                new AvailabilityRange(fixture.TNagar, DayOfWeek.Monday, new(17, 0), new(21, 0)),
                new AvailabilityRange(fixture.TNagar, DayOfWeek.Wednesday, new(10, 0), new(12, 30)),
            ],
            saved.Availability);
        Assert.Equal(1, await fixture.PracticeA.WithContextAsync(db => db.AuditEvents.CountAsync(
            e => e.Action == AuditActions.DoctorScheduleUpdated && e.EntityId == doctor.Id.ToString() && e.Details!.Contains("T. Nagar: Mon 09:00–13:00, 17:00–21:00; Wed 10:00–12:30"))));
    }

    [Fact]
    public async Task Overlapping_hours_at_two_locations_are_refused_because_a_doctor_cannot_be_in_two_places()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar, fixture.TNagar],
        [
            new(fixture.AnnaNagar, DayOfWeek.Monday, new(9, 0), new(13, 0)),
            new(fixture.TNagar, DayOfWeek.Monday, new(12, 0), new(14, 0)),
            new(fixture.TNagar, DayOfWeek.Tuesday, new(12, 0), new(14, 0)),
        ]);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        var message = Assert.Single(result.FieldErrors).Value;
        Assert.Equal(
            "Monday: 09:00–13:00 at Anna Nagar overlaps 12:00–14:00 at T. Nagar. A doctor cannot be in two places at once.", message);
        Assert.Equal(DoctorScheduleRules.DayKey(fixture.TNagar, DayOfWeek.Monday), result.FieldErrors.Keys.Single());
        Assert.Empty((await service.GetAsync(doctor.Id))!.Availability);
    }

    [Fact]
    public async Task Overlaps_at_one_location_are_refused_and_touching_ranges_are_fine()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var overlap = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar],
        [
            new(fixture.AnnaNagar, DayOfWeek.Friday, new(9, 0), new(13, 0)),
            new(fixture.AnnaNagar, DayOfWeek.Friday, new(10, 0), new(11, 0)),
        ]);
        var touching = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar, fixture.TNagar],
        [
            new(fixture.AnnaNagar, DayOfWeek.Friday, new(9, 0), new(13, 0)),
            new(fixture.TNagar, DayOfWeek.Friday, new(13, 0), new(17, 0)),
        ]);

        Assert.Equal("Friday at Anna Nagar: 09:00–13:00 overlaps 10:00–11:00.", Assert.Single(overlap.FieldErrors).Value);
        Assert.True(touching.Succeeded, string.Join("; ", touching.AllMessages()));
    }

    [Fact]
    public async Task Hours_must_be_at_a_location_the_doctor_practises_at()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar],
            [new(fixture.TNagar, DayOfWeek.Thursday, new(9, 0), new(13, 0))]);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Equal(
            "Thursday 09:00–13:00 is at T. Nagar, which is not one of the doctor's locations. Tick the location or remove the range.",
            result.FieldErrors[DoctorScheduleRules.DayKey(fixture.TNagar, DayOfWeek.Thursday)]);
    }

    [Fact]
    public async Task Locations_must_be_chosen_open_and_of_this_practice()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var none = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [], []);
        var closed = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.ClosedLocation], []);
        var foreign = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.BLocation],
            [new(fixture.BLocation, DayOfWeek.Monday, new(9, 0), new(10, 0))]);

        Assert.Equal("Choose at least one location where the doctor practises.", none.FieldErrors[DoctorFields.Locations]);
        Assert.Equal("One of the chosen locations is not an active location of this practice.", closed.FieldErrors[DoctorFields.Locations]);
        Assert.Equal("One of the chosen locations is not an active location of this practice.", foreign.FieldErrors[DoctorFields.Locations]);
        Assert.Empty((await service.GetAsync(doctor.Id))!.LocationIds);
    }

    [Fact]
    public async Task A_range_must_end_after_it_starts_and_a_day_has_at_most_six()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var backwards = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar],
            [new(fixture.AnnaNagar, DayOfWeek.Sunday, new(13, 0), new(9, 0))]);
        var seven = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar],
            Enumerable.Range(8, 7).Select(h => new AvailabilityRange(fixture.AnnaNagar, DayOfWeek.Saturday, new(h, 0), new(h, 30))).ToList());
        var six = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar],
            Enumerable.Range(8, 6).Select(h => new AvailabilityRange(fixture.AnnaNagar, DayOfWeek.Saturday, new(h, 0), new(h, 30))).ToList());

        Assert.Equal("Sunday at Anna Nagar: 13:00–09:00 must end after it starts.", Assert.Single(backwards.FieldErrors).Value);
        Assert.Equal("Saturday has 7 time ranges; at most 6 are allowed in a day.", Assert.Single(seven.FieldErrors).Value);
        Assert.True(six.Succeeded, string.Join("; ", six.AllMessages()));
    }

    // ---------- Leave ----------

    [Fact]
    public async Task Leave_is_added_once_per_day_and_can_span_several_days()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var single = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 10), "  Family function ");
        var again = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 10), null);
        var span = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 4, 6), "Holiday", new DateOnly(2026, 4, 8));
        var overlappingSpan = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 4, 1), null, new DateOnly(2026, 4, 7));

        Assert.True(single.Succeeded, string.Join("; ", single.AllMessages()));
        Assert.Equal("Leave is already recorded for Tue 10 Mar 2026.", again.FieldErrors[DoctorFields.LeaveDate]);
        Assert.True(span.Succeeded, string.Join("; ", span.AllMessages()));
        Assert.Equal("Leave is already recorded for Mon 6 Apr 2026, Tue 7 Apr 2026.", overlappingSpan.FieldErrors[DoctorFields.LeaveDate]);
        var leave = (await service.GetAsync(doctor.Id))!.Leave;
        Assert.Equal(
            [new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 7), new DateOnly(2026, 4, 8)],
            leave.Select(l => l.Date));
        Assert.Equal("Family function", leave[0].Reason);
    }

    [Fact]
    public async Task Past_days_are_refused_by_the_practices_own_calendar()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        // 20:00 UTC on the 10th is already 01:30 on the 11th in Chennai.
        var service = fixture.PracticeA.As(doctor.Member, new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero))).Get<DoctorProfileService>();

        var yesterdayThere = await service.AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 10), null);
        var todayThere = await service.AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 11), null);

        Assert.Equal("Leave cannot be added for a past day (today is Wed 11 Mar 2026).", yesterdayThere.FieldErrors[DoctorFields.LeaveDate]);
        Assert.True(todayThere.Succeeded, string.Join("; ", todayThere.AllMessages()));
    }

    [Fact]
    public async Task Leave_reason_and_span_are_checked()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();

        var longReason = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 5, 1), new string('r', 201));
        var backwards = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 5, 10), null, new DateOnly(2026, 5, 9));
        var tooLong = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 5, 1), null, new DateOnly(2026, 7, 1));

        Assert.Equal("The reason can be at most 200 characters.", longReason.FieldErrors[DoctorFields.LeaveReason]);
        Assert.Equal("The last day of leave must not be before the first.", backwards.FieldErrors[DoctorFields.LeaveThrough]);
        Assert.Equal("Add at most 60 days of leave at once.", tooLong.FieldErrors[DoctorFields.LeaveThrough]);
        Assert.Empty((await service.GetAsync(doctor.Id))!.Leave);
    }

    [Fact]
    public async Task Upcoming_leave_can_be_removed_but_past_leave_stays()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();
        var colleague = await fixture.PracticeA.AddDoctorAsync();
        var service = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();
        Assert.True((await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().AddLeaveAsync(doctor.Id, new DateOnly(2026, 3, 12), null)).Succeeded);
        var pastId = await fixture.PracticeA.WithContextAsync(async db =>
        {
            var past = new DoctorLeave { DoctorProfileId = doctor.Id, Date = new DateOnly(2026, 3, 2), Reason = "Fever" };
            db.DoctorLeave.Add(past);
            await db.SaveChangesAsync();
            return past.Id;
        });
        var upcomingId = (await service.GetAsync(doctor.Id))!.Leave.Single(l => l.Date == new DateOnly(2026, 3, 12)).Id;

        var throughColleague = await fixture.PracticeA.As(colleague.Member).Get<DoctorProfileService>().RemoveLeaveAsync(colleague.Id, upcomingId);
        var past = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().RemoveLeaveAsync(doctor.Id, pastId);
        var upcoming = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().RemoveLeaveAsync(doctor.Id, upcomingId);

        Assert.Equal(ChangeOutcome.NotFound, throughColleague.Outcome);
        Assert.Equal((ChangeOutcome.Refused, "Leave on Mon 2 Mar 2026 is in the past and stays as a record."), (past.Outcome, past.Message));
        Assert.True(upcoming.Succeeded, string.Join("; ", upcoming.AllMessages()));
        Assert.Equal([new DateOnly(2026, 3, 2)], (await service.GetAsync(doctor.Id))!.Leave.Select(l => l.Date));
        Assert.Equal(1, await fixture.PracticeA.WithContextAsync(db => db.AuditEvents.CountAsync(
            e => e.Action == AuditActions.DoctorLeaveRemoved && e.EntityId == doctor.Id.ToString())));
    }

    // ---------- Isolation ----------

    [Fact]
    public async Task Practice_B_can_neither_read_nor_change_practice_As_doctor_by_id()
    {
        var doctorA = await fixture.PracticeA.AddDoctorAsync();
        var serviceA = fixture.PracticeA.As(fixture.OwnerA).Get<DoctorProfileService>();
        Assert.True((await fixture.PracticeA.As(doctorA.Member).Get<DoctorProfileService>().AddLeaveAsync(doctorA.Id, new DateOnly(2026, 6, 1), null)).Succeeded);
        var leaveId = (await serviceA.GetAsync(doctorA.Id))!.Leave.Single().Id;
        var ownerB = await fixture.PracticeB.AddDoctorAsync(roles: PracticeRoles.Owner | PracticeRoles.Doctor);
        var serviceB = fixture.PracticeB.As(fixture.OwnerB).Get<DoctorProfileService>();

        Assert.Null(await serviceB.GetAsync(doctorA.Id));
        Assert.Null(await fixture.PracticeB.As(doctorA.Member).Get<DoctorProfileService>().GetMineAsync());
        Assert.DoesNotContain(await serviceB.ListAsync(), r => r.Id == doctorA.Id);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(ownerB.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctorA.Id, ValidForm())).Outcome);
        // A's doctor claiming to act in B is no member there: refused before any row is looked for.
        Assert.Equal(ChangeOutcome.Forbidden, (await fixture.PracticeB.As(doctorA.Member).Get<DoctorProfileService>().UpdateProfileAsync(doctorA.Id, ValidForm())).Outcome);
        Assert.Equal(ChangeOutcome.NotFound,
            (await fixture.PracticeB.As(ownerB.Member).Get<DoctorProfileService>().SetScheduleAsync(doctorA.Id, [fixture.BLocation], [])).Outcome);
        Assert.Equal(ChangeOutcome.NotFound,
            (await fixture.PracticeB.As(ownerB.Member).Get<DoctorProfileService>().AddLeaveAsync(doctorA.Id, new DateOnly(2026, 6, 2), null)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(ownerB.Member).Get<DoctorProfileService>().RemoveLeaveAsync(doctorA.Id, leaveId)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await fixture.PracticeB.As(ownerB.Member).Get<DoctorProfileService>().RemoveLeaveAsync(ownerB.Id, leaveId)).Outcome);

        var untouched = await serviceA.GetAsync(doctorA.Id);
        Assert.Equal(500m, untouched!.ConsultationFee);
        Assert.Single(untouched.Leave);
        Assert.Empty(untouched.LocationIds);
    }

    [Fact]
    public async Task A_doctor_cannot_practise_at_another_practices_location_through_their_own_profile()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync();

        var result = await fixture.PracticeA.As(doctor.Member).Get<DoctorProfileService>().SetScheduleAsync(doctor.Id, [fixture.AnnaNagar],
            [new(fixture.BLocation, DayOfWeek.Monday, new(9, 0), new(10, 0))]);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains("not one of the doctor's locations", Assert.Single(result.FieldErrors).Value, StringComparison.Ordinal);
    }
}

public sealed class SqliteDoctorProfileServiceTests(SqliteDoctorFixture fixture)
    : DoctorProfileServiceTests(fixture), IClassFixture<SqliteDoctorFixture>;

public sealed class PostgresDoctorProfileServiceTests(PostgresDoctorFixture fixture)
    : DoctorProfileServiceTests(fixture), IClassFixture<PostgresDoctorFixture>;
