using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Identity;

/// <summary>What a member of a practice may do. Pages require one (or any of several); services check it again.</summary>
public enum PracticePermission
{
    /// <summary>Look patients up and read their records (demographics, allergies, visits).</summary>
    ViewPatients,

    /// <summary>Register patients and families and edit their demographics.</summary>
    RegisterPatients,

    /// <summary>Record and change blood group, allergies, chronic conditions and clinical notes.</summary>
    EditClinicalDetails,

    /// <summary>Deactivate and reactivate patients.</summary>
    DeactivatePatients,

    /// <summary>Read the "who accessed this record" report of a patient.</summary>
    ViewPatientAccessReport,

    /// <summary>Book, confirm, reschedule, cancel and mark no-shows.</summary>
    BookAppointments,

    /// <summary>The front desk's walk-in queue.</summary>
    RunReceptionQueue,

    /// <summary>Start and complete the consultations of one's own appointments.</summary>
    TreatOwnPatients,

    /// <summary>Start and complete consultations of any doctor (administrators stepping in).</summary>
    TreatAnyPatient,

    /// <summary>See the practice's doctors, their hours and leave.</summary>
    ViewDoctors,

    /// <summary>Edit one's own doctor profile, hours and leave.</summary>
    EditOwnDoctorProfile,

    /// <summary>Edit any doctor's profile, hours and leave.</summary>
    ManageDoctors,

    /// <summary>Add staff, change their roles, deactivate and reactivate them.</summary>
    ManageStaff,

    /// <summary>Clinic locations.</summary>
    ManageLocations,

    /// <summary>Practice name, time zone, letterhead and logo.</summary>
    ManageSettings,

    /// <summary>Move the practice to another address (slug).</summary>
    ChangePracticeAddress,

    /// <summary>Require two-factor sign-in of the practice's owners and administrators.</summary>
    RequireTwoFactorSignIn,

    /// <summary>See the plan, usage and subscription history.</summary>
    ViewPlan,

    /// <summary>Change the subscription plan.</summary>
    ChangePlan,

    /// <summary>Read the practice's audit log.</summary>
    ViewAuditLog,

    /// <summary>The administrators' summary on the home page.</summary>
    ViewPracticeOverview,

    /// <summary>Read and print prescriptions (everyone in the practice: the front desk hands them over).</summary>
    ViewPrescriptions,

    /// <summary>Write, finalise, correct and cancel the prescriptions of one's own consultations.</summary>
    WritePrescriptions,

    /// <summary>Add, edit, import and deactivate the practice's own medicines; hide global ones.</summary>
    ManageMedicines,

    /// <summary>Create short keys and edit one's own (personal or shared).</summary>
    WriteShortKeys,

    /// <summary>Edit and remove anyone's short keys.</summary>
    ManageAllShortKeys,

    /// <summary>How prescriptions print: the practice's template and any doctor's.</summary>
    ManagePrintSettings,

    /// <summary>
    /// Read dental charts, observations, procedures, treatment plans, attachments and case studies, and print plans
    /// (everyone: the front desk explains costs and hands the plan over).
    /// </summary>
    ViewDentalRecords,

    /// <summary>Chart teeth, record observations, plan and carry out procedures, write treatment plans and case studies.</summary>
    WriteDentalRecords,

    /// <summary>Upload X-rays, photos and documents, edit their captions and delete one's own uploads.</summary>
    UploadAttachments,

    /// <summary>Create note templates and edit one's own (personal or shared).</summary>
    WriteDentalTemplates,

    /// <summary>Edit and remove anyone's shared note templates; delete anyone's attachments.</summary>
    ManageDentalRecords,

    /// <summary>The practice's prices for dental procedures and its case-study generator (language-model endpoint).</summary>
    ManageDentalSettings,

    /// <summary>Appointment confirmations and reminders: channels, timing, the SMS gateway and the message wording.</summary>
    ManageReminders,
    /// <summary>Issue a member a new one-time password (taking over the sign-in of an account): the owner only.</summary>
    IssueMemberPasswords,
}

