using MedicalApp.Data.Seeding;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>
/// The demo practice's two seeded doctors (see <see cref="DevelopmentDataSeeder"/>): Vikram Iyer (doctor@demo.test;
/// Anna Nagar weekday evenings, T. Nagar Mon/Wed/Fri mornings) and Asha Raman (owner@demo.test, Owner + Doctor).
/// </summary>
public static class DemoDoctors
{
    public static string VikramNumber => Seeded("doctor@demo.test").RegistrationNumber;

    public static string AshaNumber => Seeded("owner@demo.test").RegistrationNumber;

    public static Task<(Guid Vikram, Guid Asha)> EnsureAsync(MedicalAppFactory app) =>
        app.InPracticeAsync("demo", async db =>
        {
            var vikram = await db.DoctorProfiles.Where(d => d.Membership!.User!.Email == "doctor@demo.test").Select(d => d.Id).SingleAsync();
            var asha = await db.DoctorProfiles.Where(d => d.Membership!.User!.Email == "owner@demo.test").Select(d => d.Id).SingleAsync();
            return (vikram, asha);
        });

    private static DemoDoctor Seeded(string email) => DevelopmentDataSeeder.SignIns.Single(s => s.Email == email).Doctor!;
}
