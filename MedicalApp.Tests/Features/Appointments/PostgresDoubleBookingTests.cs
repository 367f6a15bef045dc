using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// PostgreSQL's exclusion constraint is the last word on double bookings: it refuses an overlapping appointment of
/// the same doctor even when every application check is bypassed, and the service turns that refusal into the same
/// friendly message as its own check. 50 requests for one slot at once: exactly one gets it.
/// </summary>
public sealed class PostgresDoubleBookingTests(PostgresAppointmentFixture fixture) : IClassFixture<PostgresAppointmentFixture>
{
    private static readonly DateTime TenOClock = AppointmentFixture.Utc(AppointmentFixture.Wednesday, 10);

    [Fact]
    public async Task An_overlapping_insert_that_bypasses_the_service_is_refused_by_the_database()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync();
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, TenOClock);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() =>
            fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.TNagar, patient, TenOClock.AddMinutes(15)));

        var postgres = Assert.IsType<PostgresException>(refused.InnerException);
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, postgres.SqlState);
        Assert.Equal("EX_Appointments_DoctorTime", postgres.ConstraintName);
        Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));
    }

    [Fact]
    public async Task Touching_times_and_other_doctors_are_not_overlaps()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var colleague = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync();
        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, TenOClock);

        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, TenOClock.AddMinutes(30));
        await fixture.PracticeA.AddAppointmentAsync(colleague.Id, fixture.AnnaNagar, patient, TenOClock);

        Assert.Equal(2, (await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id)).Count);
    }

    [Theory]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    public async Task A_cancelled_or_missed_appointment_frees_its_time_in_the_database(AppointmentStatus status)
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync();
        var first = await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, TenOClock);
        await fixture.PracticeA.WithContextAsync(async db =>
        {
            (await db.Appointments.SingleAsync(a => a.Id == first)).Status = status;
            return await db.SaveChangesAsync();
        });

        await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, TenOClock);

        // …and a freed appointment cannot be brought back over the new one.
        var revived = await Assert.ThrowsAsync<DbUpdateException>(() => fixture.PracticeA.WithContextAsync(async db =>
        {
            (await db.Appointments.SingleAsync(a => a.Id == first)).Status = AppointmentStatus.Scheduled;
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, Assert.IsType<PostgresException>(revived.InnerException).SqlState);
    }

    [Fact]
    public async Task When_the_database_refuses_what_the_check_could_not_see_the_user_still_gets_the_next_free_slots()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patient = await fixture.PracticeA.AddPatientAsync();

        // Another booking of 10:00, inserted but not yet committed: invisible to the service's check.
        await using var rival = fixture.Db.CreateContext(fixture.PracticeA);
        await using var rivalTransaction = await rival.Database.BeginTransactionAsync();
        rival.Appointments.Add(new Appointment
        {
            Number = "APT-RIVAL", PatientId = patient, DoctorProfileId = doctor.Id, ClinicLocationId = fixture.AnnaNagar,
            StartsAtUtc = TenOClock, EndsAtUtc = TenOClock.AddMinutes(30), Status = AppointmentStatus.Scheduled, CreatedAtUtc = DateTime.UtcNow,
        });
        await rival.SaveChangesAsync();

        var booking = fixture.PracticeA.As(reception).Get<AppointmentService>()
            .BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, new TimeOnly(10, 0), null, null);
        await WaitUntilABackendWaitsForALockAsync(booking);
        await rivalTransaction.CommitAsync();
        var result = await booking;

        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Equal($"{doctor.Name} is already booked at 10:00 on Wed 11 Mar. Next free: Wed 11 Mar 10:30, Wed 11 Mar 11:00 or Wed 11 Mar 11:30.",
            result.Message);
        Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));
    }

    [Fact]
    public async Task Fifty_simultaneous_bookings_of_one_slot_give_it_to_exactly_one()
    {
        const int attempts = 50;
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var reception = await fixture.PracticeA.AddMemberAsync(PracticeRoles.Receptionist);
        var patients = new List<Guid>();
        for (var i = 0; i < attempts; i++)
        {
            patients.Add(await fixture.PracticeA.AddPatientAsync("Patient", $"No{i}"));
        }

        var service = fixture.WideServices.Scope(fixture.PracticeA, reception, AppointmentFixture.NewClock()).Get<AppointmentService>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bookings = patients.Select(patient => Task.Run(async () =>
        {
            await start.Task;
            return await service.BookAsync(patient, doctor.Id, fixture.AnnaNagar, AppointmentFixture.Wednesday, new TimeOnly(10, 0), null, null);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(bookings);

        Assert.Single(results, r => r.Succeeded);
        var refused = results.Where(r => !r.Succeeded).ToList();
        Assert.Equal(attempts - 1, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(ChangeOutcome.Refused, r.Outcome);
            Assert.StartsWith($"{doctor.Name} is already booked at 10:00 on Wed 11 Mar. Next free: Wed 11 Mar 10:30", r.Message, StringComparison.Ordinal);
        });
        var stored = Assert.Single(await fixture.AppointmentsOfAsync(fixture.PracticeA, doctor.Id));
        Assert.Equal(results.Single(r => r.Succeeded).Value!.AppointmentId, stored.Id);
    }

    /// <summary>Waits (without a timing assertion) until some session of the test database waits for a lock.</summary>
    private async Task WaitUntilABackendWaitsForALockAsync(Task pending)
    {
        await using var probe = new NpgsqlConnection(fixture.Db.ConnectionStrings(MedicalApp.Data.DatabaseRole.Application));
        await probe.OpenAsync();
        for (var i = 0; i < 600; i++)
        {
            Assert.False(pending.IsCompleted, "The booking finished before it met the uncommitted rival.");
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", probe);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The booking never waited for the rival's uncommitted appointment.");
    }
}
