using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// The one way tests shape a practice: the practice itself (<see cref="TestDatabase.CreatePracticeAsync"/>), then its
/// members, doctors, locations, patients and appointments, and its services as a member uses them
/// (<see cref="As"/>). Set-up writes through the platform path, with no service checks, as registration and the
/// platform console write: a practice already read-only (trial ended) can still be given what a test needs.
/// A practice stands where its id is expected.
/// </summary>
public sealed class TestPractice
{
    private int appointmentNumber;

    private TestPractice(TestDatabase db, Guid id, string slug, string timeZoneId, TimeProvider? clock)
    {
        Db = db;
        Id = id;
        Slug = slug;
        TimeZoneId = timeZoneId;
        Clock = clock;
    }

    public TestDatabase Db { get; }

    public Guid Id { get; }

    public string Slug { get; }

    public string TimeZoneId { get; }

    /// <summary>The clock the practice's services run on when a test names none (the system's when null).</summary>
    public TimeProvider? Clock { get; }

    public static implicit operator Guid(TestPractice practice) => practice?.Id ?? throw new ArgumentNullException(nameof(practice));

    /// <summary>The id, as a practice's id reads in audit rows and addresses.</summary>
    public override string ToString() => Id.ToString();

    /// <summary>A practice (a global row) on <paramref name="plan"/>, with that plan's limits.</summary>
    internal static async Task<TestPractice> CreateAsync(
        TestDatabase db, string? slug, PracticePlan plan, DateTime? trialEndsAtUtc, string timeZoneId, TimeProvider? clock)
    {
        slug ??= "p-" + Guid.NewGuid().ToString("N")[..12];
        await using var context = db.CreateContext(null);
        var practice = new Practice
        {
            Name = $"Practice {slug}", Slug = slug, Plan = plan, TrialEndsAtUtc = trialEndsAtUtc, TimeZoneId = timeZoneId,
            Limits = PlanCatalog.For(plan).CreateLimits(), CreatedAtUtc = DateTime.UtcNow,
        };
        context.Practices.Add(practice);
        await context.SaveChangesAsync();
        return new TestPractice(db, practice.Id, slug, timeZoneId, clock);
    }

    // ---------- Services ----------

    /// <summary>The practice's services as <paramref name="member"/> (nobody when null) uses them, on <paramref name="clock"/> (or the practice's).</summary>
    public TestScope As(TestMember? member, TimeProvider? clock = null) => Db.Services.Scope(Id, member, clock ?? Clock);

    /// <summary>A context of the practice as its services open one (application role, row-level security on).</summary>
    public MedicalDbContext Context() => Db.CreateContext(Id);

    public async Task<T> WithContextAsync<T>(Func<MedicalDbContext, Task<T>> work)
    {
        await using var db = Context();
        return await work(db);
    }

