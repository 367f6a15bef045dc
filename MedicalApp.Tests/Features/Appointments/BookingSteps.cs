using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// The set-up the demo practice's browser journeys share before the browser opens: a patient written straight into the
/// practice, and visits booked for them through <see cref="AppointmentService"/> as the demo receptionist books at the
/// desk (so the slot, hours, leave and same-day checks all apply, and the number is a real one).
/// </summary>
public static class BookingSteps
{
    public const string Practice = "demo";

    public const string ReceptionEmail = "reception@demo.test";

    /// <summary>A new active patient of the demo practice, the head of their own family.</summary>
    public static Task<Guid> AddPatientAsync(
        MedicalAppFactory app, string firstName, string lastName, string? mobile = null, DateOnly? dateOfBirth = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InPracticeAsync(Practice, async db =>
        {
            var patient = new Patient
            {
                FirstName = firstName, LastName = lastName, FirstNameKey = firstName.ToLowerInvariant(), SearchName = $"{firstName} {lastName}".ToLowerInvariant(),
                Mobile = mobile ?? TestPractice.NewMobile(), IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female,
                DateOfBirth = dateOfBirth ?? new DateOnly(1985, 1, 1), IsActive = true, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });
    }

    /// <summary>The demo location whose name ends with <paramref name="nameEnding"/> ("Anna Nagar", "T. Nagar").</summary>
    public static Task<Guid> LocationAsync(MedicalAppFactory app, string nameEnding)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InPracticeAsync(Practice, db => db.ClinicLocations.Where(l => l.Name.EndsWith(nameEnding)).Select(l => l.Id).SingleAsync());
    }

    public static Task<Guid> ReceptionistAsync(MedicalAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InPracticeAsync(Practice, db => db.PracticeMemberships.Where(m => m.User!.Email == ReceptionEmail).Select(m => m.UserId).SingleAsync());
    }

    /// <summary>Books as the receptionist and asserts it was booked; returns the visit's id and number.</summary>
    public static async Task<AppointmentOutcome> BookAsync(
        MedicalAppFactory app, Guid patient, Guid doctor, Guid location, DateOnly date, TimeOnly at, string? reason = null)
    {
        var receptionist = await ReceptionistAsync(app);
        var booked = await app.WithPracticeServicesAsync(Practice, receptionist, services =>
            services.GetRequiredService<AppointmentService>().BookAsync(patient, doctor, location, date, at, reason, null));
        Assert.True(booked.Succeeded, booked.Message);
        return booked.Value!;
    }
}
