namespace MedicalApp.Web.Features.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Members, roles, invitations and their acceptance. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddScoped<StaffService>();
        services.AddScoped<StaffInvitationService>();
        services.AddScoped<InvitationAcceptanceService>();
        return services;
    }
}
