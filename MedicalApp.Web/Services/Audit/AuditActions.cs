namespace MedicalApp.Web.Services.Audit;

/// <summary>The names audit events are recorded under; the audit log filters on them.</summary>
public static class AuditActions
{
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignInLockedOut = "SignInLockedOut";
    public const string SignInRefused = "SignInRefused";
    public const string SignOut = "SignOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string MfaEnabled = "MfaEnabled";
    public const string MfaDisabled = "MfaDisabled";
    public const string AuthenticatorReset = "AuthenticatorReset";
    public const string RecoveryCodesGenerated = "RecoveryCodesGenerated";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";
    public const string MfaCodeFailed = "MfaCodeFailed";
    public const string MfaRequirementChanged = "MfaRequirementChanged";
    public const string PasswordResetRequested = "PasswordResetRequested";
    public const string PasswordReset = "PasswordReset";
    public const string PracticeRegistered = "PracticeRegistered";
    public const string MemberAdded = "MemberAdded";
    public const string MemberChanged = "MemberChanged";
    public const string MemberDeactivated = "MemberDeactivated";
    public const string MemberReactivated = "MemberReactivated";
    public const string MemberDetailsChanged = "MemberDetailsChanged";
    public const string MemberPasswordIssued = "MemberPasswordIssued";
    public const string InvitationSent = "InvitationSent";
    public const string InvitationResent = "InvitationResent";
    public const string InvitationRevoked = "InvitationRevoked";
    public const string InvitationAccepted = "InvitationAccepted";
    public const string DoctorProfileUpdated = "DoctorProfileUpdated";
    public const string DoctorScheduleUpdated = "DoctorScheduleUpdated";
    public const string DoctorLeaveAdded = "DoctorLeaveAdded";
    public const string DoctorLeaveRemoved = "DoctorLeaveRemoved";
    public const string DoctorSignatureChanged = "DoctorSignatureChanged";
    public const string DoctorSignatureRemoved = "DoctorSignatureRemoved";
    public const string ClinicLocationAdded = "ClinicLocationAdded";
    public const string ClinicLocationChanged = "ClinicLocationChanged";
    public const string ClinicLocationDeactivated = "ClinicLocationDeactivated";
    public const string ClinicLocationReactivated = "ClinicLocationReactivated";
    public const string PracticeSettingsChanged = "PracticeSettingsChanged";
    public const string PracticeAddressChanged = "PracticeAddressChanged";
    public const string PracticeLogoChanged = "PracticeLogoChanged";
    public const string PracticeLogoRemoved = "PracticeLogoRemoved";
    public const string PlanChanged = "PlanChanged";
    public const string PatientRegistered = "PatientRegistered";
    public const string PatientUpdated = "PatientUpdated";
    public const string PatientDeactivated = "PatientDeactivated";
    public const string PatientReactivated = "PatientReactivated";
    public const string FamilyPrimaryChanged = "FamilyPrimaryChanged";
    public const string PatientViewed = "PatientViewed";
    public const string PatientAccessReportViewed = "PatientAccessReportViewed";
    public const string AppointmentBooked = "AppointmentBooked";
    public const string WalkInAdded = "WalkInAdded";
    public const string AppointmentConfirmed = "AppointmentConfirmed";
    public const string ConsultationStarted = "ConsultationStarted";
    public const string ConsultationCompleted = "ConsultationCompleted";
    public const string AppointmentCancelled = "AppointmentCancelled";
    public const string AppointmentNoShow = "AppointmentNoShow";
    public const string AppointmentRescheduled = "AppointmentRescheduled";
    public const string AppointmentTextsEdited = "AppointmentTextsEdited";
    public const string ConsultationPaused = "ConsultationPaused";
    public const string PatientCheckedIn = "PatientCheckedIn";
    public const string PatientMarkedUrgent = "PatientMarkedUrgent";
    public const string PatientUrgencyCleared = "PatientUrgencyCleared";
    public const string TokenSlipPrinted = "TokenSlipPrinted";
    public const string WaitingDisplayLinkCreated = "WaitingDisplayLinkCreated";
    public const string WaitingDisplayNamesChanged = "WaitingDisplayNamesChanged";
    public const string PrescriptionFinalised = "PrescriptionFinalised";
    public const string PrescriptionCorrected = "PrescriptionCorrected";
    public const string PrescriptionCancelled = "PrescriptionCancelled";
    public const string PrescriptionWarningConfirmed = "PrescriptionWarningConfirmed";
    public const string PrescriptionViewed = "PrescriptionViewed";
    public const string PrescriptionPrinted = "PrescriptionPrinted";
    public const string PrintSettingsChanged = "PrintSettingsChanged";
    public const string PracticeMedicineAdded = "PracticeMedicineAdded";
    public const string PracticeMedicineChanged = "PracticeMedicineChanged";
    public const string PracticeMedicineDeactivated = "PracticeMedicineDeactivated";
    public const string PracticeMedicineReactivated = "PracticeMedicineReactivated";
    public const string PracticeMedicinesImported = "PracticeMedicinesImported";
    public const string GlobalMedicineHidden = "GlobalMedicineHidden";
    public const string GlobalMedicineUnhidden = "GlobalMedicineUnhidden";
    public const string ShortKeyCreated = "ShortKeyCreated";
    public const string ShortKeyChanged = "ShortKeyChanged";
    public const string ShortKeyDeactivated = "ShortKeyDeactivated";
    public const string ShortKeyReactivated = "ShortKeyReactivated";
    public const string ShortKeyDeleted = "ShortKeyDeleted";
    public const string DentalChartChanged = "DentalChartChanged";
    public const string DentalObservationsRecorded = "DentalObservationsRecorded";
    public const string DentalObservationChanged = "DentalObservationChanged";
    public const string DentalObservationDeleted = "DentalObservationDeleted";
    public const string DentalNoteTemplateCreated = "DentalNoteTemplateCreated";
    public const string DentalNoteTemplateChanged = "DentalNoteTemplateChanged";
    public const string DentalNoteTemplateDeleted = "DentalNoteTemplateDeleted";
    public const string DentalPriceChanged = "DentalPriceChanged";
    public const string DentalProcedurePlanned = "DentalProcedurePlanned";
    public const string DentalProcedureStatusChanged = "DentalProcedureStatusChanged";
    public const string DentalProcedureRescheduled = "DentalProcedureRescheduled";
    public const string TreatmentPlanCreated = "TreatmentPlanCreated";
    public const string TreatmentPlanChanged = "TreatmentPlanChanged";
    public const string TreatmentPlanProposed = "TreatmentPlanProposed";
    public const string TreatmentPlanDecided = "TreatmentPlanDecided";
    public const string TreatmentPlanPrinted = "TreatmentPlanPrinted";

