using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Consultations;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Features.Prescriptions;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;

namespace MedicalApp.Tests.Features.Prescriptions;

/// <summary>
/// Looking prescriptions up and opening one, on both databases: the list holds finalised prescriptions only (no
/// doctor's draft), searched by number, patient name or mobile; another practice's are never there; opening one is
/// a view recorded against its patient, counted as one in the patient's "who accessed" report.
/// </summary>
public abstract class PrescriptionQueriesTests(ConsultationFixture fixture)
{
    private TestPractice Practice => fixture.PracticeA;

    private PrescriptionQueries Queries(TestMember member) => Practice.As(member).Get<PrescriptionQueries>();

    /// <summary>A patient no other test of the class shares a name or a mobile with.</summary>
    private async Task<(Guid Id, string Name, string Mobile)> PatientAsync(TestPractice practice)
    {
        var tag = new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6)]);
        var mobile = TestPractice.NewMobile();
        var name = ("Zeenat", "Qureshi" + tag);
        return (await practice.AddPatientAsync(name.Item1, name.Item2, mobile), $"{name.Item1} {name.Item2}", mobile);
    }

    [Fact]
    public async Task The_list_holds_finalised_prescriptions_and_never_a_draft()
    {
        var patient = await PatientAsync(Practice);
        var written = await Prescribing.FinalisedAsync(fixture, Practice, fixture.AnnaNagar, patient: patient.Id);
        await ChangeAssert.DoneAsync(Practice.As(written.Doctor.Member).Get<PrescriptionService>().StartCorrectionAsync(written.Id));
        // A visit being written: its draft is the doctor's work in progress.
        var colleague = await Practice.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var writing = await Practice.AddAppointmentAsync(colleague.Id, fixture.AnnaNagar, patient.Id, AppointmentFixture.Utc(AppointmentFixture.Today, 12, 50));
        var consultations = Practice.As(colleague.Member).Get<ConsultationService>();
        await ChangeAssert.DoneAsync(consultations.StartAsync(writing));
        await ChangeAssert.DoneAsync(consultations.SaveDraftAsync(writing, Prescribing.Written(fixture, "Mox 500"), 0));

        var rows = await Queries(fixture.DeskA).ListAsync(null, patientId: patient.Id);

        var row = Assert.Single(rows);
        Assert.Equal((written.Id, written.Number, 1, patient.Name, written.Doctor.Name, PrescriptionStatus.Active),
            (row.Id, row.Number, row.VersionNumber, row.PatientName, row.DoctorName, row.Status));
        Assert.Equal(new DateTime(2026, 3, 10, 9, 40, 0), row.LocalFinalisedAt);
        // The drafts are there, and stay out of sight: neither listed nor opened.
        var correction = Assert.Single(await fixture.PrescriptionsOfAsync(Practice, written.Appointment), p => p.Status == PrescriptionStatus.Draft);
        var draft = Assert.Single(await fixture.PrescriptionsOfAsync(Practice, writing));
        Assert.Equal(PrescriptionStatus.Draft, draft.Status);
        Assert.Null(await Queries(fixture.DeskA).OpenAsync(correction.Id));
        Assert.Null(await Queries(colleague.Member).OpenAsync(draft.Id));
    }

    [Fact]
    public async Task Search_finds_a_prescription_by_its_number_its_patients_name_or_mobile()
    {
        var patient = await PatientAsync(Practice);
        var written = await Prescribing.FinalisedAsync(fixture, Practice, fixture.AnnaNagar, patient: patient.Id);
        var other = await Prescribing.FinalisedAsync(fixture, Practice, fixture.AnnaNagar);
        var desk = Queries(fixture.DeskA);

        foreach (var term in new[] { written.Number.ToLowerInvariant(), patient.Name.ToUpperInvariant()[4..], $"  {patient.Name.Split(' ')[1].ToLowerInvariant()} ", patient.Mobile[3..] })
        {
            var found = await desk.ListAsync(term);
            Assert.True(found.Count == 1 && found[0].Id == written.Id, $"Searching “{term}” found {string.Join(", ", found.Select(r => r.Number))}");
        }

        Assert.Empty(await desk.ListAsync("RX-19990101"));
        Assert.Equal([other.Id], (await desk.ListAsync(null, doctorProfileId: other.Doctor.Id)).Select(r => r.Id));
    }

    [Fact]
    public async Task Another_practices_prescriptions_are_never_listed_or_opened_and_its_members_read_nothing_here()
    {
        var patientOfB = await PatientAsync(fixture.PracticeB);
        var ofB = await Prescribing.FinalisedAsync(fixture, fixture.PracticeB, fixture.BLocation, patient: patientOfB.Id);
        var ofA = await Prescribing.FinalisedAsync(fixture, Practice, fixture.AnnaNagar);

        // Numbers run per practice, so A may have one of the same number: never B's.
        Assert.DoesNotContain(await Queries(fixture.DeskA).ListAsync(ofB.Number), r => r.Id == ofB.Id || r.PatientName == patientOfB.Name);
        Assert.Empty(await Queries(fixture.DeskA).ListAsync(patientOfB.Mobile));
        Assert.Null(await Queries(fixture.DeskA).OpenAsync(ofB.Id));
        Assert.Equal([ofB.Id], (await fixture.PracticeB.As(fixture.DeskB).Get<PrescriptionQueries>().ListAsync(patientOfB.Mobile)).Select(r => r.Id));

        // B's receptionist through A's address is nobody there.
        await Assert.ThrowsAsync<PracticeAccessDeniedException>(() => Queries(fixture.DeskB).ListAsync(null));
        Assert.Null(await Queries(fixture.DeskB).OpenAsync(ofA.Id));
        Assert.DoesNotContain(await fixture.AuditOfPatientAsync(fixture.PracticeB, patientOfB.Id), e => e.Action == AuditActions.PrescriptionViewed);
    }

    [Fact]
    public async Task Opening_a_prescription_is_a_view_of_the_patients_record_in_the_who_accessed_report()
    {
        var written = await Prescribing.FinalisedAsync(fixture, Practice, fixture.AnnaNagar);
        var nurse = await Practice.AddMemberAsync(PracticeRoles.Nurse);
        var admin = await Practice.AddMemberAsync(PracticeRoles.Admin);

        var view = await Queries(nurse).OpenAsync(written.Id);

        Assert.NotNull(view);
        Assert.Equal((written.Number, written.Patient, "Meena Iyer", written.Doctor.Name, "Anna Nagar"), (view.Number, view.PatientId, view.PatientName, view.DoctorName, view.LocationName));
        var opened = Assert.Single(await fixture.AuditOfPatientAsync(Practice, written.Patient), e => e.Action == AuditActions.PrescriptionViewed);
        Assert.Equal((nurse.UserId, nameof(Patient), TestMember.ClientAddress), (opened.UserId, opened.EntityType, opened.IpAddress));
        Assert.Equal($"Opened {written.Number} (version 1) of Meena Iyer.", opened.Details);

        // The report as its page reads it: the patient's record and their appointments.
        var subject = (await Practice.As(admin).Get<PatientQueries>().OpenAccessReportAsync(written.Patient))!;
        var report = await Practice.As(admin).Get<AuditLogService>().RecordAccessAsync(nameof(Patient), written.Patient.ToString(), AuditActions.PatientRecordViews,
            new RelatedRecords(nameof(Appointment), [.. subject.AppointmentIds.Select(a => a.ToString())]));

        var person = Assert.Single(report.People, p => p.UserId == nurse.UserId);
        Assert.Equal((1, 0), (person.Views, person.OtherActions));
        Assert.Contains(report.Events, e => e.Action == AuditActions.PrescriptionViewed && e.UserId == nurse.UserId && e.ActionText == "Opened a prescription");
        var doctor = Assert.Single(report.People, p => p.UserId == written.Doctor.UserId);
        Assert.True(doctor.OtherActions >= 2, "Starting the visit and finalising its prescription are the doctor's other actions.");
    }
}

public sealed class SqlitePrescriptionQueriesTests(SqliteConsultationFixture fixture)
    : PrescriptionQueriesTests(fixture), IClassFixture<SqliteConsultationFixture>;

public sealed class PostgresPrescriptionQueriesTests(PostgresConsultationFixture fixture)
    : PrescriptionQueriesTests(fixture), IClassFixture<PostgresConsultationFixture>;
