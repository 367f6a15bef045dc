using MedicalApp.Data.Tenancy;

namespace MedicalApp.Web.Identity;

/// <summary>
/// A value a page reads while prerendering and hands to its interactive circuit as persisted component state, with
/// the practice and account it was read for. Persisted state is signed but replayable (another practice's page, or
/// another member's, can be pasted into this one), so the circuit uses it only when both match its own
/// <see cref="CurrentTenant"/> and <see cref="SignedInUser"/>, which come from its connection; otherwise it reads again.
/// </summary>
public sealed record MemberState<T>(Guid PracticeId, Guid UserId, T Value)
    where T : class
{
    public static MemberState<T>? For(T? value, CurrentTenant practice, SignedInUser user)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(user);
        return value is not null && practice.Id is { } practiceId && user.Id is { } userId ? new(practiceId, userId, value) : null;
    }

    /// <summary>The value when it was read for this circuit's practice and member, else null.</summary>
    public T? IfFor(CurrentTenant practice, SignedInUser user)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(user);
        return PracticeId == practice.Id && UserId == user.Id ? Value : null;
    }
}
