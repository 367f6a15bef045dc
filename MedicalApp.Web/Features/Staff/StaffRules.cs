using System.ComponentModel.DataAnnotations;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;

namespace MedicalApp.Web.Features.Staff;

/// <summary>
/// The rules of the staff forms, shared by the dialogs (each field's validation) and the services (again on the
/// server). Each returns null when the value is acceptable, otherwise the message to show next to the field; a
/// doctor's details follow <see cref="DoctorProfileRules"/>, as everywhere a doctor is made.
/// </summary>
public static class StaffRules
{
    public const int NameMinLength = 2;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 256;

    /// <summary>What an invitation can keep of the typed specializations until it is accepted (its column's size).</summary>
    public const int InvitationSpecializationsMaxLength = 100;

    private static readonly EmailAddressAttribute EmailAddress = new();

    public static string? FullNameError(string? name) => (name?.Trim().Length ?? 0) switch
    {
        0 => "Enter the person's full name.",
        < NameMinLength or > NameMaxLength => $"The name must have {NameMinLength} to {NameMaxLength} characters.",
        _ => null,
    };

    public static string? EmailError(string? email)
    {
        var value = email?.Trim() ?? "";
        if (value.Length == 0)
        {
            return "Enter their email address.";
        }

        return value.Length > EmailMaxLength || !EmailAddress.IsValid(value) ? "Enter a valid email address." : null;
    }

    /// <summary>Optional; when given, a mobile number (it is the member's own phone, not a clinic's landline).</summary>
    public static string? PhoneError(string? phone) =>
        string.IsNullOrWhiteSpace(phone) || IndianMobileNumber.Normalize(phone) is not null ? null : IndianMobileNumber.ErrorMessage;

    public static string? RolesError(PracticeRoles roles)
    {
        if (roles.HasFlag(PracticeRoles.Owner))
        {
            return "The Owner role cannot be given; every practice has its owner from registration.";
        }

        return (roles & (PracticeRoles.Doctor | PracticeRoles.Receptionist | PracticeRoles.Nurse | PracticeRoles.Admin)) == PracticeRoles.None
            ? "Choose at least one role."
            : null;
    }

    /// <summary>An invitation's form, as the dialog checks it: the doctor's details count only with the Doctor role.</summary>
    public static ChangeResult? Check(NewMemberForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeResult.InvalidIfAny(
        [
            new(nameof(NewMemberForm.FullName), FullNameError(form.FullName)),
            new(nameof(NewMemberForm.Email), EmailError(form.Email)),
            new(nameof(NewMemberForm.Phone), PhoneError(form.Phone)),
            new(nameof(NewMemberForm.Roles), RolesError(form.Roles)),
            .. form.Roles.HasFlag(PracticeRoles.Doctor) ? InvitedDoctorErrors(form.Doctor) : [],
        ]);
    }

    /// <summary>
    /// A change of roles: the owner keeps Owner and may hold no other role, anyone else needs one; the doctor's
    /// details count when the change makes a new doctor profile.
    /// </summary>
    public static ChangeResult? Check(MemberRolesForm form, bool ofOwner, bool makesDoctorProfile)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeResult.InvalidIfAny(
        [
            new(nameof(MemberRolesForm.Roles), ofOwner ? null : RolesError(form.Roles)),
            .. makesDoctorProfile ? DoctorProfileRules.Errors(form.Doctor) : [],
        ]);
    }

    /// <summary>The doctor details an invitation carries, as the form they were typed in.</summary>
    public static DoctorDetailsInput DoctorDetailsOf(StaffInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return new()
        {
            RegistrationNumber = invitation.RegistrationNumber,
            Specializations = invitation.Specializations,
            Qualification = invitation.Qualification,
            ExperienceYears = invitation.ExperienceYears,
            ConsultationFee = invitation.ConsultationFee,
            ConsultationMinutes = invitation.ConsultationMinutes,
        };
    }

    /// <summary>The specializations as an invitation keeps them: cleaned, one comma between each.</summary>
    public static string InvitationSpecializations(DoctorDetailsInput details) =>
        string.Join(", ", DoctorProfileRules.Clean(details).Specializations);

    // The doctor's rules, and what the invitation can keep of valid specializations until the doctor joins.
    private static IEnumerable<KeyValuePair<string, string?>> InvitedDoctorErrors(DoctorDetailsInput details) =>
        DoctorProfileRules.Errors(details).Select(error =>
            error.Key == DoctorFields.Specializations && error.Value is null
            && InvitationSpecializations(details).Length > InvitationSpecializationsMaxLength
                ? new KeyValuePair<string, string?>(error.Key,
                    $"Together the specializations can have at most {InvitationSpecializationsMaxLength} characters until the doctor joins; add more on their profile then.")
                : error);
}
