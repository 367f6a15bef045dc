using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Consultations;

/// <summary>
/// The consultation service on both databases: starting (one open consultation per doctor), "See now", the autosaved
/// draft and its version, the allergy and duplicate warnings, finalising (number, copied names, the visit completed in
/// the same transaction), completing without a prescription, who may write, and what a refusal leaves behind (nothing).
/// "Now" is Tuesday 10 March 2026, 09:40 in Chennai, and the clock does not move unless a test moves it.
/// </summary>
public abstract partial class ConsultationServiceTests(ConsultationFixture fixture)
{
    private TestPractice Practice => fixture.PracticeA;

    private static DateTime Now => AppointmentFixture.Now.UtcDateTime;

    private sealed record Visit(TestDoctor Doctor, Guid Patient, Guid Appointment);

    private ConsultationService Consultations(TestMember member) => Practice.As(member).Get<ConsultationService>();

    private ConsultationService Consultations(TestDoctor doctor) => Consultations(doctor.Member);

    private ConsultationQueries Queries(TestMember member) => Practice.As(member).Get<ConsultationQueries>();

    private Task<TestDoctor> DoctorAsync(PracticeRoles roles = PracticeRoles.Doctor) =>
        Practice.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)], roles: roles);

    /// <summary>A scheduled visit today at <paramref name="hour"/>:<paramref name="minute"/>.</summary>
    private Task<Guid> VisitAsync(TestDoctor doctor, Guid patient, int hour = 10, int minute = 0, AppointmentStatus status = AppointmentStatus.Scheduled) =>
        Practice.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Today, hour, minute), status: status, reason: "Fever and sore throat");

    /// <summary>A doctor with a patient in consultation (started through the service).</summary>
    private async Task<Visit> StartedVisitAsync(string? allergies = null)
    {
        var doctor = await DoctorAsync();
        var patient = await fixture.PatientAsync(Practice, allergies, "Meena", "Iyer");
        var appointment = await VisitAsync(doctor, patient);
        await ChangeAssert.DoneAsync(Consultations(doctor).StartAsync(appointment));
        return new Visit(doctor, patient, appointment);
    }

    private PrescriptionLineInput LineOf(string brandName, string? frequency = "1-0-1") => new()
    {
        IsGlobal = true, MedicineId = fixture.Medicine(brandName).Id, MedicineLabel = brandName, Dose = "1 tablet", Frequency = frequency,
        Duration = "5 days", Timing = MedicineTiming.AfterFood, Quantity = 10,
    };

    private static ConsultationInput Written(params PrescriptionLineInput[] lines) => new()
    {
        ChiefComplaint = "Fever and sore throat", Diagnosis = "Acute pharyngitis", Lines = [.. lines],
    };

    private Task<Consultation?> ConsultationOfAsync(Guid appointmentId) => fixture.ConsultationOfAsync(Practice, appointmentId);

    private Task<List<Prescription>> PrescriptionsOfAsync(Guid appointmentId) => fixture.PrescriptionsOfAsync(Practice, appointmentId);

    private async Task<AppointmentStatus> StatusOfAsync(Guid appointmentId) => (await fixture.ReadAsync(Practice, appointmentId)).Status;

    /// <summary>
    /// The visit's audit actions, compared as a set: the test clock does not move, so rows written by one change (or by
    /// changes at the same frozen instant) share a timestamp and the database returns them in any order.
    /// </summary>
    private async Task AssertAuditTrailAsync(Guid appointmentId, params string[] expected)
    {
        var actions = (await fixture.AuditOfAsync(Practice, appointmentId)).Select(e => e.Action);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actions.Order(StringComparer.Ordinal));
    }

    // ---------- Starting ----------

    [Fact]
    public async Task Starting_moves_the_visit_in_consultation_and_opens_its_record_in_one_change()
    {
        var doctor = await DoctorAsync();
        var patient = await fixture.PatientAsync(Practice);
        var appointment = await VisitAsync(doctor, patient);

        var started = await ChangeAssert.DoneAsync(Consultations(doctor).StartAsync(appointment));

        Assert.Equal(appointment, started.AppointmentId);
        Assert.Null(started.BusyWith);
        var visit = await fixture.ReadAsync(Practice, appointment);
        Assert.Equal(AppointmentStatus.InProgress, visit.Status);
        Assert.Equal(Now, visit.StatusChangedAtUtc);
        var consultation = await ConsultationOfAsync(appointment);
        Assert.NotNull(consultation);
        Assert.Equal(patient, consultation.PatientId);
        Assert.Equal(doctor.Id, consultation.DoctorProfileId);
        Assert.Equal(Now, consultation.StartedAtUtc);
        Assert.Equal("Fever and sore throat", consultation.ChiefComplaint);
        Assert.Null(consultation.PausedAtUtc);
        Assert.Null(consultation.CompletedAtUtc);
        var audit = Assert.Single(await fixture.AuditOfAsync(Practice, appointment));
        Assert.Equal(AuditActions.ConsultationStarted, audit.Action);
        Assert.Equal(doctor.UserId, audit.UserId);
    }

    [Fact]
    public async Task Another_doctor_cannot_start_the_visit()
    {
        var doctor = await DoctorAsync();
        var colleague = await DoctorAsync();
        var appointment = await VisitAsync(doctor, await fixture.PatientAsync(Practice));

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(colleague).StartAsync(appointment));

        Assert.Equal(ConsultationService.OnlyTheDoctor, refused.Message);
        Assert.Equal(AppointmentStatus.Scheduled, await StatusOfAsync(appointment));
        Assert.Null(await ConsultationOfAsync(appointment));
        Assert.Empty(await fixture.AuditOfAsync(Practice, appointment));
    }

    [Fact]
    public async Task Only_a_visit_of_today_can_be_started()
    {
        var doctor = await DoctorAsync();
        var appointment = await Practice.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, await fixture.PatientAsync(Practice), AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10));

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(doctor).StartAsync(appointment));

        Assert.StartsWith("Only today's appointments can be started", refused.Message, StringComparison.Ordinal);
        Assert.Null(await ConsultationOfAsync(appointment));
    }

    [Fact]
    public async Task An_administrator_may_start_another_doctors_visit_from_the_queue_and_read_it_but_never_writes_it()
    {
        var doctor = await DoctorAsync();
        var admin = await Practice.AddMemberAsync(PracticeRoles.Admin);
        var ownerAndDoctor = await DoctorAsync(PracticeRoles.Owner | PracticeRoles.Doctor);
        var reception = await Practice.AddMemberAsync(PracticeRoles.Receptionist);
        var appointment = await VisitAsync(doctor, await fixture.PatientAsync(Practice));

        await ChangeAssert.DoneAsync(Practice.As(admin).Get<AppointmentService>().StartAsync(appointment));

        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(appointment));
        Assert.NotNull(await ConsultationOfAsync(appointment));
        var input = Written(LineOf("Dolo 650"));
        foreach (var member in new[] { admin, reception })
        {
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(member).SaveDraftAsync(appointment, input, 0));
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(member).FinaliseAsync(appointment, input, 0));
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(member).CompleteWithoutPrescriptionAsync(appointment, new ConsultationInput(), 0));
            await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(member).PauseAsync(appointment));
        }

        // An owner who is also a doctor is still not this visit's doctor.
        var notTheirs = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(ownerAndDoctor).SaveDraftAsync(appointment, input, 0));
        Assert.Equal(ConsultationService.OnlyTheDoctor, notTheirs.Message);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(ownerAndDoctor).FinaliseAsync(appointment, input, 0));

        var adminView = await Queries(admin).OpenAsync(appointment);
        var ownerView = await Queries(ownerAndDoctor.Member).OpenAsync(appointment);
        var doctorView = await Queries(doctor.Member).OpenAsync(appointment);
        Assert.NotNull(adminView);
        Assert.False(adminView.CanWrite);
        Assert.NotNull(ownerView);
        Assert.False(ownerView.CanWrite);
        Assert.NotNull(doctorView);
        Assert.True(doctorView.CanWrite);
        Assert.Null(await Queries(reception).OpenAsync(appointment));
        Assert.Null(await Queries((await DoctorAsync()).Member).OpenAsync(appointment));

        var consultation = await ConsultationOfAsync(appointment);
        Assert.Equal(0, consultation!.Version);
        Assert.Null(consultation.Diagnosis);
        Assert.Empty(await PrescriptionsOfAsync(appointment));
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(appointment));
    }

    [Fact]
    public async Task A_second_start_while_a_consultation_is_open_is_refused_naming_the_patient_or_pauses_the_first_when_asked()
    {
        var doctor = await DoctorAsync();
        var meena = await fixture.PatientAsync(Practice, firstName: "Meena", lastName: "Iyer");
        var arjun = await fixture.PatientAsync(Practice, firstName: "Arjun", lastName: "Rao");
        var first = await VisitAsync(doctor, meena, 10);
        var second = await VisitAsync(doctor, arjun, 10, 30);
        await ChangeAssert.DoneAsync(Consultations(doctor).StartAsync(first));
        var firstNumber = (await fixture.ReadAsync(Practice, first)).Number;

        var refused = await Consultations(doctor).StartAsync(second);

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.Equal("Meena Iyer", refused.Value!.BusyWith);
        Assert.Contains($"Meena Iyer ({firstNumber})", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Scheduled, await StatusOfAsync(second));
        Assert.Null(await ConsultationOfAsync(second));
        // The front desk's "Start" is the same step and refused alike.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Practice.As(doctor.Member).Get<AppointmentService>().StartAsync(second));

        await ChangeAssert.DoneAsync(Consultations(doctor).StartAsync(second, pauseOpenConsultation: true));

        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(first));
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(second));
        Assert.Equal(Now, (await ConsultationOfAsync(first))!.PausedAtUtc);
        Assert.Null((await ConsultationOfAsync(second))!.PausedAtUtc);
        await AssertAuditTrailAsync(first, AuditActions.ConsultationStarted, AuditActions.ConsultationPaused);

        // Going back to the first: refused while the second is open, then resumed by putting the second aside.
        var back = await Consultations(doctor).StartAsync(first);
        Assert.Equal(ChangeOutcome.Refused, back.Outcome);
        Assert.Equal("Arjun Rao", back.Value!.BusyWith);
        var resumed = await ChangeAssert.DoneAsync(Consultations(doctor).StartAsync(first, pauseOpenConsultation: true));
        Assert.Null(resumed.BusyWith);
        Assert.Null((await ConsultationOfAsync(first))!.PausedAtUtc);
        Assert.Equal(Now, (await ConsultationOfAsync(second))!.PausedAtUtc);
        // Starting the open one again changes nothing.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, Consultations(doctor).StartAsync(first));
    }

    [Fact]
    public async Task Two_starts_at_once_for_one_doctor_open_one_consultation_and_refuse_the_other()
    {
        var doctor = await DoctorAsync();
        var first = await VisitAsync(doctor, await fixture.PatientAsync(Practice), 10);
        var second = await VisitAsync(doctor, await fixture.PatientAsync(Practice), 10, 30);

        // Whichever is decided first wins; the other sees it, as the doctor's row is locked by both.
        var results = await Task.WhenAll(
            Task.Run(() => Consultations(doctor).StartAsync(first)),
            Task.Run(() => Consultations(doctor).StartAsync(second)));

        Assert.Equal([ChangeOutcome.Done, ChangeOutcome.Refused], results.Select(r => r.Outcome).Order());
        var inProgress = (await fixture.AppointmentsOfAsync(Practice, doctor.Id)).Where(a => a.Status == AppointmentStatus.InProgress).ToList();
        Assert.Single(inProgress);
        Assert.NotNull(await ConsultationOfAsync(inProgress[0].Id));
        Assert.Null(await ConsultationOfAsync(inProgress[0].Id == first ? second : first));
    }

    [Fact]
    public async Task Pausing_puts_the_consultation_aside_once_and_frees_the_doctor()
    {
        var visit = await StartedVisitAsync();
        var next = await VisitAsync(visit.Doctor, await fixture.PatientAsync(Practice), 11);

        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).PauseAsync(visit.Appointment));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, Consultations(visit.Doctor).PauseAsync(visit.Appointment));

        Assert.Equal(Now, (await ConsultationOfAsync(visit.Appointment))!.PausedAtUtc);
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));
        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).StartAsync(next));
        var scheduled = await VisitAsync(visit.Doctor, await fixture.PatientAsync(Practice), 12);
        var notStarted = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(visit.Doctor).PauseAsync(scheduled));
        Assert.Contains("start it before writing", notStarted.Message, StringComparison.Ordinal);
    }

    // ---------- See now ----------

    [Fact]
    public async Task See_now_makes_a_walk_in_with_the_doctor_and_starts_it_in_one_change()
    {
        var doctor = await DoctorAsync();
        var patient = await fixture.PatientAsync(Practice);

        var seen = await ChangeAssert.DoneAsync(Consultations(doctor).SeeNowAsync(patient, fixture.AnnaNagar));

        var visit = await fixture.ReadAsync(Practice, seen.AppointmentId);
        Assert.True(visit.IsWalkIn);
        Assert.Equal(AppointmentStatus.InProgress, visit.Status);
        Assert.Equal(patient, visit.PatientId);
        Assert.Equal(doctor.Id, visit.DoctorProfileId);
        Assert.Equal(fixture.AnnaNagar, visit.ClinicLocationId);
        Assert.Equal("Seen now", visit.Reason);
        Assert.Matches(AppointmentNumber(), visit.Number);
        Assert.Equal(patient, (await ConsultationOfAsync(seen.AppointmentId))!.PatientId);
        await AssertAuditTrailAsync(seen.AppointmentId, AuditActions.WalkInAdded, AuditActions.ConsultationStarted);
        // In the room now: arrived now, with the doctor's first token of the day, shown on the display as being seen.
        Assert.Equal((1, (DateTime?)Now), (visit.TokenNumber!.Value, visit.ArrivedAtUtc));
    }

    [Fact]
    public async Task See_now_takes_the_doctors_next_token_from_the_same_count_as_the_desks_check_ins()
    {
        var doctor = await DoctorAsync();
        var booked = await VisitAsync(doctor, await fixture.PatientAsync(Practice, firstName: "Lata", lastName: "Menon"), hour: 11);
        var desk = await Practice.AddMemberAsync(PracticeRoles.Receptionist);
        await ChangeAssert.DoneAsync(Practice.As(desk).Get<CheckInService>().CheckInAsync(booked));

        var seen = await ChangeAssert.DoneAsync(Consultations(doctor).SeeNowAsync(await fixture.PatientAsync(Practice, firstName: "Ravi", lastName: "Shankar"), fixture.AnnaNagar));

        Assert.Equal(1, (await fixture.ReadAsync(Practice, booked)).TokenNumber);
        Assert.Equal(2, (await fixture.ReadAsync(Practice, seen.AppointmentId)).TokenNumber);
        Assert.Equal(2, await fixture.LastNumberTodayAsync(Practice, AppointmentTokens.CounterKind(doctor.Id)));
    }

    [Fact]
    public async Task See_now_while_with_another_patient_is_refused_and_leaves_no_walk_in_unless_the_other_is_paused()
    {
        var visit = await StartedVisitAsync();
        var patient = await fixture.PatientAsync(Practice, firstName: "Arjun", lastName: "Rao");
        var numbersBefore = await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.AppointmentKind);

        var refused = await Consultations(visit.Doctor).SeeNowAsync(patient, fixture.AnnaNagar);
        var elsewhere = await Consultations(visit.Doctor).SeeNowAsync(patient, fixture.TNagar, pauseOpenConsultation: true);

        Assert.Equal(ChangeOutcome.Refused, refused.Outcome);
        Assert.Equal("Meena Iyer", refused.Value!.BusyWith);
        Assert.Equal(ChangeOutcome.Invalid, elsewhere.Outcome);
        Assert.Contains(AppointmentFields.Location, elsewhere.FieldErrors.Keys);
        Assert.Single(await fixture.AppointmentsOfAsync(Practice, visit.Doctor.Id));
        Assert.Equal(numbersBefore, await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.AppointmentKind));
        Assert.Equal(0, await fixture.LastNumberTodayAsync(Practice, AppointmentTokens.CounterKind(visit.Doctor.Id))); // no token given away either
        Assert.Null((await ConsultationOfAsync(visit.Appointment))!.PausedAtUtc);

        var seen = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SeeNowAsync(patient, fixture.AnnaNagar, pauseOpenConsultation: true));

        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(seen.AppointmentId));
        Assert.Equal(1, (await fixture.ReadAsync(Practice, seen.AppointmentId)).TokenNumber);
        Assert.Equal(Now, (await ConsultationOfAsync(visit.Appointment))!.PausedAtUtc);
    }

    [Fact]
    public async Task Only_a_doctor_can_see_a_patient_now()
    {
        var admin = await Practice.AddMemberAsync(PracticeRoles.Owner);
        var patient = await fixture.PatientAsync(Practice);

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Consultations(admin).SeeNowAsync(patient, fixture.AnnaNagar));

        Assert.Equal(0, await Practice.WithContextAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient)));
    }

    // ---------- The draft ----------

    [Fact]
    public async Task Each_draft_save_moves_the_version_on_and_an_older_tab_is_refused_as_stale_without_losing_anything()
    {
        var visit = await StartedVisitAsync();
        var firstTab = (await Queries(visit.Doctor.Member).OpenAsync(visit.Appointment))!;
        var secondTab = (await Queries(visit.Doctor.Member).OpenAsync(visit.Appointment))!;
        Assert.True(firstTab.CanWrite);
        Assert.Equal(firstTab.Version, secondTab.Version);

        var input = firstTab.Input;
        input.Diagnosis = "Acute pharyngitis";
        input.Lines = [LineOf("Dolo 650")];
        var saved = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, firstTab.Version));
        // The autosave fires again at once with only a line changed: the clock has not moved, the version still must.
        input.Lines[0].Dose = "2 tablets";
        var savedAgain = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, saved.Version));

        Assert.Equal(firstTab.Version + 1, saved.Version);
        Assert.Equal(saved.Version + 1, savedAgain.Version);
        Assert.Equal(Now, savedAgain.SavedAtUtc);
        Assert.Equal(savedAgain.Version, (await ConsultationOfAsync(visit.Appointment))!.Version);

        var older = secondTab.Input;
        older.Symptoms = "Cough";
        var stale = await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, older, secondTab.Version));
        Assert.Equal(ChangeResult.StaleMessage(ConsultationService.Record), stale.Message);
        var staleFinalise = await Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, older, saved.Version);
        Assert.Equal(ChangeOutcome.Stale, staleFinalise.Outcome);

        var reopened = (await Queries(visit.Doctor.Member).OpenAsync(visit.Appointment))!;
        Assert.Equal(savedAgain.Version, reopened.Version);
        Assert.Equal("Acute pharyngitis", reopened.Input.Diagnosis);
        Assert.Null(reopened.Input.Symptoms);
        var line = Assert.Single(reopened.Input.Lines);
        Assert.Equal(fixture.Medicine("Dolo 650").Id, line.MedicineId);
        Assert.Equal("2 tablets", line.Dose);
        var draft = Assert.Single(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Equal(PrescriptionStatus.Draft, draft.Status);
        Assert.Null(draft.Number);
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));

        // The second tab, reopened, carries on from what the first saved.
        reopened.Input.Symptoms = "Cough";
        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, reopened.Input, reopened.Version));
        Assert.Equal("Cough", (await ConsultationOfAsync(visit.Appointment))!.Symptoms);
        Assert.Equal("Acute pharyngitis", (await ConsultationOfAsync(visit.Appointment))!.Diagnosis);
    }

    [Fact]
    public async Task A_visit_started_before_consultations_existed_gets_its_record_at_the_first_save_and_keeps_saving()
    {
        var doctor = await DoctorAsync();
        var appointment = await VisitAsync(doctor, await fixture.PatientAsync(Practice), status: AppointmentStatus.InProgress);
        var view = (await Queries(doctor.Member).OpenAsync(appointment))!;
        Assert.True(view.CanWrite);

        view.Input.Diagnosis = "Viral fever";
        var first = await ChangeAssert.DoneAsync(Consultations(doctor).SaveDraftAsync(appointment, view.Input, view.Version));
        view.Input.Advice = "Rest";
        var second = await ChangeAssert.DoneAsync(Consultations(doctor).SaveDraftAsync(appointment, view.Input, first.Version));

        var consultation = (await ConsultationOfAsync(appointment))!;
        Assert.Equal(second.Version, consultation.Version);
        Assert.Equal("Rest", consultation.Advice);
    }

    [Fact]
    public async Task Implausible_vitals_are_refused_on_their_fields_and_nothing_is_written()
    {
        var visit = await StartedVisitAsync();
        var input = Written(LineOf("Dolo 650"));
        input.BloodPressureSystolic = 80;
        input.BloodPressureDiastolic = 120;
        input.PulsePerMinute = 1200;
        input.TemperatureCelsius = 98.6m;
        input.FollowUpOn = AppointmentFixture.Today.AddDays(-1);

        var draft = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, 0));
        var final = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, 0));
        var withoutMedicines = Written();
        withoutMedicines.PulsePerMinute = 1200;
        var complete = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).CompleteWithoutPrescriptionAsync(visit.Appointment, withoutMedicines, 0));

        string[] fields = [ConsultationFields.BloodPressure, ConsultationFields.FollowUpOn, ConsultationFields.Pulse, ConsultationFields.Temperature];
        Assert.Equal(fields.Order(), draft.FieldErrors.Keys.Order());
        Assert.Equal(fields.Order(), final.FieldErrors.Keys.Order());
        Assert.Equal("Pulse must be between 20 and 250 per minute.", draft.FieldErrors[ConsultationFields.Pulse]);
        Assert.Equal([ConsultationFields.Pulse], complete.FieldErrors.Keys);
        var consultation = (await ConsultationOfAsync(visit.Appointment))!;
        Assert.Equal(0, consultation.Version);
        Assert.Null(consultation.Diagnosis);
        Assert.Null(consultation.PulsePerMinute);
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));
    }

    [Fact]
    public async Task Writing_a_visit_that_has_not_started_is_refused_with_the_way_forward()
    {
        var doctor = await DoctorAsync();
        var appointment = await VisitAsync(doctor, await fixture.PatientAsync(Practice));

        var draft = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(doctor).SaveDraftAsync(appointment, Written(LineOf("Dolo 650")), 0));
        var final = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(doctor).FinaliseAsync(appointment, Written(LineOf("Dolo 650")), 0));
        var complete = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(doctor).CompleteWithoutPrescriptionAsync(appointment, Written(), 0));

        Assert.All(new[] { draft, final, complete }, r => Assert.Equal("This visit is scheduled; start it before writing.", r.Message));
        Assert.Null(await ConsultationOfAsync(appointment));
        Assert.Empty(await PrescriptionsOfAsync(appointment));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Consultations(doctor).SaveDraftAsync(Guid.NewGuid(), Written(), 0));
    }

    // ---------- Medicines the practice may prescribe ----------

    [Fact]
    public async Task Another_practices_medicine_a_hidden_one_or_an_unknown_id_is_not_accepted_and_nothing_is_written()
    {
        var visit = await StartedVisitAsync();
        var theirs = await fixture.PracticeB.WithContextAsync(async db =>
        {
            var medicine = new PracticeMedicine
            {
                BrandName = "B-Amox 500", GenericName = "Amoxicillin", Strength = "500 mg", DosageForm = "Capsule", DrugClass = "Penicillins",
                SearchText = "b-amox 500 amoxicillin", CreatedAtUtc = Now,
            };
            db.PracticeMedicines.Add(medicine);
            await db.SaveChangesAsync();
            return medicine.Id;
        });
        var hidden = fixture.Medicine("Azithral 500");
        await Practice.WithContextAsync(db =>
        {
            db.HiddenGlobalMedicines.Add(new HiddenGlobalMedicine { GlobalMedicineId = hidden.Id, HiddenAtUtc = Now });
            return db.SaveChangesAsync();
        });
        var input = Written(
            LineOf("Dolo 650"),
            new PrescriptionLineInput { IsGlobal = false, MedicineId = theirs, Dose = "1", Frequency = "1-0-1" },
            new PrescriptionLineInput { IsGlobal = true, MedicineId = theirs, Dose = "1", Frequency = "1-0-1" },
            LineOf("Azithral 500"),
            new PrescriptionLineInput { IsGlobal = true, MedicineId = Guid.NewGuid(), Dose = "1", Frequency = "1-0-1" });

        var draft = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, 0));
        var final = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, 0));

        string[] refused = ["Lines[1].Medicine", "Lines[2].Medicine", "Lines[3].Medicine", "Lines[4].Medicine"];
        Assert.Equal(refused, draft.FieldErrors.Keys.Order());
        Assert.Equal(refused, final.FieldErrors.Keys.Order());
        Assert.All(refused, key => Assert.Equal("This medicine is not offered in this practice any more. Choose another.", draft.FieldErrors[key]));
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Equal(0, (await ConsultationOfAsync(visit.Appointment))!.Version);
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));
    }

    // ---------- Warnings ----------

    [Fact]
    public async Task An_allergy_warning_must_be_confirmed_and_the_confirmation_is_kept_on_the_line_and_audited()
    {
        var visit = await StartedVisitAsync("Penicillin; dust");
        var input = Written(LineOf("Dolo 650"), LineOf("Mox 500"));

        var saved = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, 0));
        var warning = Assert.Single(saved.Warnings);
        Assert.Equal(1, warning.Index);
        Assert.Contains("Penicillins", warning.Message, StringComparison.Ordinal);
        var view = (await Queries(visit.Doctor.Member).OpenAsync(visit.Appointment))!;
        Assert.Equal(warning, Assert.Single(view.Warnings));

        var numbersBefore = await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.PrescriptionKind);
        var unconfirmed = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, saved.Version));
        Assert.Equal(["Lines[1].Warning"], unconfirmed.FieldErrors.Keys);
        Assert.Equal(warning.Message + " Confirm to prescribe it anyway.", unconfirmed.FieldErrors["Lines[1].Warning"]);
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));
        Assert.Null(Assert.Single(await PrescriptionsOfAsync(visit.Appointment)).Number);
        Assert.Equal(numbersBefore, await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.PrescriptionKind));

        input.Lines[1].WarningConfirmed = true;
        var finished = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, saved.Version));

        var prescription = Assert.Single(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Equal(finished.PrescriptionId, prescription.Id);
        Assert.Null(prescription.Lines[0].ConfirmedWarning);
        Assert.Null(prescription.Lines[0].WarningConfirmedByUserId);
        var confirmed = prescription.Lines[1];
        Assert.Equal(warning.Message, confirmed.ConfirmedWarning);
        Assert.Equal(visit.Doctor.UserId, confirmed.WarningConfirmedByUserId);
        Assert.Equal(Now, confirmed.WarningConfirmedAtUtc);
        var audit = Assert.Single(await fixture.AuditOfPatientAsync(Practice, visit.Patient), e => e.Action == AuditActions.PrescriptionWarningConfirmed);
        Assert.Equal(visit.Doctor.UserId, audit.UserId);
        Assert.Contains(finished.Number!, audit.Details, StringComparison.Ordinal);
        Assert.Contains("line 2 (Mox 500)", audit.Details, StringComparison.Ordinal);
        Assert.Contains("Penicillins", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_lines_with_one_generic_warn_on_the_second_and_need_confirming()
    {
        var visit = await StartedVisitAsync();
        var input = Written(LineOf("Dolo 650"), LineOf("Mox 500"), LineOf("Crocin 650", frequency: "SOS"));

        var unconfirmed = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, 0));

        Assert.Equal(["Lines[2].Warning"], unconfirmed.FieldErrors.Keys);
        Assert.StartsWith("Paracetamol is already on line 1", unconfirmed.FieldErrors["Lines[2].Warning"], StringComparison.Ordinal);
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));

        input.Lines[2].WarningConfirmed = true;
        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, 0));

        var lines = Assert.Single(await PrescriptionsOfAsync(visit.Appointment)).Lines;
        Assert.Equal(["Dolo 650", "Mox 500", "Crocin 650"], lines.Select(l => l.BrandName));
        Assert.StartsWith("Paracetamol is already on line 1", lines[2].ConfirmedWarning, StringComparison.Ordinal);
        Assert.Single(await fixture.AuditOfPatientAsync(Practice, visit.Patient), e => e.Action == AuditActions.PrescriptionWarningConfirmed);
    }

    // ---------- Finalising ----------

    [Fact]
    public async Task Finalising_without_a_diagnosis_or_without_medicines_is_refused_on_those_fields_and_writes_nothing()
    {
        var visit = await StartedVisitAsync();
        var noDiagnosis = Written(LineOf("Dolo 650"));
        noDiagnosis.Diagnosis = "  ";

        var withoutDiagnosis = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, noDiagnosis, 0));
        var withoutMedicines = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, Written(new PrescriptionLineInput()), 0));

        Assert.Equal([ConsultationFields.Diagnosis], withoutDiagnosis.FieldErrors.Keys);
        Assert.Equal("Enter the diagnosis: a prescription cannot be finalised without one.", withoutDiagnosis.FieldErrors[ConsultationFields.Diagnosis]);
        Assert.Equal([ConsultationFields.Lines], withoutMedicines.FieldErrors.Keys);
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));
        Assert.Null((await ConsultationOfAsync(visit.Appointment))!.CompletedAtUtc);
        Assert.DoesNotContain(await fixture.AuditOfAsync(Practice, visit.Appointment), e => e.Action == AuditActions.ConsultationCompleted);
    }

    [Fact]
    public async Task Finalising_numbers_the_prescription_copies_the_medicines_and_completes_the_visit_in_one_change()
    {
        var visit = await StartedVisitAsync();
        var mox = fixture.Medicine("Mox 500");
        var dolo = fixture.Medicine("Dolo 650");
        var moxBefore = await fixture.TimesPrescribedAsync(Practice, mox.Id);
        var doloBefore = await fixture.TimesPrescribedAsync(Practice, dolo.Id);
        var input = Written(
            new PrescriptionLineInput
            {
                IsGlobal = true, MedicineId = mox.Id, Dose = " 1 capsule ", Frequency = "1-1-1", Duration = "5 days", Timing = MedicineTiming.AfterFood,
                Quantity = 15, Instructions = "  Complete the course ", MedicineLabel = "whatever the page says",
            },
            new PrescriptionLineInput(),
            new PrescriptionLineInput { IsGlobal = true, MedicineId = dolo.Id, Frequency = "SOS", Timing = MedicineTiming.AsNeeded });
        input.Advice = "Warm saline gargles";
        input.FollowUpOn = AppointmentFixture.Today.AddDays(5);
        input.BloodPressureSystolic = 118;
        input.BloodPressureDiastolic = 76;
        input.TemperatureCelsius = 38.2m;
        input.SpO2Percent = 98;

        var finished = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, 0));

        Assert.Matches(PrescriptionNumber(), finished.Number!);
        Assert.Equal(visit.Appointment, finished.AppointmentId);
        var prescription = Assert.Single(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Equal(finished.PrescriptionId, prescription.Id);
        Assert.Equal(finished.Number, prescription.Number);
        Assert.Equal(PrescriptionStatus.Active, prescription.Status);
        Assert.Equal(1, prescription.VersionNumber);
        Assert.Equal("Acute pharyngitis", prescription.Diagnosis);
        Assert.Equal("Warm saline gargles", prescription.Advice);
        Assert.Equal(AppointmentFixture.Today.AddDays(5), prescription.FollowUpOn);
        Assert.Equal(Now, prescription.FinalisedAtUtc);
        Assert.Equal(visit.Doctor.UserId, prescription.FinalisedByUserId);
        Assert.Equal(visit.Patient, prescription.PatientId);
        Assert.Equal(visit.Doctor.Id, prescription.DoctorProfileId);
        Assert.Equal(fixture.AnnaNagar, prescription.ClinicLocationId);

        Assert.Equal([1, 2], prescription.Lines.Select(l => l.Position));
        var first = prescription.Lines[0];
        Assert.Equal(mox.Id, first.GlobalMedicineId);
        Assert.Null(first.PracticeMedicineId);
        Assert.Equal(("Mox 500", "Amoxicillin", "500 mg", "Capsule", "Penicillins"), (first.BrandName, first.GenericName, first.Strength, first.DosageForm, first.DrugClass));
        Assert.Equal("1 capsule", first.Dose);
        Assert.Equal("1-1-1", first.Frequency);
        Assert.Equal("5 days", first.Duration);
        Assert.Equal(MedicineTiming.AfterFood, first.Timing);
        Assert.Equal(15, first.Quantity);
        Assert.Equal("Complete the course", first.Instructions);
        Assert.Equal(("Dolo 650", "Paracetamol", "650 mg"), (prescription.Lines[1].BrandName, prescription.Lines[1].GenericName, prescription.Lines[1].Strength));
        Assert.Null(prescription.Lines[1].Dose);

        Assert.Equal(AppointmentStatus.Completed, await StatusOfAsync(visit.Appointment));
        var consultation = (await ConsultationOfAsync(visit.Appointment))!;
        Assert.Equal(Now, consultation.CompletedAtUtc);
        Assert.Equal("Acute pharyngitis", consultation.Diagnosis);
        Assert.Equal((118, 76, 38.2m, 98), (consultation.BloodPressureSystolic!.Value, consultation.BloodPressureDiastolic!.Value, consultation.TemperatureCelsius!.Value, consultation.SpO2Percent!.Value));
        Assert.Equal(moxBefore + 1, await fixture.TimesPrescribedAsync(Practice, mox.Id));
        Assert.Equal(doloBefore + 1, await fixture.TimesPrescribedAsync(Practice, dolo.Id));

        await AssertAuditTrailAsync(visit.Appointment, AuditActions.ConsultationStarted, AuditActions.ConsultationCompleted);
        var finalised = Assert.Single(await fixture.AuditOfPatientAsync(Practice, visit.Patient), e => e.Action == AuditActions.PrescriptionFinalised);
        Assert.Equal(visit.Doctor.UserId, finalised.UserId);
        Assert.Equal($"{finished.Number}: 2 medicine(s) — Mox 500 500 mg, Dolo 650 650 mg", finalised.Details);

        // The visit is done: nothing more is written to it.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, consultation.Version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, consultation.Version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Consultations(visit.Doctor).StartAsync(visit.Appointment));
        Assert.Single(await PrescriptionsOfAsync(visit.Appointment));
        var view = (await Queries(visit.Doctor.Member).OpenAsync(visit.Appointment))!;
        Assert.False(view.CanWrite);
        Assert.Equal(finished.Number, view.FinalPrescriptionNumber);
    }

    [Fact]
    public async Task The_prescription_keeps_the_medicines_names_as_they_were_when_it_was_finalised()
    {
        var visit = await StartedVisitAsync();
        var own = await Practice.WithContextAsync(async db =>
        {
            var medicine = new PracticeMedicine
            {
                BrandName = "House Gargle", GenericName = "Povidone-iodine", Strength = "2% w/v", DosageForm = "Gargle", DrugClass = "Antiseptics",
                SearchText = "house gargle povidone-iodine", CreatedAtUtc = Now,
            };
            db.PracticeMedicines.Add(medicine);
            await db.SaveChangesAsync();
            return medicine;
        });
        var input = Written(new PrescriptionLineInput { IsGlobal = false, MedicineId = own.Id, Frequency = "Thrice a day" });

        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, input, 0));
        await Practice.WithContextAsync(async db =>
        {
            var medicine = await db.PracticeMedicines.SingleAsync(m => m.Id == own.Id);
            (medicine.BrandName, medicine.Strength) = ("Renamed Gargle", "1% w/v");
            return await db.SaveChangesAsync();
        });

        var line = Assert.Single(Assert.Single(await PrescriptionsOfAsync(visit.Appointment)).Lines);
        Assert.Equal(own.Id, line.PracticeMedicineId);
        Assert.Null(line.GlobalMedicineId);
        Assert.Equal(("House Gargle", "Povidone-iodine", "2% w/v", "Gargle"), (line.BrandName, line.GenericName, line.Strength, line.DosageForm));
    }

    [Fact]
    public async Task Numbers_run_on_through_the_day_one_per_finalised_prescription()
    {
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var visit = await StartedVisitAsync();
            numbers.Add((await ChangeAssert.DoneAsync(Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, Written(LineOf("Dolo 650")), 0))).Number!);
        }

        var values = numbers.Select(n => int.Parse(n[^4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(numbers, n => Assert.Matches(PrescriptionNumber(), n));
        Assert.Equal([values[0], values[0] + 1, values[0] + 2], values);
        Assert.Equal(values[2], await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.PrescriptionKind));
    }

    [Fact]
    public async Task The_next_visit_shows_the_earlier_one_and_can_repeat_its_prescription()
    {
        var visit = await StartedVisitAsync();
        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).FinaliseAsync(visit.Appointment, Written(LineOf("Mox 500"), LineOf("Dolo 650", frequency: "SOS")), 0));
        var next = await VisitAsync(visit.Doctor, visit.Patient, 11);
        await ChangeAssert.DoneAsync(Consultations(visit.Doctor).StartAsync(next));

        var view = (await Queries(visit.Doctor.Member).OpenAsync(next))!;
        var (lines, unavailable) = await Queries(visit.Doctor.Member).LastPrescriptionAsync(next);

        var earlier = Assert.Single(view.LastVisits);
        Assert.Equal((await fixture.ReadAsync(Practice, visit.Appointment)).Number, earlier.Number);
        Assert.Equal("Acute pharyngitis", earlier.Diagnosis);
        Assert.Equal(["Mox 500 500 mg", "Dolo 650 650 mg"], earlier.Medicines);
        Assert.Equal([fixture.Medicine("Mox 500").Id, fixture.Medicine("Dolo 650").Id], lines.Select(l => l.MedicineId!.Value));
        Assert.Equal(["1-0-1", "SOS"], lines.Select(l => l.Frequency!));
        Assert.Empty(unavailable);
        var opened = Assert.Single(await fixture.AuditOfPatientAsync(Practice, visit.Patient), e => e.Action == AuditActions.PatientViewed);
        Assert.Equal(visit.Doctor.UserId, opened.UserId);
        Assert.Contains((await fixture.ReadAsync(Practice, next)).Number, opened.Details, StringComparison.Ordinal);
    }

    // ---------- Completing without a prescription ----------

    [Fact]
    public async Task Completing_without_a_prescription_is_refused_while_medicines_are_written()
    {
        var visit = await StartedVisitAsync();
        var input = Written(LineOf("Dolo 650"));
        var saved = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, 0));

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Consultations(visit.Doctor).CompleteWithoutPrescriptionAsync(visit.Appointment, input, saved.Version));
        // The front desk's "Complete" does not drop a written prescription either.
        var fromQueue = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Practice.As(visit.Doctor.Member).Get<AppointmentService>().CompleteAsync(visit.Appointment));

        Assert.Equal([ConsultationFields.Lines], refused.FieldErrors.Keys);
        Assert.StartsWith("A prescription is being written for this visit.", fromQueue.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.InProgress, await StatusOfAsync(visit.Appointment));
        Assert.Single(Assert.Single(await PrescriptionsOfAsync(visit.Appointment)).Lines);
    }

    [Fact]
    public async Task Completing_without_a_prescription_saves_the_notes_drops_an_emptied_draft_and_completes_the_visit()
    {
        var visit = await StartedVisitAsync();
        var input = Written(LineOf("Dolo 650"));
        var saved = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).SaveDraftAsync(visit.Appointment, input, 0));
        // The doctor decides no medicine is needed after all.
        input.Lines = [new PrescriptionLineInput()];
        input.Diagnosis = "Healed; no treatment needed";

        var finished = await ChangeAssert.DoneAsync(Consultations(visit.Doctor).CompleteWithoutPrescriptionAsync(visit.Appointment, input, saved.Version));

        Assert.Null(finished.PrescriptionId);
        Assert.Null(finished.Number);
        Assert.Equal(AppointmentStatus.Completed, await StatusOfAsync(visit.Appointment));
        var consultation = (await ConsultationOfAsync(visit.Appointment))!;
        Assert.Equal("Healed; no treatment needed", consultation.Diagnosis);
        Assert.Equal(Now, consultation.CompletedAtUtc);
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));
        await AssertAuditTrailAsync(visit.Appointment, AuditActions.ConsultationStarted, AuditActions.ConsultationCompleted);
    }

    [Fact]
    public async Task The_front_desk_can_still_complete_a_visit_with_nothing_written()
    {
        var visit = await StartedVisitAsync();

        await ChangeAssert.DoneAsync(Practice.As(visit.Doctor.Member).Get<AppointmentService>().CompleteAsync(visit.Appointment));

        Assert.Equal(AppointmentStatus.Completed, await StatusOfAsync(visit.Appointment));
        Assert.Equal(Now, (await ConsultationOfAsync(visit.Appointment))!.CompletedAtUtc);
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));
    }

    // ---------- Read-only practices and isolation ----------

    [Fact]
    public async Task In_a_read_only_practice_nothing_is_written()
    {
        var practice = await fixture.Db.CreatePracticeAsync("consult-ro-" + Guid.NewGuid().ToString("N")[..6], clock: AppointmentFixture.NewClock());
        var location = await practice.AddLocationAsync("Read-only clinic");
        var doctor = await practice.AddDoctorAsync([DoctorHours.Weekdays(location, 9, 13)]);
        var patient = await practice.AddPatientAsync();
        var started = await practice.AddAppointmentAsync(doctor.Id, location, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 10));
        var waiting = await practice.AddAppointmentAsync(doctor.Id, location, await practice.AddPatientAsync("Arjun", "Rao"), AppointmentFixture.Utc(AppointmentFixture.Today, 11));
        var service = practice.As(doctor.Member).Get<ConsultationService>();
        await ChangeAssert.DoneAsync(service.StartAsync(started));
        await practice.UpdateAsync(t => t.TrialEndsAtUtc = DateTime.UtcNow.AddMinutes(-1));
        var input = new ConsultationInput { Diagnosis = "Viral fever", Lines = [LineOf("Dolo 650")] };

        IChangeResult[] results =
        [
            await service.SaveDraftAsync(started, input, 0),
            await service.FinaliseAsync(started, input, 0),
            await service.CompleteWithoutPrescriptionAsync(started, new ConsultationInput(), 0),
            await service.PauseAsync(started),
            await service.StartAsync(waiting, pauseOpenConsultation: true),
            await service.SeeNowAsync(patient, location, pauseOpenConsultation: true),
        ];

        Assert.All(results, r => Assert.Equal(ChangeOutcome.ReadOnly, r.Outcome));
        var consultation = await practice.WithContextAsync(db => db.Consultations.AsNoTracking().SingleAsync());
        Assert.Equal(started, consultation.AppointmentId);
        Assert.Equal(0, consultation.Version);
        Assert.Null(consultation.Diagnosis);
        Assert.Null(consultation.PausedAtUtc);
        Assert.Null(consultation.CompletedAtUtc);
        Assert.Equal(0, await practice.WithContextAsync(db => db.Prescriptions.CountAsync()));
        Assert.Equal(2, await practice.WithContextAsync(db => db.Appointments.CountAsync()));
        Assert.Equal(AppointmentStatus.Scheduled, (await practice.WithContextAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == waiting))).Status);
    }

    [Fact]
    public async Task A_member_of_another_practice_cannot_write_here_and_another_practices_visit_is_not_found()
    {
        var visit = await StartedVisitAsync();
        var bLocationDoctor = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);
        var bVisit = await fixture.PracticeB.AddAppointmentAsync(bLocationDoctor.Id, fixture.BLocation, await fixture.PracticeB.AddPatientAsync(), AppointmentFixture.Utc(AppointmentFixture.Today, 10));
        var intruder = Practice.As(bLocationDoctor.Member).Get<ConsultationService>();
        var input = Written(LineOf("Dolo 650"));

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, intruder.SaveDraftAsync(visit.Appointment, input, 0));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, intruder.FinaliseAsync(visit.Appointment, input, 0));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, intruder.StartAsync(visit.Appointment));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Consultations(visit.Doctor).StartAsync(bVisit));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Consultations(visit.Doctor).FinaliseAsync(bVisit, input, 0));
        Assert.Null(await Practice.As(bLocationDoctor.Member).Get<ConsultationQueries>().OpenAsync(visit.Appointment));

        Assert.Equal(0, (await ConsultationOfAsync(visit.Appointment))!.Version);
        Assert.Empty(await PrescriptionsOfAsync(visit.Appointment));
        Assert.Null(await fixture.ConsultationOfAsync(fixture.PracticeB, bVisit));
        Assert.Equal(AppointmentStatus.Scheduled, (await fixture.ReadAsync(fixture.PracticeB, bVisit)).Status);
    }

    [GeneratedRegex(@"^RX-20260310-\d{4}$")]
    private static partial Regex PrescriptionNumber();

    [GeneratedRegex(@"^APT-20260310-\d{4}$")]
    private static partial Regex AppointmentNumber();
}

public sealed class SqliteConsultationServiceTests(SqliteConsultationFixture fixture)
    : ConsultationServiceTests(fixture), IClassFixture<SqliteConsultationFixture>;

public sealed class PostgresConsultationServiceTests(PostgresConsultationFixture fixture)
    : ConsultationServiceTests(fixture), IClassFixture<PostgresConsultationFixture>;
