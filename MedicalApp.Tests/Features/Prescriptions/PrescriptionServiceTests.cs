using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Consultations;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Prescriptions;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Prescriptions;

/// <summary>
/// What happens to a finalised prescription, on both databases: its doctor corrects it (a draft copy finalised on the
/// consultation page becomes version 2 with the same number; version 1 stays readable, superseded) or cancels it with a
/// reason. Nobody else does either, only an active prescription is corrected or cancelled, and a refusal writes nothing.
/// </summary>
public abstract class PrescriptionServiceTests(ConsultationFixture fixture)
{
    private TestPractice Practice => fixture.PracticeA;

    private static DateTime Now => AppointmentFixture.Now.UtcDateTime;

    private PrescriptionService Prescriptions(TestMember member) => Practice.As(member).Get<PrescriptionService>();

    private PrescriptionService Prescriptions(TestDoctor doctor) => Prescriptions(doctor.Member);

    private Task<WrittenPrescription> FinalisedAsync(params string[] brands) => Prescribing.FinalisedAsync(fixture, Practice, fixture.AnnaNagar, brands: brands);

    private Task<List<Prescription>> VersionsAsync(Guid appointment) => fixture.PrescriptionsOfAsync(Practice, appointment);

    private async Task<List<AuditEvent>> AuditAsync(WrittenPrescription written, string action) =>
        [.. (await fixture.AuditOfPatientAsync(Practice, written.Patient)).Where(e => e.Action == action)];

    // ---------- Correcting ----------

    [Fact]
    public async Task A_correction_finalised_on_the_consultation_page_is_version_2_with_the_same_number_and_supersedes_version_1()
    {
        var written = await FinalisedAsync("Dolo 650", "Mox 500");
        var numbersBefore = await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.PrescriptionKind);

        var started = await Prescriptions(written.Doctor).StartCorrectionAsync(written.Id);

        Assert.Equal(ChangeOutcome.Done, started.Outcome);
        Assert.Equal(written.Appointment, started.Value);
        var draft = Assert.Single(await VersionsAsync(written.Appointment), p => p.Status == PrescriptionStatus.Draft);
        Assert.Equal((2, written.Id, (string?)null), (draft.VersionNumber, draft.SupersedesPrescriptionId, draft.Number));
        Assert.Equal(["Dolo 650", "Mox 500"], draft.Lines.Select(l => l.BrandName));
        // The visit stays complete; its page opens in correction mode with the copy to edit.
        var page = (await Practice.As(written.Doctor.Member).Get<ConsultationQueries>().OpenAsync(written.Appointment))!;
        Assert.True(page.IsCorrection);
        Assert.True(page.CanWrite);
        Assert.Equal(AppointmentStatus.Completed, page.Status);

        var input = page.Input;
        input.Lines[0].Dose = "2 tablets";
        var finished = await ChangeAssert.DoneAsync(Practice.As(written.Doctor.Member).Get<ConsultationService>().FinaliseAsync(written.Appointment, input, page.Version));

        Assert.Equal(written.Number, finished.Number);
        var versions = await VersionsAsync(written.Appointment);
        Assert.Equal(2, versions.Count);
        var (first, second) = (versions[0], versions[1]);
        Assert.Equal((written.Id, 1, PrescriptionStatus.Superseded, second.Id, Now), (first.Id, first.VersionNumber, first.Status, first.SupersededByPrescriptionId, first.StatusChangedAtUtc));
        Assert.Equal((written.Number, 2, PrescriptionStatus.Active, written.Id, Now), (second.Number, second.VersionNumber, second.Status, second.SupersedesPrescriptionId, second.FinalisedAtUtc));
        Assert.Equal("1 tablet", first.Lines[0].Dose);
        Assert.Equal("2 tablets", second.Lines[0].Dose);
        Assert.Equal(AppointmentStatus.Completed, (await fixture.ReadAsync(Practice, written.Appointment)).Status);
        Assert.Equal(numbersBefore, await fixture.LastNumberTodayAsync(Practice, BusinessNumbers.PrescriptionKind));
        var corrected = Assert.Single(await AuditAsync(written, AuditActions.PrescriptionCorrected));
        Assert.Equal(written.Doctor.UserId, corrected.UserId);
        Assert.Equal(nameof(Patient), corrected.EntityType);
        Assert.StartsWith($"{written.Number} version 2 replaces version 1", corrected.Details, StringComparison.Ordinal);

