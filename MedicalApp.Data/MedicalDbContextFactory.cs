using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Data;

/// <summary>
/// Creates the application's contexts: the application database role, filtered to the scope's practice. Scoped, so a
/// Blazor circuit's contexts see the practice its <c>Routes</c> component set (a singleton factory would see none).
/// </summary>
public sealed class MedicalDbContextFactory(MedicalDatabase database, CurrentTenant currentTenant) : IDbContextFactory<MedicalDbContext>
{
    public MedicalDbContext CreateDbContext() => database.CreateContext(DatabaseRole.Application, currentTenant);
}

/// <summary>
/// Creates contexts for the platform console: on PostgreSQL they connect as the BYPASSRLS platform role. Queries must
/// still name their intent with <c>IgnoreQueryFilters([MedicalDbContext.TenantFilter])</c>; every use is audited.
/// </summary>
public sealed class PlatformDbContextFactory(MedicalDatabase database)
{
    public MedicalDbContext CreateDbContext() => database.CreateContext(DatabaseRole.Platform, new CurrentTenant());
}
