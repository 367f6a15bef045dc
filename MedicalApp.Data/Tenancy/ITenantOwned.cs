namespace MedicalApp.Data.Tenancy;

/// <summary>
/// Marks an entity that belongs to one practice. Such an entity is keyed <c>(TenantId, Id)</c>, hidden from other
/// practices by the "Tenant" query filter, stamped with the current practice on insert, and protected by row-level
/// security on PostgreSQL (generated for every table whose primary key leads with TenantId).
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }

    Guid Id { get; set; }
}
