using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// The seeded demo practice has no doctor profiles yet: these give Vikram Iyer (doctor@demo.test) and Asha Raman
/// (owner@demo.test, Owner + Doctor) one, once per app.
/// </summary>
public static class DemoDoctors
{
    public const string VikramNumber = "TNMC-70001";
    public const string AshaNumber = "TNMC-70002";

    /// <summary>Profiles for the demo's two doctors (once per app), Vikram with weekday hours at the registered location.</summary>
    public static Task<(Guid Vikram, Guid Asha)> EnsureAsync(MedicalAppFactory app) =>
        app.InPracticeAsync("demo", async db =>
        {
            async Task<DoctorProfile> EnsureAsync(string email, string number)
            {
                var membership = await db.TenantMemberships.Include(m => m.DoctorProfile).SingleAsync(m => m.User!.Email == email);
                if (membership.DoctorProfile is { } existing)
                {
                    return existing;
                }

                var profile = new DoctorProfile
                {
                    MembershipId = membership.Id, RegistrationNumber = number, Specializations = ["General Medicine"],
                    Qualification = "MBBS", ExperienceYears = 8, ConsultationFee = 600m, CreatedAtUtc = DateTime.UtcNow,
                };
                db.DoctorProfiles.Add(profile);
                return profile;
            }

            var vikram = await EnsureAsync("doctor@demo.test", VikramNumber);
            var asha = await EnsureAsync("owner@demo.test", AshaNumber);
            if (db.ChangeTracker.HasChanges())
            {
                var registered = await db.ClinicLocations.SingleAsync(l => l.IsRegisteredLocation);
                vikram.Locations.Add(new DoctorLocation { ClinicLocationId = registered.Id });
                foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
                {
                    vikram.Availability.Add(new DoctorAvailability { ClinicLocationId = registered.Id, Day = day, StartTime = new(9, 0), EndTime = new(13, 0) });
                    vikram.Availability.Add(new DoctorAvailability { ClinicLocationId = registered.Id, Day = day, StartTime = new(17, 0), EndTime = new(21, 0) });
                }

                await db.SaveChangesAsync();
            }

            return (vikram.Id, asha.Id);
        });
}
