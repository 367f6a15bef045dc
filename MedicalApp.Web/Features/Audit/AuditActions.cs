namespace MedicalApp.Web.Features.Audit;

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
    public const string InvitationSent = "InvitationSent";
    public const string InvitationResent = "InvitationResent";
    public const string InvitationRevoked = "InvitationRevoked";
    public const string InvitationAccepted = "InvitationAccepted";
    public const string DoctorProfileUpdated = "DoctorProfileUpdated";
    public const string DoctorScheduleUpdated = "DoctorScheduleUpdated";
    public const string DoctorLeaveAdded = "DoctorLeaveAdded";
    public const string DoctorLeaveRemoved = "DoctorLeaveRemoved";
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

    // Platform console actions: recorded in the platform trail with the practice they acted upon.
    public const string PlanLimitsChanged = "PlanLimitsChanged";
    public const string TrialExtended = "TrialExtended";
    public const string PracticeSuspended = "PracticeSuspended";
    public const string PracticeReactivated = "PracticeReactivated";

    /// <summary>The actions a practice's own audit log can show (platform actions live in the platform trail).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInFailed, SignInLockedOut, SignInRefused, SignOut, PasswordChanged, PasswordResetRequested, PasswordReset,
        MfaEnabled, MfaDisabled, AuthenticatorReset, RecoveryCodesGenerated, RecoveryCodeUsed, MfaCodeFailed, MfaRequirementChanged,
        PracticeRegistered, MemberAdded, MemberChanged, MemberDeactivated, MemberReactivated,
        InvitationSent, InvitationResent, InvitationRevoked, InvitationAccepted,
        DoctorProfileUpdated, DoctorScheduleUpdated, DoctorLeaveAdded, DoctorLeaveRemoved,
        ClinicLocationAdded, ClinicLocationChanged, ClinicLocationDeactivated, ClinicLocationReactivated,
        PracticeSettingsChanged, PracticeAddressChanged, PracticeLogoChanged, PracticeLogoRemoved, PlanChanged,
        PatientRegistered, PatientUpdated, PatientDeactivated, PatientReactivated, FamilyPrimaryChanged, PatientViewed,
        PatientAccessReportViewed,
        AppointmentBooked, WalkInAdded, AppointmentConfirmed, ConsultationStarted, ConsultationCompleted, AppointmentCancelled,
        AppointmentNoShow, AppointmentRescheduled,
    ];
}
