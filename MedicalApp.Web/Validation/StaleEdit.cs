using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Validation;

/// <summary>
/// Optimistic concurrency for edit forms (PRODUCT.md §10): a form carries the <see cref="IVersioned.Version"/> of the
/// record it was filled from, and the service, holding the practice lock, refuses the save when the record has been
/// changed since (answered with <c>ChangeResult.Stale</c>). Null means "no version known" (an older caller): the save
/// goes through as before.
/// </summary>
public static class StaleEdit
{
    public static bool IsStale(int? versionSeen, IVersioned current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return versionSeen is { } seen && seen != current.Version;
    }
}