        // Both stay readable, each pointing at the other.
        var queries = Practice.As(fixture.DeskA).Get<PrescriptionQueries>();
        var old = (await queries.OpenAsync(first.Id))!;
        var current = (await queries.OpenAsync(second.Id))!;
        Assert.Equal((PrescriptionStatus.Superseded, second.Id, "1 tablet"), (old.Status, old.SupersededById, old.Lines[0].Dose));
        Assert.Equal((PrescriptionStatus.Active, first.Id, "2 tablets"), (current.Status, current.SupersedesId, current.Lines[0].Dose));
        Assert.Equal("Superseded by a correction", PrescriptionQueries.StatusLabel(old.Status));
    }

    [Fact]
    public async Task A_second_correction_while_one_is_being_written_says_so_and_leaves_one_draft()
    {
        var written = await FinalisedAsync();
        await ChangeAssert.DoneAsync(Prescriptions(written.Doctor).StartCorrectionAsync(written.Id));

        var again = await Prescriptions(written.Doctor).StartCorrectionAsync(written.Id);

        Assert.Equal(ChangeOutcome.Unchanged, again.Outcome);
        Assert.Equal("A correction is already being written.", again.Message);
        Assert.Equal(written.Appointment, again.Value); // the page goes on to the one being written
        Assert.Single(await VersionsAsync(written.Appointment), p => p.Status == PrescriptionStatus.Draft);
    }

    [Fact]
    public async Task Only_an_active_prescription_is_corrected_or_cancelled()
    {
        var superseded = await FinalisedAsync();
        await ChangeAssert.DoneAsync(Prescriptions(superseded.Doctor).StartCorrectionAsync(superseded.Id));
        var page = (await Practice.As(superseded.Doctor.Member).Get<ConsultationQueries>().OpenAsync(superseded.Appointment))!;
        await ChangeAssert.DoneAsync(Practice.As(superseded.Doctor.Member).Get<ConsultationService>().FinaliseAsync(superseded.Appointment, page.Input, page.Version));
        var cancelled = await FinalisedAsync();
        await ChangeAssert.DoneAsync(Prescriptions(cancelled.Doctor).CancelAsync(cancelled.Id, "Written for the wrong patient"));

        var correctSuperseded = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Prescriptions(superseded.Doctor).StartCorrectionAsync(superseded.Id));
        var cancelSuperseded = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Prescriptions(superseded.Doctor).CancelAsync(superseded.Id, "Too late"));
        var correctCancelled = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Prescriptions(cancelled.Doctor).StartCorrectionAsync(cancelled.Id));
        var cancelCancelled = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Prescriptions(cancelled.Doctor).CancelAsync(cancelled.Id, "Again"));

        Assert.Equal("Only an active prescription can be corrected; this one is superseded by a correction.", correctSuperseded.Message);
        Assert.Equal("Only an active prescription can be cancelled; this one is superseded by a correction.", cancelSuperseded.Message);
        Assert.Equal("Only an active prescription can be corrected; this one is cancelled.", correctCancelled.Message);
        Assert.Equal("Only an active prescription can be cancelled; this one is cancelled.", cancelCancelled.Message);
        Assert.Equal([PrescriptionStatus.Superseded, PrescriptionStatus.Active], (await VersionsAsync(superseded.Appointment)).Select(p => p.Status));
        var stillCancelled = Assert.Single(await VersionsAsync(cancelled.Appointment));
        Assert.Equal((PrescriptionStatus.Cancelled, "Written for the wrong patient"), (stillCancelled.Status, stillCancelled.CancellationReason));
        Assert.Single(await AuditAsync(cancelled, AuditActions.PrescriptionCancelled));
    }

    // ---------- Cancelling ----------

    [Fact]
    public async Task Cancelling_needs_a_reason_of_at_most_500_characters_and_records_it()
    {
        var written = await FinalisedAsync();

        foreach (var (reason, message) in new[]
                 {
                     ((string?)null, "Say why the prescription is cancelled."), ("   ", "Say why the prescription is cancelled."),
                     (new string('x', 501), "The reason can be at most 500 characters."),
                 })
        {
            var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Prescriptions(written.Doctor).CancelAsync(written.Id, reason));
            Assert.Equal(message, refused.FieldErrors["Reason"]);
        }

        Assert.Equal(PrescriptionStatus.Active, Assert.Single(await VersionsAsync(written.Appointment)).Status);
        Assert.Empty(await AuditAsync(written, AuditActions.PrescriptionCancelled));

        await ChangeAssert.DoneAsync(Prescriptions(written.Doctor).CancelAsync(written.Id, "  Patient is allergic to it  "));

        var prescription = Assert.Single(await VersionsAsync(written.Appointment));
        Assert.Equal((PrescriptionStatus.Cancelled, "Patient is allergic to it", Now), (prescription.Status, prescription.CancellationReason, prescription.StatusChangedAtUtc));
        var audit = Assert.Single(await AuditAsync(written, AuditActions.PrescriptionCancelled));
        Assert.Equal((written.Doctor.UserId, $"{written.Number}: Patient is allergic to it"), (audit.UserId, audit.Details));
        var view = (await Practice.As(fixture.DeskA).Get<PrescriptionQueries>().OpenAsync(written.Id))!;
        Assert.Equal((PrescriptionStatus.Cancelled, "Patient is allergic to it"), (view.Status, view.CancellationReason));
    }

    // ---------- Who ----------

    [Fact]
    public async Task Only_its_doctor_corrects_or_cancels_and_the_front_desk_nurses_administrators_and_colleagues_are_forbidden()
    {
        var written = await FinalisedAsync();
        var colleague = await Practice.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var ownerWhoPractises = await Practice.AddDoctorAsync(roles: PracticeRoles.Owner | PracticeRoles.Doctor);
        var admin = await Practice.AddMemberAsync(PracticeRoles.Admin);
        var nurse = await Practice.AddMemberAsync(PracticeRoles.Nurse);

        foreach (var member in new[] { fixture.DeskA, nurse, admin, colleague.Member, ownerWhoPractises.Member })
        {
            var correct = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Prescriptions(member).StartCorrectionAsync(written.Id));
            var cancel = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Prescriptions(member).CancelAsync(written.Id, "Not mine to cancel"));
            Assert.Equal(PrescriptionService.OnlyItsDoctor, correct.Message);
            Assert.Equal(PrescriptionService.OnlyItsDoctor, cancel.Message);
        }

        var prescription = Assert.Single(await VersionsAsync(written.Appointment));
        Assert.Equal((PrescriptionStatus.Active, (string?)null), (prescription.Status, prescription.CancellationReason));
        Assert.Empty(await AuditAsync(written, AuditActions.PrescriptionCancelled));
        // Everyone reads and prints it; only its doctor is offered the changes.
        Assert.False((await Practice.As(fixture.DeskA).Get<PrescriptionQueries>().OpenAsync(written.Id))!.IsOwnDoctor);
        Assert.False((await Practice.As(colleague.Member).Get<PrescriptionQueries>().OpenAsync(written.Id))!.IsOwnDoctor);
        Assert.True((await Practice.As(written.Doctor.Member).Get<PrescriptionQueries>().OpenAsync(written.Id))!.IsOwnDoctor);
    }

    [Fact]
    public async Task A_draft_or_another_practices_prescription_is_not_found_and_a_member_of_another_practice_is_nobody_here()
    {
        var written = await FinalisedAsync();
        await ChangeAssert.DoneAsync(Prescriptions(written.Doctor).StartCorrectionAsync(written.Id));
        var draft = Assert.Single(await VersionsAsync(written.Appointment), p => p.Status == PrescriptionStatus.Draft);
        var elsewhere = await Prescribing.FinalisedAsync(fixture, fixture.PracticeB, fixture.BLocation);

        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Prescriptions(written.Doctor).StartCorrectionAsync(draft.Id));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Prescriptions(written.Doctor).CancelAsync(draft.Id, "Draft"));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Prescriptions(written.Doctor).StartCorrectionAsync(elsewhere.Id));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Prescriptions(written.Doctor).CancelAsync(elsewhere.Id, "Not ours"));
        // B's own doctor, acting through A's address, is not a member there.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Prescriptions(elsewhere.Doctor).CancelAsync(written.Id, "Intruder"));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Prescriptions(elsewhere.Doctor).StartCorrectionAsync(written.Id));

        Assert.Equal(PrescriptionStatus.Active, Assert.Single(await fixture.PrescriptionsOfAsync(fixture.PracticeB, elsewhere.Appointment)).Status);
        Assert.Equal([PrescriptionStatus.Active, PrescriptionStatus.Draft], (await VersionsAsync(written.Appointment)).Select(p => p.Status));
    }

    [Fact]
    public async Task In_a_read_only_practice_nothing_is_corrected_or_cancelled()
    {
        var practice = await fixture.Db.CreatePracticeAsync("rx-ro-" + Guid.NewGuid().ToString("N")[..6], clock: AppointmentFixture.NewClock());
        var location = await practice.AddLocationAsync("Read-only clinic");
        var written = await Prescribing.FinalisedAsync(fixture, practice, location);
        await practice.UpdateAsync(t => t.TrialEndsAtUtc = DateTime.UtcNow.AddMinutes(-1));
        var service = practice.As(written.Doctor.Member).Get<PrescriptionService>();

        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, service.StartCorrectionAsync(written.Id));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, service.CancelAsync(written.Id, "Read-only"));

        var prescription = Assert.Single(await fixture.PrescriptionsOfAsync(practice, written.Appointment));
        Assert.Equal(PrescriptionStatus.Active, prescription.Status);
    }
}

public sealed class SqlitePrescriptionServiceTests(SqliteConsultationFixture fixture)
    : PrescriptionServiceTests(fixture), IClassFixture<SqliteConsultationFixture>;

public sealed class PostgresPrescriptionServiceTests(PostgresConsultationFixture fixture)
    : PrescriptionServiceTests(fixture), IClassFixture<PostgresConsultationFixture>;
