using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// What the calendar relies on besides reading it: moving an appointment to another doctor (a drop in another
/// doctor's column), the appointment search, and editing reason and notes; each also as a member of another practice.
/// "Now" is Tuesday 10 March 2026, 09:40 in Chennai.
/// </summary>
public abstract class AppointmentCalendarServiceTests(AppointmentFixture fixture)
{
    private static readonly TimeOnly Ten = new(10, 0);

    private sealed record Booked(TestDoctor Doctor, TestMember Reception, Guid Patient, Guid Id, string Number);

    private async Task<Booked> BookAsync(DateOnly date, TimeOnly start, string? lastName = null, string? mobile = null, string? notes = null)
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync("Meena", lastName ?? UniqueName(), mobile);
        var result = await fixture.PracticeA.As(reception).Get<AppointmentService>()
            .BookAsync(patient, doctor.Id, fixture.AnnaNagar, date, start, "Check-up", notes);
        Assert.True(result.Succeeded, string.Join("; ", result.AllMessages()));
        return new Booked(doctor, reception, patient, result.Value!.AppointmentId!.Value, result.Value.Number!);
    }

    /// <summary>A surname of letters only that no other test's patient has (the fixture's database is shared).</summary>
    private static string UniqueName() =>
        "Q" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6).Select(c => (char)(c - 'a' + 'k')).ToArray());

    private static string UniqueMobile() => "7" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<ChangeResult<AppointmentOutcome>> MoveAsync(Booked booked, Guid doctorId, TimeOnly start, DateOnly? date = null) =>
        fixture.PracticeA.As(booked.Reception).Get<AppointmentService>()
            .RescheduleAsync(booked.Id, date ?? AppointmentFixture.Wednesday, start, doctorId, fixture.AnnaNagar);

    // ---------- Rescheduling to another doctor ----------

    [Fact]
    public async Task A_confirmed_appointment_moves_to_another_doctor_at_the_same_location_scheduled_again_and_audited()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        Assert.True((await fixture.PracticeA.As(booked.Reception).Get<AppointmentService>().ConfirmAsync(booked.Id)).Succeeded);
        var rao = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)], fullName: "Dr Rao " + UniqueName());

        var moved = await MoveAsync(booked, rao.Id, new TimeOnly(10, 30));

        Assert.True(moved.Succeeded, string.Join("; ", moved.AllMessages()));
        var saved = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(rao.Id, saved.DoctorProfileId);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10, 30), saved.StartsAtUtc);
        Assert.Equal(AppointmentStatus.Scheduled, saved.Status);
        var audit = (await fixture.AuditOfAsync(fixture.PracticeA, booked.Id)).Single(e => e.Action == AuditActions.AppointmentRescheduled);
        Assert.Equal(booked.Reception.UserId, audit.UserId);
        Assert.Contains(rao.Name, audit.Details, StringComparison.Ordinal);
        Assert.Empty(await fixture.AppointmentsOfAsync(fixture.PracticeA, booked.Doctor.Id));
    }

    [Fact]
    public async Task Another_practices_doctor_id_is_refused_next_to_the_doctor_and_nothing_moves()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var theirs = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);

        var moved = await MoveAsync(booked, theirs.Id, Ten);

        Assert.Equal(ChangeOutcome.Invalid, moved.Outcome);
        Assert.Equal("Choose an active doctor of the practice.", moved.FieldErrors[AppointmentFields.Doctor]);
        Assert.Equal(booked.Doctor.Id, (await fixture.ReadAsync(fixture.PracticeA, booked.Id)).DoctorProfileId);
        Assert.Empty(await fixture.AppointmentsOfAsync(fixture.PracticeB, theirs.Id));
    }

    [Fact]
    public async Task An_inactive_doctor_or_one_who_does_not_practise_at_the_location_is_refused()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var inactive = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)], profileActive: false);
        var suspended = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)], active: false);
        var elsewhere = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.TNagar, 9, 13)]);

        var toInactive = await MoveAsync(booked, inactive.Id, Ten);
        var toSuspended = await MoveAsync(booked, suspended.Id, Ten);
        var toElsewhere = await MoveAsync(booked, elsewhere.Id, Ten);

        Assert.Equal("Choose an active doctor of the practice.", toInactive.FieldErrors[AppointmentFields.Doctor]);
        Assert.Equal("Choose an active doctor of the practice.", toSuspended.FieldErrors[AppointmentFields.Doctor]);
        Assert.Equal($"{elsewhere.Name} does not practise at Anna Nagar.", toElsewhere.FieldErrors[AppointmentFields.Location]);
        Assert.Equal(booked.Doctor.Id, (await fixture.ReadAsync(fixture.PracticeA, booked.Id)).DoctorProfileId);
    }

    [Fact]
    public async Task A_doctor_busy_at_that_time_or_on_leave_refuses_the_move_with_the_reason_and_other_times()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var busy = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var away = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        await fixture.PracticeA.AddLeaveAsync(away.Id, AppointmentFixture.Wednesday);

        var overlap = await MoveAsync(booked, busy.Doctor.Id, Ten);
        var leave = await MoveAsync(booked, away.Id, Ten);

        Assert.Equal(ChangeOutcome.Refused, overlap.Outcome);
        Assert.StartsWith($"{busy.Doctor.Name} is already booked at 10:00 on Wed 11 Mar.", overlap.Message, StringComparison.Ordinal);
        Assert.Equal(["10:30", "11:00", "11:30"], overlap.AlternativeSlots().Select(s => s.StartText));
        Assert.Equal(ChangeOutcome.Refused, leave.Outcome);
        Assert.StartsWith($"{away.Name} is on leave on Wed 11 Mar.", leave.Message, StringComparison.Ordinal);
        var unchanged = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal(booked.Doctor.Id, unchanged.DoctorProfileId);
        Assert.Equal(AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10), unchanged.StartsAtUtc);
    }

    // ---------- Search ----------

    private Task<AppointmentSearchResults> SearchAsync(string? text, DateOnly from, DateOnly to, TestPractice? practice = null, TestMember? member = null) =>
        (practice ?? fixture.PracticeA).As(member ?? fixture.DeskA).Get<AppointmentSearch>().SearchAsync(new AppointmentSearchQuery(text, from, to));

    [Fact]
    public async Task Search_finds_an_appointment_by_number_name_or_mobile_within_the_days_asked()
    {
        var surname = UniqueName();
        var mobile = UniqueMobile();
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten, surname, mobile);
        var today = AppointmentFixture.Today;
        var month = today.AddDays(AppointmentSearch.DefaultRangeDays);

        var byNumber = await SearchAsync(booked.Number.ToLowerInvariant(), today, month);
        var byName = await SearchAsync($"meena {surname}", today, month);
        var bySurnameStart = await SearchAsync(surname[..2], today, month);
        var byMobile = await SearchAsync($"+91 {mobile[..5]} {mobile[5..]}", today, month);
        var byMobileDigits = await SearchAsync(mobile[3..8], today, month);
        var outsideTheDays = await SearchAsync(surname, AppointmentFixture.Thursday, month);
        var thatDayOnly = await SearchAsync(surname, AppointmentFixture.Wednesday, AppointmentFixture.Wednesday);

        Assert.Equal([booked.Id], byNumber.Items.Select(r => r.Id));
        Assert.Equal([booked.Id], byName.Items.Select(r => r.Id));
        Assert.Contains(booked.Id, bySurnameStart.Items.Select(r => r.Id));
        Assert.Equal([booked.Id], byMobile.Items.Select(r => r.Id));
        Assert.Equal([booked.Id], byMobileDigits.Items.Select(r => r.Id));
        Assert.Empty(outsideTheDays.Items);
        var row = Assert.Single(thatDayOnly.Items);
        Assert.Equal(1, thatDayOnly.TotalCount);
        Assert.Equal("10:00–10:30", row.Times);
        Assert.Equal($"Meena {surname}", row.PatientName);
    }

    [Fact]
    public async Task Search_results_are_paged_in_time_order_and_bad_input_is_explained_not_run()
    {
        var surname = UniqueName();
        var first = await BookAsync(AppointmentFixture.Wednesday, Ten, surname);
        var second = await BookAsync(AppointmentFixture.Thursday, Ten, surname);
        var third = await BookAsync(AppointmentFixture.Thursday, new TimeOnly(11, 0), surname);
        var search = fixture.PracticeA.As(fixture.DeskA).Get<AppointmentSearch>();

        var page1 = await search.SearchAsync(new AppointmentSearchQuery(surname, AppointmentFixture.Today, AppointmentFixture.Thursday, 0, 2));
        var page2 = await search.SearchAsync(new AppointmentSearchQuery(surname, AppointmentFixture.Today, AppointmentFixture.Thursday, 1, 2));
        var reversed = await SearchAsync(surname, AppointmentFixture.Thursday, AppointmentFixture.Today);
        var tooShort = await SearchAsync("q", AppointmentFixture.Today, AppointmentFixture.Thursday);

        Assert.Equal([first.Id, second.Id], page1.Items.Select(r => r.Id));
        Assert.Equal([third.Id], page2.Items.Select(r => r.Id));
        Assert.All([page1, page2], p => Assert.Equal(3, p.TotalCount));
        Assert.Equal("The last day must not be before the first day.", reversed.Problem);
        Assert.NotNull(tooShort.Problem);
        Assert.Empty(tooShort.Items);
    }

    [Fact]
    public async Task Another_practice_never_finds_our_appointments_by_number_name_or_mobile()
    {
        var surname = UniqueName();
        var mobile = UniqueMobile();
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten, surname, mobile);
        var today = AppointmentFixture.Today;
        var month = today.AddDays(AppointmentSearch.DefaultRangeDays);

        foreach (var text in new[] { booked.Number, surname, mobile, "APT", "" })
        {
            var found = await SearchAsync(text, today, month, fixture.PracticeB, fixture.DeskB);
            Assert.DoesNotContain(booked.Id, found.Items.Select(r => r.Id));
        }

        Assert.Contains(booked.Id, (await SearchAsync(surname, today, month)).Items.Select(r => r.Id));
    }

    // ---------- Reason and notes ----------

    private Task<ChangeResult<AppointmentOutcome>> EditAsync(Booked booked, string? reason, string? notes, string? reasonSeen = "Check-up", string? notesSeen = null, TestPractice? practice = null, TestMember? member = null) =>
        (practice ?? fixture.PracticeA).As(member ?? booked.Reception).Get<AppointmentTexts>()
            .UpdateAsync(booked.Id, new AppointmentTextsEdit(reason, notes, reasonSeen, notesSeen));

    [Fact]
    public async Task Reason_and_notes_are_saved_trimmed_and_audited_without_copying_the_texts()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);

        var saved = await EditAsync(booked, "  Fever for three days ", " Bring old reports ");

        Assert.True(saved.Succeeded, string.Join("; ", saved.AllMessages()));
        var appointment = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal("Fever for three days", appointment.Reason);
        Assert.Equal("Bring old reports", appointment.Notes);
        var audit = (await fixture.AuditOfAsync(fixture.PracticeA, booked.Id)).Single(e => e.Action == AuditActions.AppointmentTextsEdited);
        Assert.Equal(booked.Reception.UserId, audit.UserId);
        Assert.Equal($"{booked.Number}: changed reason (8 → 20 characters) and notes (0 → 17 characters)", audit.Details);
        Assert.DoesNotContain("Fever", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_texts_are_refused_next_to_their_fields_and_the_limits_themselves_are_accepted()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);

        var tooLong = await EditAsync(booked, new string('r', 501), new string('n', 2001));
        var atTheLimits = await EditAsync(booked, new string('r', 500), new string('n', 2000));

        Assert.Equal(ChangeOutcome.Invalid, tooLong.Outcome);
        Assert.Equal("The reason for the visit can be at most 500 characters.", tooLong.FieldErrors[AppointmentFields.Reason]);
        Assert.Equal("Notes can be at most 2000 characters.", tooLong.FieldErrors[AppointmentFields.Notes]);
        Assert.True(atTheLimits.Succeeded, string.Join("; ", atTheLimits.AllMessages()));
        Assert.Equal(2000, (await fixture.ReadAsync(fixture.PracticeA, booked.Id)).Notes!.Length);
    }

    [Fact]
    public async Task An_edit_made_from_texts_someone_else_has_changed_since_is_refused_as_stale()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        Assert.True((await EditAsync(booked, "Check-up", "Called: coming at 10")).Succeeded);

        var stale = await EditAsync(booked, "Check-up", "Bring reports", notesSeen: null);
        var unchanged = await EditAsync(booked, "Check-up", "Called: coming at 10", notesSeen: "Called: coming at 10");

        Assert.Equal(ChangeOutcome.Stale, stale.Outcome);
        Assert.Equal(ChangeOutcome.Unchanged, unchanged.Outcome);
        Assert.Equal("Called: coming at 10", (await fixture.ReadAsync(fixture.PracticeA, booked.Id)).Notes);
        Assert.Single(await fixture.AuditOfAsync(fixture.PracticeA, booked.Id), e => e.Action == AuditActions.AppointmentTextsEdited);
    }

    [Fact]
    public async Task A_completed_visit_keeps_both_texts_editable_a_cancelled_one_only_its_notes()
    {
        var completed = await BookAsync(AppointmentFixture.Today, Ten);
        var doctor = fixture.PracticeA.As(completed.Doctor.Member).Get<AppointmentService>();
        Assert.True((await doctor.StartAsync(completed.Id)).Succeeded);
        Assert.True((await doctor.CompleteAsync(completed.Id)).Succeeded);
        var cancelled = await BookAsync(AppointmentFixture.Wednesday, Ten);
        Assert.True((await fixture.PracticeA.As(cancelled.Reception).Get<AppointmentService>().CancelAsync(cancelled.Id, "Travelling")).Succeeded);

        var afterVisit = await EditAsync(completed, "Follow-up of fever", "Report collected");
        var cancelledReason = await EditAsync(cancelled, "Something else", null);
        var cancelledNotes = await EditAsync(cancelled, "Check-up", "Called to rebook next week");

        Assert.True(afterVisit.Succeeded, string.Join("; ", afterVisit.AllMessages()));
        Assert.Equal(AppointmentTexts.ReasonLockedMessage, cancelledReason.FieldErrors[AppointmentFields.Reason]);
        Assert.True(cancelledNotes.Succeeded, string.Join("; ", cancelledNotes.AllMessages()));
        var saved = await fixture.ReadAsync(fixture.PracticeA, cancelled.Id);
        Assert.Equal("Check-up", saved.Reason);
        Assert.Equal("Called to rebook next week", saved.Notes);
    }

    [Fact]
    public async Task Another_practice_cannot_edit_our_appointments_texts()
    {
        var booked = await BookAsync(AppointmentFixture.Wednesday, Ten);
        var bOwner = await fixture.PracticeB.AddMemberAsync(PracticeRoles.Owner);

        var fromB = await EditAsync(booked, "Hacked", "Hacked", practice: fixture.PracticeB, member: bOwner);

        Assert.Equal(ChangeOutcome.NotFound, fromB.Outcome);
        var saved = await fixture.ReadAsync(fixture.PracticeA, booked.Id);
        Assert.Equal("Check-up", saved.Reason);
        Assert.Null(saved.Notes);
        Assert.DoesNotContain(await fixture.AuditOfAsync(fixture.PracticeA, booked.Id), e => e.Action == AuditActions.AppointmentTextsEdited);
    }
}

public sealed class SqliteAppointmentCalendarServiceTests(SqliteAppointmentFixture fixture)
    : AppointmentCalendarServiceTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresAppointmentCalendarServiceTests(PostgresAppointmentFixture fixture)
    : AppointmentCalendarServiceTests(fixture), IClassFixture<PostgresAppointmentFixture>;