    // Dental attachments and case studies: recorded against the patient, so they show in the "who accessed" report.
    public const string DentalAttachmentUploaded = "DentalAttachmentUploaded";
    public const string DentalAttachmentViewed = "DentalAttachmentViewed";
    public const string DentalAttachmentCaptionChanged = "DentalAttachmentCaptionChanged";
    public const string DentalAttachmentDeleted = "DentalAttachmentDeleted";
    public const string CaseStudyCreated = "CaseStudyCreated";
    public const string CaseStudySaved = "CaseStudySaved";
    public const string CaseStudyPrinted = "CaseStudyPrinted";
    public const string CaseStudySettingsChanged = "CaseStudySettingsChanged";

    // Appointment reminders (issue 12).
    public const string ReminderSettingsChanged = "ReminderSettingsChanged";
    public const string ReminderTemplateChanged = "ReminderTemplateChanged";
    public const string ReminderTestSmsSent = "ReminderTestSmsSent";
    public const string PatientOptedOutOfReminders = "PatientOptedOutOfReminders";

    // Platform console actions: recorded in the platform trail with the practice they acted upon, and in that
    // practice's own trail ("By the MedicalApp platform team: …"), so the practice sees what was changed and why.
    public const string PlanLimitsChanged = "PlanLimitsChanged";
    public const string TrialExtended = "TrialExtended";
    public const string PracticeSuspended = "PracticeSuspended";
    public const string PracticeReactivated = "PracticeReactivated";

