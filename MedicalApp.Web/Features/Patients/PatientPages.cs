using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Patients;

/// <summary>Who may open the patient pages; the service checks again, against the member's current roles.</summary>
public static class PatientPages
{
    /// <summary>Every member of the practice may look patients up and read their record (nurses included).</summary>
    public const string Viewers = PracticeRoleNames.Owner + "," + PracticeRoleNames.Admin + "," + PracticeRoleNames.Doctor + ","
        + PracticeRoleNames.Receptionist + "," + PracticeRoleNames.Nurse;

    /// <summary>Who registers patients and families: everyone but nurses, who view only.</summary>
    public const string Registrars = PracticeRoleNames.Owner + "," + PracticeRoleNames.Admin + "," + PracticeRoleNames.Doctor + ","
        + PracticeRoleNames.Receptionist;
}
