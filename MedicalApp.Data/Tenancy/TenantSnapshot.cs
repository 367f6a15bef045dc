using MedicalApp.Data.Entities;

namespace MedicalApp.Data.Tenancy;

/// <summary>
/// What the application needs to know about the resolved practice on every request, read once by the resolver.
/// It is passed from the static <c>App.razor</c> into the interactive circuit, so it holds only plain values.
/// </summary>
public sealed record TenantSnapshot(
    Guid Id,
    string Slug,
    string Name,
    PracticeStatus Status,
    PracticePlan Plan,
    DateTime? TrialEndsAtUtc,
    string TimeZoneId,
    bool RequireMfaForAdministrators = false)
{
    public static TenantSnapshot From(Practice tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new(tenant.Id, tenant.Slug, tenant.Name, tenant.Status, tenant.Plan, tenant.TrialEndsAtUtc, tenant.TimeZoneId, tenant.RequireMfaForAdministrators);
    }
}
