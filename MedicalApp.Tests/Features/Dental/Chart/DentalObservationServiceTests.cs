using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Consultations;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Dental.Chart;
using MedicalApp.Web.Features.Dental.Observations;
using MedicalApp.Web.Features.Dental.Teeth;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>
/// Observations and the chart's dentition on both databases: several teeth saved as one row each in one transaction
/// with one audit row; an edit changes that row (never a second one) and a stale edit is refused; a deletion is
/// audited; only doctors write, in a visit only its doctor while it is in consultation; another practice's patient,
/// visit and observation are refused as not found and left untouched.
/// </summary>
public abstract class DentalObservationServiceTests(ConsultationFixture fixture)
{
    private TestPractice Practice => fixture.PracticeA;

    private DentalObservationService Observations(TestMember member) => Practice.As(member).Get<DentalObservationService>();

    private DentalChartService Charts(TestMember member) => Practice.As(member).Get<DentalChartService>();

    private Task<TestDoctor> DentistAsync(TestPractice? practice = null) =>
        (practice ?? Practice).AddDoctorAsync([DoctorHours.Weekdays(practice is null ? fixture.AnnaNagar : fixture.BLocation, 9, 13)], specializations: ["Dentistry"]);

    private static ObservationInput Caries(Guid patient, params int[] teeth) => new()
    {
        PatientId = patient, Teeth = [.. teeth], Condition = DentalCondition.Caries,
        Surfaces = ToothSurfaces.OcclusalIncisal | ToothSurfaces.Mesial, Severity = DentalSeverity.Moderate, Notes = "Occlusal caries into dentine",
    };

