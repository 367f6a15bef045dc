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
    public const string ClinicLocationAdded = "ClinicLocationAdded";
    public const string ClinicLocationChanged = "ClinicLocationChanged";
    public const string ClinicLocationDeactivated = "ClinicLocationDeactivated";
    public const string ClinicLocationReactivated = "ClinicLocationReactivated";
    public const string PracticeSettingsChanged = "PracticeSettingsChanged";
    public const string PracticeAddressChanged = "PracticeAddressChanged";
    public const string PracticeLogoChanged = "PracticeLogoChanged";
    public const string PracticeLogoRemoved = "PracticeLogoRemoved";

    public static IReadOnlyList<string> All { get; } = [SignIn, SignInFailed, SignInLockedOut, SignInRefused, SignOut, PasswordChanged,
        ClinicLocationAdded, ClinicLocationChanged, ClinicLocationDeactivated, ClinicLocationReactivated,
        PracticeSettingsChanged, PracticeAddressChanged, PracticeLogoChanged, PracticeLogoRemoved];
}
