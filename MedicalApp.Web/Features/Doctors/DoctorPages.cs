using System.Globalization;
using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>Who may open the doctor pages, and how they write money.</summary>
public static class DoctorPages
{
    /// <summary>Everyone in the practice may see who the doctors are and when they are in.</summary>
    public const string Viewers = PracticeRoleNames.Owner + "," + PracticeRoleNames.Admin + "," + PracticeRoleNames.Doctor + ","
        + PracticeRoleNames.Receptionist + "," + PracticeRoleNames.Nurse;

    /// <summary>Who may open the edit page at all; the page and the service then allow a doctor only their own profile.</summary>
    public const string Editors = PracticeRoleNames.Owner + "," + PracticeRoleNames.Admin + "," + PracticeRoleNames.Doctor;

    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");

    /// <summary>"₹500" or "₹1,250.50": paise only when there are any, Indian digit grouping.</summary>
    public static string Rupees(decimal amount) =>
        "₹" + amount.ToString(decimal.Truncate(amount) == amount ? "N0" : "N2", India);
}
