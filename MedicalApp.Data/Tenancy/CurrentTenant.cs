namespace MedicalApp.Data.Tenancy;

/// <summary>
/// The practice the current request or interactive circuit works for. Scoped: the tenant middleware sets it for an
/// HTTP request, and <c>Routes.razor</c> sets it for the lifetime of a circuit. A scope without a practice (the public
/// root, the platform console, background work that has not chosen one) sees no tenant-owned rows at all.
/// </summary>
public sealed class CurrentTenant
{
    public TenantSnapshot? Practice { get; private set; }

    public Guid? Id => Practice?.Id;

    public bool IsSet => Practice is not null;

    public void Set(TenantSnapshot practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        if (Practice is not null && Practice.Id != practice.Id)
        {
            // A scope belongs to one practice for its whole life; switching would let a circuit or a request carry
            // another practice's context into code that already captured the first one.
            throw new InvalidOperationException("This scope already belongs to another practice.");
        }

        Practice = practice;
    }
}