    // The platform's global medicine catalogue: recorded in the platform trail only (no practice is acted upon).
    public const string GlobalMedicineAdded = "GlobalMedicineAdded";
    public const string GlobalMedicineChanged = "GlobalMedicineChanged";
    public const string GlobalMedicineWithdrawn = "GlobalMedicineWithdrawn";
    public const string GlobalMedicineRestored = "GlobalMedicineRestored";

    /// <summary>
    /// What counts as a view of a patient's record in its "who accessed" report: opening the record (or a consultation
    /// of it) and opening one of the patient's prescriptions. Both are recorded against the patient.
    /// </summary>
    public static IReadOnlyList<string> PatientRecordViews { get; } = [PatientViewed, PrescriptionViewed, DentalAttachmentViewed];

    /// <summary>The actions a practice's own audit log can show and filter by.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInFailed, SignInLockedOut, SignInRefused, SignOut, PasswordChanged, PasswordResetRequested, PasswordReset,
        MfaEnabled, MfaDisabled, AuthenticatorReset, RecoveryCodesGenerated, RecoveryCodeUsed, MfaCodeFailed, MfaRequirementChanged,
        PracticeRegistered, MemberAdded, MemberChanged, MemberDeactivated, MemberReactivated, MemberDetailsChanged, MemberPasswordIssued,
        InvitationSent, InvitationResent, InvitationRevoked, InvitationAccepted,
        DoctorProfileUpdated, DoctorScheduleUpdated, DoctorLeaveAdded, DoctorLeaveRemoved, DoctorSignatureChanged, DoctorSignatureRemoved,
        ClinicLocationAdded, ClinicLocationChanged, ClinicLocationDeactivated, ClinicLocationReactivated,
        PracticeSettingsChanged, PracticeAddressChanged, PracticeLogoChanged, PracticeLogoRemoved, PlanChanged,
        PatientRegistered, PatientUpdated, PatientDeactivated, PatientReactivated, FamilyPrimaryChanged, PatientViewed,
        PatientAccessReportViewed,
        AppointmentBooked, WalkInAdded, AppointmentConfirmed, ConsultationStarted, ConsultationCompleted, AppointmentCancelled,
        AppointmentNoShow, AppointmentRescheduled, ConsultationPaused, AppointmentTextsEdited,
        PatientCheckedIn, PatientMarkedUrgent, PatientUrgencyCleared, TokenSlipPrinted, WaitingDisplayLinkCreated, WaitingDisplayNamesChanged,
        PrescriptionFinalised, PrescriptionCorrected, PrescriptionCancelled, PrescriptionWarningConfirmed, PrescriptionViewed, PrescriptionPrinted,
        PrintSettingsChanged,
        PracticeMedicineAdded, PracticeMedicineChanged, PracticeMedicineDeactivated, PracticeMedicineReactivated, PracticeMedicinesImported,
        GlobalMedicineHidden, GlobalMedicineUnhidden,
        ShortKeyCreated, ShortKeyChanged, ShortKeyDeactivated, ShortKeyReactivated, ShortKeyDeleted,
        DentalChartChanged, DentalObservationsRecorded, DentalObservationChanged, DentalObservationDeleted,
        DentalNoteTemplateCreated, DentalNoteTemplateChanged, DentalNoteTemplateDeleted,
        DentalPriceChanged, DentalProcedurePlanned, DentalProcedureStatusChanged, DentalProcedureRescheduled,
        TreatmentPlanCreated, TreatmentPlanChanged, TreatmentPlanProposed, TreatmentPlanDecided, TreatmentPlanPrinted,
        DentalAttachmentUploaded, DentalAttachmentViewed, DentalAttachmentCaptionChanged, DentalAttachmentDeleted,
        CaseStudyCreated, CaseStudySaved, CaseStudyPrinted, CaseStudySettingsChanged,
        ReminderSettingsChanged, ReminderTemplateChanged, ReminderTestSmsSent, PatientOptedOutOfReminders,
        PlanLimitsChanged, TrialExtended, PracticeSuspended, PracticeReactivated,
    ];

    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        [SignIn] = "Signed in",
        [SignInFailed] = "Tried to sign in with a wrong password",
        [SignInLockedOut] = "Was locked out after wrong passwords",
        [SignInRefused] = "Was refused sign-in",
        [SignOut] = "Signed out",
        [PasswordChanged] = "Changed their password",
        [MfaEnabled] = "Turned on two-factor sign-in",
        [MfaDisabled] = "Turned off two-factor sign-in",
        [AuthenticatorReset] = "Reset their authenticator key",
        [RecoveryCodesGenerated] = "Made new recovery codes",
        [RecoveryCodeUsed] = "Signed in with a recovery code",
        [MfaCodeFailed] = "Entered a wrong sign-in code",
        [MfaRequirementChanged] = "Changed who must use two-factor sign-in",
        [PasswordResetRequested] = "Asked for a password reset",
        [PasswordReset] = "Reset their password",
        [PracticeRegistered] = "Registered the practice",
        [MemberAdded] = "Added a staff member",
        [MemberChanged] = "Changed a staff member's roles",
        [MemberDeactivated] = "Deactivated a staff member",
        [MemberReactivated] = "Reactivated a staff member",
        [MemberDetailsChanged] = "Changed a staff member's name or mobile",
        [MemberPasswordIssued] = "Issued a staff member a one-time password",
        [InvitationSent] = "Invited a staff member",
        [InvitationResent] = "Re-sent an invitation",
        [InvitationRevoked] = "Revoked an invitation",
        [InvitationAccepted] = "Accepted an invitation",
        [DoctorProfileUpdated] = "Changed a doctor's profile",
        [DoctorScheduleUpdated] = "Changed a doctor's weekly hours",
        [DoctorLeaveAdded] = "Added a doctor's leave",
        [DoctorLeaveRemoved] = "Removed a doctor's leave",
        [DoctorSignatureChanged] = "Uploaded a doctor's signature",
        [DoctorSignatureRemoved] = "Removed a doctor's signature",
        [ClinicLocationAdded] = "Added a clinic location",
        [ClinicLocationChanged] = "Changed a clinic location",
        [ClinicLocationDeactivated] = "Deactivated a clinic location",
        [ClinicLocationReactivated] = "Reactivated a clinic location",
        [PracticeSettingsChanged] = "Changed the practice settings",
        [PracticeAddressChanged] = "Changed the practice's web address",
        [PracticeLogoChanged] = "Changed the practice logo",
        [PracticeLogoRemoved] = "Removed the practice logo",
        [PlanChanged] = "Changed the plan",
        [PatientRegistered] = "Registered a patient",
        [PatientUpdated] = "Changed a patient's details",
        [PatientDeactivated] = "Deactivated a patient",
        [PatientReactivated] = "Reactivated a patient",
        [FamilyPrimaryChanged] = "Changed a family's primary member",
        [PatientViewed] = "Opened a patient's record",
        [PatientAccessReportViewed] = "Opened the access report",
        [AppointmentBooked] = "Booked an appointment",
        [WalkInAdded] = "Added a walk-in",
        [AppointmentConfirmed] = "Confirmed an appointment",
        [ConsultationStarted] = "Started a consultation",
        [ConsultationCompleted] = "Completed a consultation",
        [AppointmentCancelled] = "Cancelled an appointment",
        [AppointmentNoShow] = "Marked an appointment as no-show",
        [AppointmentRescheduled] = "Rescheduled an appointment",
        [AppointmentTextsEdited] = "Edited an appointment's reason or notes",
        [ConsultationPaused] = "Put a consultation aside",
        [PatientCheckedIn] = "Checked a patient in",
        [PatientMarkedUrgent] = "Moved a patient to the top of the queue as urgent",
        [PatientUrgencyCleared] = "Cleared a patient's urgency",
        [TokenSlipPrinted] = "Printed a token slip",
        [WaitingDisplayLinkCreated] = "Made a new waiting-room display link",
        [WaitingDisplayNamesChanged] = "Changed whether the waiting-room display shows names",
        [PrescriptionFinalised] = "Finalised a prescription",
        [PrescriptionCorrected] = "Corrected a prescription",
        [PrescriptionCancelled] = "Cancelled a prescription",
        [PrescriptionWarningConfirmed] = "Prescribed despite a warning",
        [PrescriptionViewed] = "Opened a prescription",
        [PrescriptionPrinted] = "Printed a prescription",
        [PrintSettingsChanged] = "Changed how prescriptions print",
        [PracticeMedicineAdded] = "Added a medicine",
        [PracticeMedicineChanged] = "Changed a medicine",
        [PracticeMedicineDeactivated] = "Deactivated a medicine",
        [PracticeMedicineReactivated] = "Reactivated a medicine",
        [PracticeMedicinesImported] = "Imported medicines from a file",
        [GlobalMedicineHidden] = "Hid a catalogue medicine",
        [GlobalMedicineUnhidden] = "Showed a hidden catalogue medicine again",
        [ShortKeyCreated] = "Created a short key",
        [ShortKeyChanged] = "Changed a short key",
        [ShortKeyDeactivated] = "Deactivated a short key",
        [ShortKeyReactivated] = "Reactivated a short key",
        [ShortKeyDeleted] = "Deleted a short key",
        [DentalChartChanged] = "Changed which teeth a dental chart shows",
        [DentalObservationsRecorded] = "Recorded dental observations",
        [DentalObservationChanged] = "Changed a dental observation",
        [DentalObservationDeleted] = "Deleted a dental observation",
        [DentalNoteTemplateCreated] = "Created a dental note template",
        [DentalNoteTemplateChanged] = "Changed a dental note template",
        [DentalNoteTemplateDeleted] = "Deleted a dental note template",
        [DentalPriceChanged] = "Changed a dental procedure's price",
        [DentalProcedurePlanned] = "Planned a dental procedure",
        [DentalProcedureStatusChanged] = "Changed a dental procedure's status",
        [DentalProcedureRescheduled] = "Rescheduled a dental procedure",
        [TreatmentPlanCreated] = "Created a treatment plan",
        [TreatmentPlanChanged] = "Changed a treatment plan",
        [TreatmentPlanProposed] = "Proposed a treatment plan to the patient",
        [TreatmentPlanDecided] = "Recorded the patient's decision on a treatment plan",
        [TreatmentPlanPrinted] = "Printed a treatment plan",
        [DentalAttachmentUploaded] = "Uploaded a dental attachment",
        [DentalAttachmentViewed] = "Opened a dental attachment",
        [DentalAttachmentCaptionChanged] = "Changed a dental attachment's caption",
        [DentalAttachmentDeleted] = "Deleted a dental attachment",
        [CaseStudyCreated] = "Created a case study",
        [CaseStudySaved] = "Saved a case study",
        [CaseStudyPrinted] = "Printed a case study",
        [CaseStudySettingsChanged] = "Changed the case-study generator",
        [ReminderSettingsChanged] = "Changed the appointment reminders",
        [ReminderTemplateChanged] = "Changed a reminder's wording",
        [ReminderTestSmsSent] = "Sent a test SMS",
        [PatientOptedOutOfReminders] = "Opted out of appointment reminders",
        [PlanLimitsChanged] = "Changed the plan's limits",
        [TrialExtended] = "Extended the trial",
        [PracticeSuspended] = "Suspended the practice",
        [PracticeReactivated] = "Reactivated the practice",
        [GlobalMedicineAdded] = "Added a medicine to the catalogue",
        [GlobalMedicineChanged] = "Changed a catalogue medicine",
        [GlobalMedicineWithdrawn] = "Withdrew a catalogue medicine",
        [GlobalMedicineRestored] = "Restored a withdrawn catalogue medicine",
    };

    /// <summary>
    /// What an action says to a person reading the log ("Opened the access report"); the stored name stays the key the
    /// log filters on. A name recorded by an older version and since retired is spelt out word by word.
    /// </summary>
    public static string Describe(string action) =>
        Sentences.TryGetValue(action, out var sentence) ? sentence : SpellOut(action);

    private static string SpellOut(string action)
    {
        var words = new System.Text.StringBuilder(action.Length + 8);
        for (var i = 0; i < action.Length; i++)
        {
            var c = action[i];
            if (i > 0 && char.IsUpper(c))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