    /// <summary>The UTC instant of a day and time on the practice's clocks.</summary>
    public DateTime Utc(DateOnly date, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute)), PracticeTime.Zone(TimeZoneId));

    // ---------- Members ----------

    /// <summary>A new account that is a member with <paramref name="roles"/>.</summary>
    public async Task<TestMember> AddMemberAsync(PracticeRoles roles, bool active = true, string? fullName = null)
    {
        await using var db = SetUpContext();
        var membership = NewMembership(db, roles, active, fullName);
        await db.SaveChangesAsync();
        return MemberOf(membership);
    }

    /// <summary>
    /// A doctor: a member (<paramref name="roles"/>, Doctor by default) with a profile practising at the locations
    /// of <paramref name="hours"/> and <paramref name="locations"/>, those weekly hours (not checked against the
    /// schedule rules: a test may give hours at two locations at once) and <paramref name="minutes"/> per consultation.
    /// </summary>
    public async Task<TestDoctor> AddDoctorAsync(
        DoctorHours[]? hours = null, Guid[]? locations = null, int minutes = DoctorProfile.DefaultConsultationMinutes,
        PracticeRoles roles = PracticeRoles.Doctor, bool active = true, bool profileActive = true,
        string[]? specializations = null, string? registrationNumber = null, string? fullName = null)
    {
        hours ??= [];
        await using var db = SetUpContext();
        var membership = NewMembership(db, roles, active, fullName ?? "Dr Test " + Guid.NewGuid().ToString("N")[..8]);
        var doctor = new DoctorProfile
        {
            Membership = membership, RegistrationNumber = registrationNumber ?? "REG-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
            Specializations = [.. specializations ?? ["General Medicine"]], ConsultationFee = 500m, ConsultationMinutes = minutes,
            IsActive = profileActive, CreatedAtUtc = DateTime.UtcNow,
        };
        foreach (var locationId in (locations ?? []).Concat(hours.Select(h => h.LocationId)).Distinct())
        {
            doctor.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
        }

        foreach (var range in hours)
        {
            foreach (var day in range.Days)
            {
                doctor.Availability.Add(new DoctorAvailability { ClinicLocationId = range.LocationId, Day = day, StartTime = range.From, EndTime = range.To });
            }
        }

        db.DoctorProfiles.Add(doctor);
        await db.SaveChangesAsync();
        return new TestDoctor(doctor.Id, membership.UserId, membership.User!.FullName, MemberOf(membership));
    }

    public async Task AddLeaveAsync(Guid doctorId, DateOnly date)
    {
        await using var db = SetUpContext();
        db.DoctorLeave.Add(new DoctorLeave { DoctorProfileId = doctorId, Date = date, Reason = "Conference" });
        await db.SaveChangesAsync();
    }

    /// <summary>Changes a membership behind the back of anything already open (another administrator's tab).</summary>
    public Task SetRolesAsync(TestMember member, PracticeRoles roles) => ChangeMembershipAsync(member, m => m.Roles = roles);

    public Task SetMembershipActiveAsync(TestMember member, bool active) => ChangeMembershipAsync(member, m => m.IsActive = active);

    // ---------- Locations, patients, appointments ----------

    /// <summary>A clinic location (the registered one, as registration writes it, when <paramref name="registered"/>).</summary>
    public async Task<Guid> AddLocationAsync(string? name = null, bool registered = false, bool active = true)
    {
        await using var db = SetUpContext();
        var location = new ClinicLocation
        {
            Name = name ?? "Clinic " + Guid.NewGuid().ToString("N")[..6], Address = "1 Test Road, Chennai",
            IsRegisteredLocation = registered, IsActive = active, CreatedAtUtc = DateTime.UtcNow,
        };
        db.ClinicLocations.Add(location);
        await db.SaveChangesAsync();
        return location.Id;
    }

    /// <summary>A patient on <paramref name="mobile"/> (a new number by default): the family's primary unless <paramref name="relationship"/> says otherwise.</summary>
    public async Task<Guid> AddPatientAsync(
        string firstName = "Ravi", string lastName = "Kumar", string? mobile = null, FamilyRelationship relationship = FamilyRelationship.Self,
        Gender gender = Gender.Male, bool active = true)
    {
        await using var db = SetUpContext();
        var patient = new Patient
        {
            FirstName = firstName, LastName = lastName, FirstNameKey = firstName.ToLowerInvariant(), SearchName = $"{firstName} {lastName}".ToLowerInvariant(),
            Mobile = mobile ?? NewMobile(), IsPrimary = relationship == FamilyRelationship.Self, Relationship = relationship, Gender = gender,
            DateOfBirth = new DateOnly(1980, 5, 17), IsActive = active, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    /// <summary>An appointment written as it stands (no booking checks), for setting up a day.</summary>
    public async Task<Guid> AddAppointmentAsync(
        Guid doctorId, Guid locationId, Guid patientId, DateTime startsAtUtc, int minutes = 30,
        AppointmentStatus status = AppointmentStatus.Scheduled, bool walkIn = false, string? number = null, string? reason = null)
    {
        await using var db = SetUpContext();
        var appointment = new Appointment
        {
            Number = number ?? $"APT-{startsAtUtc:yyyyMMdd}-T{Interlocked.Increment(ref appointmentNumber):0000}",
            PatientId = patientId, DoctorProfileId = doctorId, ClinicLocationId = locationId,
            StartsAtUtc = DateTime.SpecifyKind(startsAtUtc, DateTimeKind.Utc), EndsAtUtc = DateTime.SpecifyKind(startsAtUtc.AddMinutes(minutes), DateTimeKind.Utc),
            Status = status, IsWalkIn = walkIn, Reason = reason, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    // ---------- The practice row ----------

    /// <summary>Changes the practice's own row (global, so no guard stops this: ending a trial, limits, status).</summary>
    public async Task UpdateAsync(Action<Practice> change)
    {
        await using var db = Db.CreateContext(null);
        change(await db.Practices.SingleAsync(t => t.Id == Id));
        await db.SaveChangesAsync();
    }

    /// <summary>Ends the trial yesterday: the practice becomes read-only.</summary>
    public Task EndTrialAsync() => UpdateAsync(t => (t.Plan, t.TrialEndsAtUtc) = (PracticePlan.Trial, DateTime.UtcNow.AddDays(-1)));

    public async Task<Practice> TenantAsync()
    {
        await using var db = Db.CreateContext(null);
        return await db.Practices.AsNoTracking().SingleAsync(t => t.Id == Id);
    }

    /// <summary>A valid mobile number nobody else in the run has (10 digits starting with 9).</summary>
    public static string NewMobile() => "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private MedicalDbContext SetUpContext() => Db.CreateContext(Id, DatabaseRole.Platform);

    private static PracticeMembership NewMembership(MedicalDbContext db, PracticeRoles roles, bool active, string? fullName)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"{roles.ToString().Split(',')[0].Trim().ToLowerInvariant()}-{tag}@members.test";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = fullName ?? $"{roles} {tag}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        db.Users.Add(user);
        var membership = new PracticeMembership { User = user, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow };
        db.PracticeMemberships.Add(membership);
        return membership;
    }

    private TestMember MemberOf(PracticeMembership membership) => new(Id, membership.UserId, membership.User!.Email!);

    private async Task ChangeMembershipAsync(TestMember member, Action<PracticeMembership> change)
    {
        await using var db = Context();
        change(await db.PracticeMemberships.SingleAsync(m => m.UserId == member.UserId));
        await db.SaveChangesAsync();
    }
}

/// <summary>A doctor a test made: the profile, the account, its name and how it signs in.</summary>
public sealed record TestDoctor(Guid Id, Guid UserId, string Name, TestMember Member);

/// <summary>Weekly hours of a doctor at one location.</summary>
public sealed record DoctorHours(Guid LocationId, DayOfWeek[] Days, TimeOnly From, TimeOnly To)
{
    public static DoctorHours Weekdays(Guid locationId, int fromHour, int toHour) =>
        new(locationId, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new(fromHour, 0), new(toHour, 0));

    public static DoctorHours On(Guid locationId, DayOfWeek day, int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(locationId, [day], new(fromHour, fromMinute), new(toHour, toMinute));
}
