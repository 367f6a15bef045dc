using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Identity;

/// <summary>Role names as people read them (staff lists, audit details, emails); what a role may do is in <see cref="PracticePermissions"/>.</summary>
public static class PracticeRoleNames
{
    public static IEnumerable<string> Of(PracticeRoles roles) =>
        Enum.GetValues<PracticeRoles>().Where(r => r != PracticeRoles.None && roles.HasFlag(r)).Select(r => r.ToString());
}
