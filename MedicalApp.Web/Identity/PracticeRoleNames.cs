using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Identity;

/// <summary>Role names as they appear in claims and <c>[Authorize(Roles = …)]</c>.</summary>
public static class PracticeRoleNames
{
    public const string Owner = nameof(PracticeRoles.Owner);
    public const string Admin = nameof(PracticeRoles.Admin);
    public const string Doctor = nameof(PracticeRoles.Doctor);
    public const string Receptionist = nameof(PracticeRoles.Receptionist);
    public const string Nurse = nameof(PracticeRoles.Nurse);

    /// <summary>Who administers a practice: the owner is always an admin too.</summary>
    public const string Administrators = Owner + "," + Admin;

    public static IEnumerable<string> Of(PracticeRoles roles) =>
        Enum.GetValues<PracticeRoles>().Where(r => r != PracticeRoles.None && roles.HasFlag(r)).Select(r => r.ToString());
}