    private Task<List<DentalObservation>> ObservationsOfAsync(TestPractice practice, Guid patient) =>
        practice.WithContextAsync(db => db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patient).OrderBy(o => o.Tooth).ToListAsync());

    private Task<List<AuditEvent>> AuditAsync(string action) =>
        Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == action).ToListAsync());

    /// <summary>A dentist with a patient in consultation, started through the consultation service.</summary>
    private async Task<(TestDoctor Dentist, Guid Patient, Guid Consultation)> VisitInConsultationAsync()
    {
        var dentist = await DentistAsync();
        var patient = await fixture.PatientAsync(Practice, firstName: "Lakshmi", lastName: "Nair");
        var appointment = await Practice.AddAppointmentAsync(dentist.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 10, 0));
        await ChangeAssert.DoneAsync(Practice.As(dentist.Member).Get<ConsultationService>().StartAsync(appointment));
        var consultation = (await fixture.ConsultationOfAsync(Practice, appointment))!.Id;
        return (dentist, patient, consultation);
    }

    [Fact]
    public async Task Several_teeth_make_one_observation_each_in_one_save_with_one_audit_row()
    {
        var (dentist, patient, consultation) = await VisitInConsultationAsync();
        var before = (await AuditAsync(AuditActions.DentalObservationsRecorded)).Count;
        var input = Caries(patient, 26, 16, 16);
        input.ConsultationId = consultation;

        var ids = await ChangeAssert.DoneAsync(Observations(dentist.Member).RecordAsync(input));

        var saved = await ObservationsOfAsync(Practice, patient);
        Assert.Equal([16, 26], saved.Select(o => o.Tooth));
        Assert.Equal(ids!.Order(), saved.Select(o => o.Id).Order());
        Assert.All(saved, o => Assert.Equal(
            (DentalCondition.Caries, ToothSurfaces.OcclusalIncisal | ToothSurfaces.Mesial, (DentalSeverity?)DentalSeverity.Moderate, "Occlusal caries into dentine", (Guid?)consultation, dentist.Id, true),
            (o.Condition, o.Surfaces, o.Severity, o.Notes, o.ConsultationId, o.DoctorProfileId, o.TreatmentRequired)));
        Assert.Equal(before + 1, (await AuditAsync(AuditActions.DentalObservationsRecorded)).Count);

        var listed = await Observations(dentist.Member).ListAsync(patient);
        Assert.Equal(2, listed.Count);
        Assert.All(listed, o => Assert.True(o.MayChange));

        var chart = (await Charts(dentist.Member).LoadAsync(patient))!;
        Assert.Equal(ToothState.Issue, chart.Summary(16).State);
        Assert.Equal([DentalCondition.Caries], chart.Summary(26).Conditions);
        Assert.Equal(ToothState.Normal, chart.Summary(36).State);
        Assert.Equal("16 upper right first molar, caries — issue", global::MedicalApp.Web.Features.Dental.Chart.DentalChart.AccessibleName(chart.Summary(16)));
    }

    [Fact]
    public async Task An_edit_changes_the_same_row_and_a_stale_edit_is_refused()
    {
        var dentist = await DentistAsync();
        var patient = await fixture.PatientAsync(Practice);
        var id = (await ChangeAssert.DoneAsync(Observations(dentist.Member).RecordAsync(Caries(patient, 36))))!.Single();
        var row = (await Observations(dentist.Member).ListAsync(patient)).Single();

        var edit = Caries(patient, 36);
        edit.Severity = DentalSeverity.Severe;
        edit.Surfaces = ToothSurfaces.Mesial | ToothSurfaces.OcclusalIncisal | ToothSurfaces.Distal;
        edit.TreatmentRequired = false;
        await ChangeAssert.DoneAsync(Observations(dentist.Member).UpdateAsync(id, edit, row.Version));

        var saved = Assert.Single(await ObservationsOfAsync(Practice, patient));
        Assert.Equal((id, DentalSeverity.Severe, false), (saved.Id, saved.Severity!.Value, saved.TreatmentRequired));
        Assert.Equal(row.Version + 1, saved.Version);

        edit.Notes = "Second tab";
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Observations(dentist.Member).UpdateAsync(id, edit, row.Version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Observations(dentist.Member).UpdateAsync(id, Caries(patient, 36, 37), saved.Version));
        Assert.Equal("Occlusal caries into dentine", Assert.Single(await ObservationsOfAsync(Practice, patient)).Notes);
        Assert.Contains(await AuditAsync(AuditActions.DentalObservationChanged), e => e.EntityId == id.ToString());
    }

    [Fact]
    public async Task A_deletion_is_audited_and_only_the_recording_doctor_changes_an_observation()
    {
        var dentist = await DentistAsync();
        var colleague = await DentistAsync();
        var patient = await fixture.PatientAsync(Practice);
        var id = (await ChangeAssert.DoneAsync(Observations(dentist.Member).RecordAsync(Caries(patient, 11))))!.Single();
        var version = (await ObservationsOfAsync(Practice, patient)).Single().Version;

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Observations(colleague.Member).DeleteAsync(id, version));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Observations(colleague.Member).UpdateAsync(id, Caries(patient, 11), version));
        Assert.False((await Observations(colleague.Member).ListAsync(patient)).Single().MayChange);

        await ChangeAssert.DoneAsync(Observations(dentist.Member).DeleteAsync(id, version));

        Assert.Empty(await ObservationsOfAsync(Practice, patient));
        var audit = Assert.Single(await AuditAsync(AuditActions.DentalObservationDeleted), e => e.EntityId == id.ToString());
        Assert.Equal(dentist.UserId, audit.UserId);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Observations(dentist.Member).DeleteAsync(id, version));
    }

    [Fact]
    public async Task Only_doctors_write_and_in_a_visit_only_its_doctor_while_it_is_in_consultation()
    {
        var (dentist, patient, consultation) = await VisitInConsultationAsync();
        var nurse = await Practice.AddMemberAsync(PracticeRoles.Nurse);
        var admin = await Practice.AddMemberAsync(PracticeRoles.Admin);
        var colleague = await DentistAsync();
        var input = Caries(patient, 16);
        input.ConsultationId = consultation;

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Observations(nurse).RecordAsync(input));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Observations(admin).RecordAsync(input));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Observations(colleague.Member).RecordAsync(input));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Charts(nurse).SetDentitionAsync(patient, Dentition.Mixed, 0));

        // Another patient's visit is not this patient's.
        var other = await fixture.PatientAsync(Practice);
        var wrongPatient = Caries(other, 16);
        wrongPatient.ConsultationId = consultation;
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Observations(dentist.Member).RecordAsync(wrongPatient));

        var invalid = Caries(patient, 19, 16);
        invalid.Condition = null;
        invalid.Surfaces = (ToothSurfaces)64;
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Observations(dentist.Member).RecordAsync(invalid));
        Assert.Equal([ObservationFields.Condition, ObservationFields.Surfaces, ObservationFields.Teeth], refused.FieldErrors.Keys.Order());

        Assert.Empty(await ObservationsOfAsync(Practice, patient));
        Assert.Empty(await ObservationsOfAsync(Practice, other));
        // The nurse reads the chart.
        Assert.NotNull(await Charts(nurse).LoadAsync(patient));
        Assert.Empty(await Observations(nurse).ListAsync(patient));
    }

    [Fact]
    public async Task The_dentition_starts_from_the_age_and_a_doctors_choice_is_kept_versioned_and_audited()
    {
        var dentist = await DentistAsync();
        var child = await fixture.PatientAsync(Practice, firstName: "Anu");
        await Practice.WithContextAsync(async db =>
        {
            (await db.Patients.SingleAsync(p => p.Id == child)).DateOfBirth = AppointmentFixture.Today.AddYears(-8);
            return await db.SaveChangesAsync();
        });

        var chart = (await Charts(dentist.Member).LoadAsync(child))!;
        Assert.Equal((Dentition.Mixed, false, 0), (chart.Dentition, chart.IsChosen, chart.Version));

        var version = await ChangeAssert.DoneAsync(Charts(dentist.Member).SetDentitionAsync(child, Dentition.Primary, 0));
        chart = (await Charts(dentist.Member).LoadAsync(child))!;
        Assert.Equal((Dentition.Primary, true, version), (chart.Dentition, chart.IsChosen, chart.Version));

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Charts(dentist.Member).SetDentitionAsync(child, Dentition.Permanent, 0));
        await ChangeAssert.DoneAsync(Charts(dentist.Member).SetDentitionAsync(child, Dentition.Permanent, version));
        Assert.Equal(Dentition.Permanent, (await Charts(dentist.Member).LoadAsync(child))!.Dentition);
        Assert.Equal(2, (await AuditAsync(AuditActions.DentalChartChanged)).Count(e => e.EntityId == child.ToString()));

        // Opening the patient's dental page is a view of the record (it shows in "who accessed").
        Assert.DoesNotContain(await AuditAsync(AuditActions.PatientViewed), e => e.EntityId == child.ToString());
        Assert.NotNull(await Charts(dentist.Member).OpenAsync(child));
        var viewed = Assert.Single(await AuditAsync(AuditActions.PatientViewed), e => e.EntityId == child.ToString());
        Assert.Equal(dentist.UserId, viewed.UserId);
    }

    [Fact]
    public async Task Another_practices_patient_visit_and_observation_are_not_found_and_left_untouched()
    {
        var dentist = await DentistAsync();
        var bDentist = await DentistAsync(fixture.PracticeB);
        var bPatient = await fixture.PracticeB.AddPatientAsync("Other", "Practice");
        var bId = (await ChangeAssert.DoneAsync(fixture.PracticeB.As(bDentist.Member).Get<DentalObservationService>().RecordAsync(Caries(bPatient, 46))))!.Single();
        var bVersion = (await ObservationsOfAsync(fixture.PracticeB, bPatient)).Single().Version;
        var (_, patient, consultation) = await VisitInConsultationAsync();

        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Observations(dentist.Member).RecordAsync(Caries(bPatient, 16)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Observations(dentist.Member).UpdateAsync(bId, Caries(bPatient, 46), bVersion));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Observations(dentist.Member).DeleteAsync(bId, bVersion));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Charts(dentist.Member).SetDentitionAsync(bPatient, Dentition.Primary, 0));
        Assert.Null(await Charts(dentist.Member).LoadAsync(bPatient));
        Assert.Empty(await Observations(dentist.Member).ListAsync(bPatient));

        // Practice B's dentist cannot write into practice A's visit or patient either.
        var intoA = Caries(patient, 16);
        intoA.ConsultationId = consultation;
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, fixture.PracticeB.As(bDentist.Member).Get<DentalObservationService>().RecordAsync(intoA));

        var untouched = Assert.Single(await ObservationsOfAsync(fixture.PracticeB, bPatient));
        Assert.Equal((bId, "Occlusal caries into dentine", bVersion), (untouched.Id, untouched.Notes, untouched.Version));
        Assert.Empty(await ObservationsOfAsync(Practice, patient));
        Assert.Empty(await fixture.PracticeB.WithContextAsync(db => db.DentalCharts.AsNoTracking().ToListAsync()));
    }
}

public sealed class SqliteDentalObservationServiceTests(SqliteConsultationFixture fixture)
    : DentalObservationServiceTests(fixture), IClassFixture<SqliteConsultationFixture>;

public sealed class PostgresDentalObservationServiceTests(PostgresConsultationFixture fixture)
    : DentalObservationServiceTests(fixture), IClassFixture<PostgresConsultationFixture>;
