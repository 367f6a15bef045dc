using System.ComponentModel.DataAnnotations;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The rules shared by the staff services: form validation (the same the dialogs run in the browser, again on the
/// server), which roles can be given, and the doctor profile a new doctor starts with.
/// </summary>
internal static class StaffRules
{
    public static string NormalizeRegistration(string? value) => (value ?? "").Trim().ToUpperInvariant();

    public static Dictionary<string, string> Validate(object form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        var errors = new Dictionary<string, string>();
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                errors.TryAdd(member, result.ErrorMessage ?? "Check this field.");
            }
        }

        if (form is NewMemberForm { Phone: { Length: > 0 } phone } && IndianMobileNumber.Normalize(phone) is null)
        {
            errors[nameof(NewMemberForm.Phone)] = IndianMobileNumber.ErrorMessage;
        }

        return errors;
    }

    public static void ValidateRoles(PracticeRoles roles, Dictionary<string, string> errors)
    {
        if (roles.HasFlag(PracticeRoles.Owner))
        {
            errors[nameof(NewMemberForm.Roles)] = "The Owner role cannot be given; every practice has its owner from registration.";
        }
        else if ((roles & (PracticeRoles.Doctor | PracticeRoles.Receptionist | PracticeRoles.Nurse | PracticeRoles.Admin)) == PracticeRoles.None)
        {
            errors[nameof(NewMemberForm.Roles)] = "Choose at least one role.";
        }
    }

    public static void ValidateDoctorDetails(DoctorDetailsForm details, Dictionary<string, string> errors)
    {
        foreach (var (field, message) in Validate(details))
        {
            errors.TryAdd(field, message);
        }

        if (NormalizeRegistration(details.RegistrationNumber).Length is < 3 or > 50)
        {
            errors[nameof(DoctorDetailsForm.RegistrationNumber)] = "Enter the doctor's medical council registration number (3 to 50 characters).";
        }

        if (string.IsNullOrWhiteSpace(details.Specialization))
        {
            errors[nameof(DoctorDetailsForm.Specialization)] = "Enter at least one specialization (separate several with commas).";
        }

        if (decimal.Round(details.ConsultationFee, 2) != details.ConsultationFee)
        {
            errors[nameof(DoctorDetailsForm.ConsultationFee)] = "The fee can have at most two decimals (paise).";
        }
    }

    /// <summary>The doctor details an invitation carries, as the form they were typed in.</summary>
    public static MemberRolesForm DoctorDetailsOf(StaffInvitation invitation) => new()
    {
        Roles = invitation.Roles,
        RegistrationNumber = invitation.RegistrationNumber,
        Specialization = invitation.Specializations,
        Qualification = invitation.Qualification,
        ExperienceYears = invitation.ExperienceYears,
        ConsultationFee = invitation.ConsultationFee,
        ConsultationMinutes = invitation.ConsultationMinutes,
    };

    public static async Task<DoctorProfile> NewDoctorProfileAsync(
        MedicalDbContext db, TenantMembership membership, DoctorDetailsForm details, DateTime now, CancellationToken cancellationToken)
    {
        var profile = new DoctorProfile
        {
            Membership = membership,
            RegistrationNumber = NormalizeRegistration(details.RegistrationNumber),
            Specializations = (details.Specialization ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Qualification = string.IsNullOrWhiteSpace(details.Qualification) ? null : details.Qualification.Trim(),
            ExperienceYears = details.ExperienceYears,
            ConsultationFee = details.ConsultationFee,
            ConsultationMinutes = details.ConsultationMinutes,
            CreatedAtUtc = now,
        };
        // A new doctor starts at the registered location; where and when they practise is edited on their profile.
        var location = await db.ClinicLocations.Where(l => l.IsActive)
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (location is { } locationId)
        {
            profile.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
        }

        return profile;
    }

    // A full plan or a read-only practice is an answer for the person at the screen, not an error.
    public static async Task<StaffResult> RefusalsAsMessagesAsync(Func<Task<StaffResult>> change)
    {
        try
        {
            return await change();
        }
        catch (PlanLimitExceededException refused)
        {
            return StaffResult.Refused(refused.Message);
        }
        catch (PracticeReadOnlyException readOnly)
        {
            return StaffResult.Refused(readOnly.Message);
        }
    }
}
