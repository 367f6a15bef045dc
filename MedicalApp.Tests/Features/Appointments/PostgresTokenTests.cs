using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Tokens under load on PostgreSQL, where check-ins really run at once (SQLite serialises whole transactions): the
/// counter row is the only point of contention, so no two patients of a doctor ever share a token.
/// </summary>
public sealed class PostgresTokenTests(PostgresAppointmentFixture fixture) : IClassFixture<PostgresAppointmentFixture>
{
    [Fact]
    public async Task Twenty_simultaneous_check_ins_for_one_doctor_get_tokens_one_to_twenty_and_another_doctor_starts_at_one()
    {
        var busy = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var other = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 18)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var busyVisits = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            busyVisits.Add(await fixture.PracticeA.AddAppointmentAsync(busy.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync("Patient", $"No{i}"),
                AppointmentFixture.Utc(AppointmentFixture.Today, 10).AddMinutes(10 * i), minutes: 10));
        }

        var otherVisits = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            otherVisits.Add(await fixture.PracticeA.AddAppointmentAsync(other.Id, fixture.AnnaNagar, await fixture.PracticeA.AddPatientAsync("Other", $"No{i}"),
                AppointmentFixture.Utc(AppointmentFixture.Today, 10).AddMinutes(10 * i), minutes: 10));
        }

        var service = fixture.WideServices.Scope(fixture.PracticeA, reception, AppointmentFixture.NewClock()).Get<CheckInService>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkIns = busyVisits.Concat(otherVisits).Select(visit => Task.Run(async () =>
        {
            await start.Task;
            return await service.CheckInAsync(visit);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(checkIns);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var busyTokens = (await fixture.AppointmentsOfAsync(fixture.PracticeA, busy.Id)).Select(a => a.TokenNumber!.Value).Order();
        var otherTokens = (await fixture.AppointmentsOfAsync(fixture.PracticeA, other.Id)).Select(a => a.TokenNumber!.Value).Order();
        Assert.Equal(Enumerable.Range(1, 20), busyTokens);
        Assert.Equal(Enumerable.Range(1, 5), otherTokens);
    }
}
