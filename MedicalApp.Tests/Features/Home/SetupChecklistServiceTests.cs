using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Home;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Home;

/// <summary>
/// The owner's setup checklist on both databases: a practice fresh from registration has every step to do, each step
/// turns done from the practice's own data (and back when the data says so), only owners and administrators get it,
/// and another practice's rows never count.
/// </summary>
public abstract class SetupChecklistServiceTests(MedicalAppFactory app)
{
    private Task<SetupChecklist?> ChecklistAsync(string slug, Guid userId) =>
        app.WithPracticeServicesAsync(slug, userId, services => services.GetRequiredService<SetupChecklistService>().GetAsync());

    [Fact]
    public async Task A_new_practice_starts_with_every_step_to_do_and_each_turns_done_from_its_data()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Checklist Clinic " + Guid.NewGuid().ToString("N")[..6], ownerPractises: true);

        var fresh = await ChecklistAsync(slug, owner.Id);
        Assert.NotNull(fresh);
        Assert.Equal(0, fresh.DoneCount);
        Assert.False(fresh.IsComplete);
        Assert.Equal(
            [SetupStep.DoctorHours, SetupStep.ConsultationFee, SetupStep.Letterhead, SetupStep.InviteStaff, SetupStep.TryBooking],
            fresh.Items.Select(i => i.Step));
        var doctorId = await app.InPracticeAsync(slug, db => db.DoctorProfiles.Select(d => d.Id).SingleAsync());
        // The single doctor without hours: the step leads to their own "Where and when".
        Assert.Equal($"doctors/{doctorId}?tab=hours", fresh.For(SetupStep.DoctorHours).Href);
        Assert.Equal(("settings", "staff", "appointments/book"),
            (fresh.For(SetupStep.Letterhead).Href, fresh.For(SetupStep.InviteStaff).Href, fresh.For(SetupStep.TryBooking).Href));

        var locationId = await app.InPracticeAsync(slug, db => db.ClinicLocations.Select(l => l.Id).SingleAsync());
        var patientId = await app.InPracticeAsync(slug, async db =>
        {
            var doctor = await db.DoctorProfiles.SingleAsync();
            doctor.ConsultationFee = 500m;
            db.DoctorAvailability.Add(new DoctorAvailability
            {
                DoctorProfileId = doctor.Id, ClinicLocationId = locationId, Day = DayOfWeek.Monday, StartTime = new(10, 0), EndTime = new(13, 0),
            });
            var patient = new Patient
            {
                FirstName = "Ravi", LastName = "Kumar", FirstNameKey = "ravi", SearchName = "ravi kumar", Mobile = TestPractice.NewMobile(),
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Male, IsActive = true, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });

        var halfway = (await ChecklistAsync(slug, owner.Id))!;
        Assert.Equal((true, true, false, false, false), Steps(halfway));
        Assert.Equal("2 of 5", $"{halfway.DoneCount} of {halfway.Items.Count}");

        // The letterhead needs the logo as well as the address registration filled in.
        await SetPracticeAsync(slug, t => t.Settings.LogoFileId = Guid.NewGuid());
        await app.AddMemberAsync(slug, PracticeRoles.Receptionist);
        await app.InPracticeAsync(slug, async db =>
        {
            var doctorId2 = await db.DoctorProfiles.Select(d => d.Id).SingleAsync();
            db.Appointments.Add(new Appointment
            {
                Number = "APT-CHECKLIST-0001", PatientId = patientId, DoctorProfileId = doctorId2, ClinicLocationId = locationId,
                StartsAtUtc = DateTime.UtcNow.AddDays(1), EndsAtUtc = DateTime.UtcNow.AddDays(1).AddMinutes(30),
                Status = AppointmentStatus.Scheduled, CreatedAtUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var done = (await ChecklistAsync(slug, owner.Id))!;
        Assert.True(done.IsComplete);
        Assert.Equal(5, done.DoneCount);

        // A second doctor without hours or fee: those steps are to do again, and lead to that doctor.
        var second = await app.AddMemberAsync(slug, PracticeRoles.Doctor);
        var secondDoctorId = await app.InPracticeAsync(slug, async db =>
        {
            var membership = await db.PracticeMemberships.SingleAsync(m => m.UserId == second.Id);
            var profile = new DoctorProfile { MembershipId = membership.Id, RegistrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..6], CreatedAtUtc = DateTime.UtcNow };
            db.DoctorProfiles.Add(profile);
            await db.SaveChangesAsync();
            return profile.Id;
        });
        var again = (await ChecklistAsync(slug, owner.Id))!;
        Assert.Equal((false, false, true, true, true), Steps(again));
        Assert.Equal($"doctors/{secondDoctorId}?tab=hours", again.For(SetupStep.DoctorHours).Href);
    }

    [Fact]
    public async Task Only_owners_and_administrators_get_the_checklist()
    {
        var (slug, _) = await app.RegisterPracticeAsync("Checklist Roles " + Guid.NewGuid().ToString("N")[..6]);
        var admin = await app.AddMemberAsync(slug, PracticeRoles.Admin);
        var receptionist = await app.AddMemberAsync(slug, PracticeRoles.Receptionist);
        var doctor = await app.AddMemberAsync(slug, PracticeRoles.Doctor);

        Assert.NotNull(await ChecklistAsync(slug, admin.Id));
        Assert.Null(await ChecklistAsync(slug, receptionist.Id));
        Assert.Null(await ChecklistAsync(slug, doctor.Id));
    }

    [Fact]
    public async Task Another_practices_doctors_staff_and_bookings_do_not_count()
    {
        // The demo practice has doctors with hours and fees, staff, a logo-less letterhead and bookings; the new one has nothing.
        var (slug, owner) = await app.RegisterPracticeAsync("Checklist Alone " + Guid.NewGuid().ToString("N")[..6]);
        var checklist = (await ChecklistAsync(slug, owner.Id))!;
        Assert.Equal((false, false, false, false, false), Steps(checklist));
        Assert.Equal("Add a doctor: appointments are cut from a doctor's weekly hours.", checklist.For(SetupStep.DoctorHours).Hint);

        // A member of the new practice asking while signed in to demo gets nothing of demo's.
        Assert.Null(await ChecklistAsync("demo", owner.Id));
    }

    private static (bool, bool, bool, bool, bool) Steps(SetupChecklist checklist) =>
        (checklist.For(SetupStep.DoctorHours).IsDone, checklist.For(SetupStep.ConsultationFee).IsDone, checklist.For(SetupStep.Letterhead).IsDone,
         checklist.For(SetupStep.InviteStaff).IsDone, checklist.For(SetupStep.TryBooking).IsDone);

    private async Task SetPracticeAsync(string slug, Action<Practice> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<MedicalApp.Data.PlatformDbContextFactory>().CreateDbContext();
        var practice = await db.Practices.SingleAsync(t => t.Slug == slug);
        change(practice);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteSetupChecklistServiceTests(SqliteAppFixture fixture)
    : SetupChecklistServiceTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSetupChecklistServiceTests(PostgresAppFixture fixture)
    : SetupChecklistServiceTests(fixture.App), IClassFixture<PostgresAppFixture>;
