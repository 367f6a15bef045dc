using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>
/// How a doctor profile comes to be, whoever makes it: staff management (a new Doctor role, an accepted invitation)
/// and practice registration (an owner who practises) all create it here, from <see cref="DoctorDetailsInput"/>
/// checked by <see cref="DoctorProfileRules.Check"/>, so a number or a specialization is stored one way.
/// </summary>
public static class DoctorProfiles
{
    /// <summary>
    /// A new profile of <paramref name="membership"/>, added to <paramref name="db"/>, practising at
    /// <paramref name="startingLocation"/> when there is one (where and when is then edited on the profile).
    /// </summary>
    public static DoctorProfile Create(
        MedicalDbContext db, PracticeMembership membership, DoctorDetailsInput details, DateTime nowUtc, ClinicLocation? startingLocation)
    {
        ArgumentNullException.ThrowIfNull(db);
        var values = DoctorProfileRules.Clean(details);
        var profile = new DoctorProfile
        {
            Membership = membership,
            RegistrationNumber = values.RegistrationNumber,
            Specializations = values.Specializations,
            Qualification = values.Qualification,
            ExperienceYears = values.ExperienceYears,
            ConsultationFee = values.ConsultationFee,
            ConsultationMinutes = values.ConsultationMinutes,
            CreatedAtUtc = nowUtc,
        };
        if (startingLocation is not null)
        {
            profile.Locations.Add(new DoctorLocation { ClinicLocation = startingLocation });
        }

        db.DoctorProfiles.Add(profile);
        return profile;
    }

    /// <summary>Where a doctor joining an existing practice starts: its registered location, else its first active one.</summary>
    public static Task<ClinicLocation?> StartingLocationAsync(MedicalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ClinicLocations.Where(l => l.IsActive)
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Whether another doctor of the practice has <paramref name="registrationNumber"/> (normalized). Asked under the
    /// practice lock, so two saves of one number cannot both pass; the unique index stays the last word.
    /// </summary>
    public static Task<bool> RegistrationNumberTakenAsync(
        MedicalDbContext db, string registrationNumber, Guid? exceptDoctorId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.DoctorProfiles.AnyAsync(d => d.Id != exceptDoctorId && d.RegistrationNumber == registrationNumber, cancellationToken);
    }
}
