using MedicalApp.Data.Entities;

namespace MedicalApp.Data.Plans;

/// <summary>What a practice may do right now, from its plan, trial and status.</summary>
public static class PracticeAccess
{
    /// <summary>
    /// A trial that has ended without a paid plan leaves the practice read-only: members can sign in, view and print,
    /// but not create or change records until the owner chooses a plan.
    /// </summary>
    public static bool IsReadOnly(PracticePlan plan, DateTime? trialEndsAtUtc, DateTime utcNow) =>
        plan == PracticePlan.Trial && trialEndsAtUtc is { } ends && ends <= utcNow;

    public const string SuspendedMessage =
        "This practice has been suspended by the MedicalApp platform team, so nothing can be viewed or changed. " +
        "The practice owner can contact the platform team to restore it.";

    public const string ReadOnlyMessage =
        "The free trial of this practice has ended, so records can be viewed and printed but not changed. " +
        "The practice owner can choose a plan on the Plan and usage page to continue.";
}

/// <summary>Thrown when something tries to change a read-only practice's records; the message says how to continue.</summary>
public sealed class PracticeReadOnlyException() : InvalidOperationException(PracticeAccess.ReadOnlyMessage);

/// <summary>Thrown when something tries to change a suspended practice's records (a page opened before the suspension).</summary>
public sealed class PracticeSuspendedException() : InvalidOperationException(PracticeAccess.SuspendedMessage);