/// <summary>
/// The one table of which practice role may do what (PRODUCT.md section 1). Every page policy and every service check
/// reads it, so a rule changes in one place. Roles are read from the database for each decision, never from a page.
/// </summary>
public static class PracticePermissions
{
    private const PracticeRoles Everyone =
        PracticeRoles.Owner | PracticeRoles.Admin | PracticeRoles.Doctor | PracticeRoles.Receptionist | PracticeRoles.Nurse;

    private const PracticeRoles Administrators = PracticeRoles.Owner | PracticeRoles.Admin;

    public static IReadOnlyDictionary<PracticePermission, PracticeRoles> Table { get; } = new Dictionary<PracticePermission, PracticeRoles>
    {
        [PracticePermission.ViewPatients] = Everyone,
        [PracticePermission.RegisterPatients] = Administrators | PracticeRoles.Doctor | PracticeRoles.Receptionist,
        [PracticePermission.EditClinicalDetails] = Administrators | PracticeRoles.Doctor,
        [PracticePermission.DeactivatePatients] = Administrators,
        [PracticePermission.ViewPatientAccessReport] = Administrators,
        [PracticePermission.BookAppointments] = Everyone,
        [PracticePermission.RunReceptionQueue] = Administrators | PracticeRoles.Receptionist | PracticeRoles.Nurse,
        [PracticePermission.TreatOwnPatients] = PracticeRoles.Doctor,
        [PracticePermission.TreatAnyPatient] = Administrators,
        [PracticePermission.ViewDoctors] = Everyone,
        [PracticePermission.EditOwnDoctorProfile] = PracticeRoles.Doctor,
        [PracticePermission.ManageDoctors] = Administrators,
        [PracticePermission.ManageStaff] = Administrators,
        [PracticePermission.ManageLocations] = Administrators,
        [PracticePermission.ManageSettings] = Administrators,
        [PracticePermission.ChangePracticeAddress] = PracticeRoles.Owner,
        [PracticePermission.RequireTwoFactorSignIn] = PracticeRoles.Owner,
        [PracticePermission.ViewPlan] = Administrators,
        [PracticePermission.ChangePlan] = PracticeRoles.Owner,
        [PracticePermission.ViewAuditLog] = Administrators,
        [PracticePermission.ViewPracticeOverview] = Administrators,
        [PracticePermission.ViewPrescriptions] = Everyone,
        [PracticePermission.WritePrescriptions] = PracticeRoles.Doctor,
        [PracticePermission.ManageMedicines] = Administrators | PracticeRoles.Doctor,
        [PracticePermission.WriteShortKeys] = Administrators | PracticeRoles.Doctor,
        [PracticePermission.ManageAllShortKeys] = Administrators,
        [PracticePermission.ManagePrintSettings] = Administrators,
        [PracticePermission.ManageReminders] = Administrators,
        [PracticePermission.ViewDentalRecords] = Everyone,
        [PracticePermission.WriteDentalRecords] = PracticeRoles.Doctor,
        [PracticePermission.UploadAttachments] = Administrators | PracticeRoles.Doctor | PracticeRoles.Nurse,
        [PracticePermission.WriteDentalTemplates] = Administrators | PracticeRoles.Doctor,
        [PracticePermission.ManageDentalRecords] = Administrators,
        [PracticePermission.ManageDentalSettings] = Administrators,
        [PracticePermission.IssueMemberPasswords] = PracticeRoles.Owner,
    };

    /// <summary>Whether a member holding <paramref name="roles"/> may do <paramref name="permission"/>.</summary>
    public static bool Allows(PracticeRoles roles, PracticePermission permission) =>
        (roles & Table[permission]) != PracticeRoles.None;

    /// <summary>Whether <paramref name="roles"/> allow at least one of <paramref name="permissions"/>.</summary>
    public static bool AllowsAny(PracticeRoles roles, IEnumerable<PracticePermission> permissions) =>
        permissions.Any(p => Allows(roles, p));
}
