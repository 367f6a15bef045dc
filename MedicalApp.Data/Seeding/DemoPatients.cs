using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Data.Seeding;

/// <summary>
/// Demonstration families and today's appointments, so the patients, reception and dashboard screens have something
/// to show on a fresh `dotnet run`. Added once: nothing is seeded when the practice already has patients.
/// </summary>
internal static class DemoPatients
{
    private sealed record Member(string First, string Last, Gender Gender, FamilyRelationship Relationship, DateOnly? Born, int? Age = null,
        string? Allergies = null, string? Conditions = null, string? BloodGroup = null);

    private static readonly (string Mobile, Member[] Members)[] DemoFamilies =
    [
        ("9840012345",
        [
            new("Ravi", "Kumar", Gender.Male, FamilyRelationship.Self, new(1978, 4, 12), Allergies: "Penicillin", BloodGroup: "B+"),
            new("Lakshmi", "Ravi", Gender.Female, FamilyRelationship.Spouse, new(1982, 9, 3), BloodGroup: "O+"),
            new("Arjun", "Ravi", Gender.Male, FamilyRelationship.Child, new(2010, 6, 21)),
            new("Meera", "Ravi", Gender.Female, FamilyRelationship.Child, new(2014, 2, 14), Allergies: "Peanuts"),
        ]),
        ("9884054321",
        [
            new("Fatima", "Begum", Gender.Female, FamilyRelationship.Self, new(1965, 11, 30), Conditions: "Type 2 diabetes, hypertension", BloodGroup: "A+"),
            new("Imran", "Khan", Gender.Male, FamilyRelationship.Child, new(1990, 1, 8)),
        ]),
        ("9003012345", [new("Suresh", "Babu", Gender.Male, FamilyRelationship.Self, null, Age: 45)]),
    ];

    public static async Task EnsureAsync(IServiceScopeFactory scopeFactory, Practice demo, Practice sunrise, TimeProvider clock, CancellationToken cancellationToken)
    {
        await EnsureFamiliesAsync(scopeFactory, demo, DemoFamilies, withTodaysAppointments: true, clock, cancellationToken);
        await EnsureFamiliesAsync(scopeFactory, sunrise,
            [("9845098450", [new Member("Priya", "Shetty", Gender.Female, FamilyRelationship.Self, new(1992, 7, 19))])],
            withTodaysAppointments: false, clock, cancellationToken);
    }

    private static async Task EnsureFamiliesAsync(
        IServiceScopeFactory scopeFactory, Practice practice, (string Mobile, Member[] Members)[] families, bool withTodaysAppointments,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(practice));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync(cancellationToken);
        if (await db.Patients.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var zone = FindZone(practice.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var patients = new List<Patient>();
        foreach (var (mobile, members) in families)
        {
            foreach (var member in members)
            {
                var patient = new Patient
                {
                    FirstName = member.First,
                    LastName = member.Last,
                    FirstNameKey = member.First.ToLowerInvariant(),
                    SearchName = $"{member.First} {member.Last}".ToLowerInvariant(),
                    Gender = member.Gender,
                    Relationship = member.Relationship,
                    IsPrimary = member.Relationship == FamilyRelationship.Self,
                    DateOfBirth = member.Born,
                    AgeYears = member.Age,
                    AgeRecordedOn = member.Age is null ? null : today,
                    Mobile = mobile,
                    Allergies = member.Allergies,
                    ChronicConditions = member.Conditions,
                    BloodGroup = member.BloodGroup,
                    Address = "Chennai",
                    CreatedAtUtc = now,
                };
                patients.Add(patient);
                db.Patients.Add(patient);
            }
        }

        if (withTodaysAppointments)
        {
            var doctor = await db.DoctorProfiles.Include(d => d.Locations)
                .FirstAsync(d => d.Membership!.User!.Email == "doctor@demo.test", cancellationToken);
            var location = doctor.Locations.First().ClinicLocationId;
            var visits = new (int Patient, TimeOnly At, AppointmentStatus Status, bool WalkIn, string Reason)[]
            {
                (6, new(9, 0), AppointmentStatus.Completed, false, "Follow-up: blood pressure"),
                (0, new(10, 0), AppointmentStatus.Confirmed, false, "Fever and cough for three days"),
                (1, new(11, 0), AppointmentStatus.Scheduled, false, "Routine check-up"),
                (4, new(17, 30), AppointmentStatus.Scheduled, false, "Diabetes review"),
                (3, new(18, 0), AppointmentStatus.Scheduled, true, "Rash on the arm"),
            };
            var number = 0;
            foreach (var visit in visits)
            {
                var startsLocal = today.ToDateTime(visit.At);
                var startsUtc = TimeZoneInfo.ConvertTimeToUtc(startsLocal, zone);
                db.Appointments.Add(new Appointment
                {
                    Number = $"APT-{today:yyyyMMdd}-{++number:0000}",
                    Patient = patients[visit.Patient],
                    DoctorProfileId = doctor.Id,
                    ClinicLocationId = location,
                    StartsAtUtc = startsUtc,
                    EndsAtUtc = startsUtc.AddMinutes(doctor.ConsultationMinutes),
                    Status = visit.Status,
                    IsWalkIn = visit.WalkIn,
                    Reason = visit.Reason,
                    CreatedAtUtc = now,
                });
            }

            // Later bookings continue the day's numbering from here.
            db.BusinessNumberCounters.Add(new BusinessNumberCounter { Kind = "APT", Day = today, LastValue = number });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    internal static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("IST", TimeSpan.FromHours(5.5), "India Standard Time", "India Standard Time");
        }
    }
}
