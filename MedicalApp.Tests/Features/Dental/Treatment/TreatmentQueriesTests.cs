using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Procedures;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Dental.Treatment;

/// <summary>
/// Patients in treatment and a doctor's procedures today, on both databases: open procedures by default, counts of
/// planned and in progress, filters by doctor, status, dates, tooth and condition, and only this practice's.
/// </summary>
public abstract class TreatmentQueriesTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Patients_in_treatment_are_counted_and_filtered_by_doctor_status_dates_tooth_and_condition()
    {
        var clinic = await DentalClinic.CreateAsync(fixture);
        var other = await DentalClinic.CreateAsync(fixture);
        await other.PlanAsync();
        var secondDoctor = await clinic.Practice.AddDoctorAsync(fullName: "Dr Second " + Guid.NewGuid().ToString("N")[..4]);
        var secondPatient = await clinic.Practice.AddPatientAsync("Zoya", "Khan");
        var caries = await clinic.AddObservationAsync(36);
        await clinic.PlanAsync("D2391", teeth: [36], observations: [caries], plannedOn: new DateOnly(2030, 6, 10));
        var started = await clinic.PlanAsync("D3330", teeth: [46], plannedOn: new DateOnly(2030, 6, 20));
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(started, new DentalProcedureStatusInput { To = DentalProcedureStatus.InProgress }));
        var done = await clinic.PlanAsync("D1110", teeth: []);
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(done, new DentalProcedureStatusInput { To = DentalProcedureStatus.Completed }));
        await ChangeAssert.DoneAsync(clinic.Practice.As(secondDoctor.Member).Get<DentalProcedureService>().CreateAsync(secondPatient, null, new DentalProcedureInput
        {
            Code = "D7140", Teeth = [18], PlannedOn = new DateOnly(2030, 7, 1),
        }));
        var queries = clinic.Practice.As(clinic.Reception).Get<TreatmentQueries>();

        var open = await queries.PatientsInTreatmentAsync(new TreatmentFilter());
        Assert.Equal((2, 1), (open.Planned, open.InProgress));
        Assert.Equal(["Anita Rao", "Zoya Khan"], open.Patients.Select(p => p.Name));
        var anita = open.Patients[0];
        Assert.Equal((1, 1, 0, (DateOnly?)new DateOnly(2030, 6, 10)), (anita.Planned, anita.InProgress, anita.Completed, anita.NextPlannedOn));

        Assert.Equal(["Zoya Khan"], (await queries.PatientsInTreatmentAsync(new TreatmentFilter { DoctorProfileId = secondDoctor.Id })).Patients.Select(p => p.Name));
        Assert.Equal(["Anita Rao"], (await queries.PatientsInTreatmentAsync(new TreatmentFilter { Status = DentalProcedureStatus.Completed })).Patients.Select(p => p.Name));
        Assert.Equal(["Anita Rao"], (await queries.PatientsInTreatmentAsync(new TreatmentFilter { Tooth = 46 })).Patients.Select(p => p.Name));
        Assert.Empty((await queries.PatientsInTreatmentAsync(new TreatmentFilter { Tooth = 11 })).Patients);
        var byCondition = await queries.PatientsInTreatmentAsync(new TreatmentFilter { Condition = DentalCondition.Caries });
        Assert.Equal(["Anita Rao"], byCondition.Patients.Select(p => p.Name));
        Assert.Equal((1, 0), (byCondition.Planned, byCondition.InProgress));
        Assert.Equal(["Zoya Khan"], (await queries.PatientsInTreatmentAsync(new TreatmentFilter { Patient = " ZOYA " })).Patients.Select(p => p.Name));
        var june = await queries.PatientsInTreatmentAsync(new TreatmentFilter { From = new DateOnly(2030, 6, 15), To = new DateOnly(2030, 6, 30) });
        Assert.Equal(["Anita Rao"], june.Patients.Select(p => p.Name));
        Assert.Equal((0, 1), (june.Planned, june.InProgress));
    }

    [Fact]
    public async Task A_doctors_home_lists_their_open_procedures_planned_for_today_in_the_practice()
    {
        // 23:30 UTC on 9 June is already 10 June in India: "today" is the practice's day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 6, 9, 23, 30, 0, TimeSpan.Zero));
        var clinic = await DentalClinic.CreateAsync(fixture, clock);
        var today = await clinic.PlanAsync("D2391", teeth: [36, 37], plannedOn: new DateOnly(2030, 6, 10));
        await clinic.PlanAsync("D1110", teeth: [], plannedOn: new DateOnly(2030, 6, 9));
        var cancelled = await clinic.PlanAsync("D7140", teeth: [18], plannedOn: new DateOnly(2030, 6, 10));
        await ChangeAssert.DoneAsync(clinic.Procedures.ChangeStatusAsync(cancelled, new DentalProcedureStatusInput { To = DentalProcedureStatus.Cancelled, Reason = "Not needed" }));
        var colleague = await clinic.Practice.AddDoctorAsync();

        var mine = await clinic.Practice.As(clinic.Doctor.Member).Get<TreatmentQueries>().TodayForMeAsync();

        var only = Assert.Single(mine);
        Assert.Equal((today, "Anita Rao"), (only.Id, only.PatientName));
        Assert.Equal([36, 37], only.Teeth);
        Assert.Empty(await clinic.Practice.As(colleague.Member).Get<TreatmentQueries>().TodayForMeAsync());
        Assert.Empty(await clinic.Practice.As(clinic.Reception).Get<TreatmentQueries>().TodayForMeAsync());
    }
}

public sealed class SqliteTreatmentQueriesTests(SqliteDatabaseFixture fixture)
    : TreatmentQueriesTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresTreatmentQueriesTests(PostgresDatabaseFixture fixture)
    : TreatmentQueriesTests(fixture), IClassFixture<PostgresDatabaseFixture>;
