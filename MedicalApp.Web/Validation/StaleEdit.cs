using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Validation;

/// <summary>
/// Optimistic concurrency for edit forms (PRODUCT.md §10): a form carries the <see cref="IVersioned.Version"/> of the
/// record it was filled from, and the service, holding the practice lock, refuses the save when the record has been
/// changed since. Null means "no version known" (an older caller): the save goes through as before.
/// </summary>
public static class StaleEdit
{
    public static bool IsStale(int? versionSeen, IVersioned current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return versionSeen is { } seen && seen != current.Version;
    }

    /// <summary>"Someone else changed this location after you opened it. …"</summary>
    public static string Message(string record) =>
        $"Someone else changed this {record} after you opened it, so nothing was saved. Close and open it again to see " +
        "their change, then make yours.";
}
