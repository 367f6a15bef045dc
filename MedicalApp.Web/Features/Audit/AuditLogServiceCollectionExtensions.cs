namespace MedicalApp.Web.Features.Audit;

public static class AuditLogServiceCollectionExtensions
{
    /// <summary>The audit log and access report screens. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddScoped<AuditLogService>();
        return services;
    }
}
