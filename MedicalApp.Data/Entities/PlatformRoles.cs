namespace MedicalApp.Data.Entities;

/// <summary>Global Identity roles. Practice roles live on <see cref="TenantMembership"/> instead.</summary>
public static class PlatformRoles
{
    /// <summary>Runs the platform console at the root; has no access to any practice's pages.</summary>
    public const string PlatformAdmin = "PlatformAdmin";
}
