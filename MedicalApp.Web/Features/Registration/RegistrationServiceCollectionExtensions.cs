namespace MedicalApp.Web.Features.Registration;

public static class RegistrationServiceCollectionExtensions
{
    /// <summary>Practice registration by mailed confirmation link (no practice in scope: it creates one). Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<PracticeRegistrationService>();
        services.AddSingleton<PracticeAddressReminderService>();
        return services;
    }
}
