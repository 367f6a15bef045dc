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
    public const string PlanChanged = "PlanChanged";

    // Platform console actions: recorded in the platform trail with the practice they acted upon.
    public const string PlanLimitsChanged = "PlanLimitsChanged";
    public const string TrialExtended = "TrialExtended";
    public const string PracticeSuspended = "PracticeSuspended";
    public const string PracticeReactivated = "PracticeReactivated";

    public static IReadOnlyList<string> All { get; } = [SignIn, SignInFailed, SignInLockedOut, SignInRefused, SignOut, PasswordChanged, PlanChanged];
}
