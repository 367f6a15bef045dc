using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Dashboards;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Email;
using MedicalApp.Web.Features.Files;
using MedicalApp.Web.Features.Home;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Features.Registration;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Features.Practice;

namespace MedicalApp.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Every feature service, in one visible list. Scoped services take the scope's practice.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<PracticeOverviewService>();
        services.AddScoped<PlatformPracticeService>();
        services.AddDoctorFeature();
        services.AddPracticeAdministration();
        services.AddPatientsFeature();

        services.AddSingleton<PlanLimitService>();
        services.AddSingleton<PracticeRegistrationService>();
        services.AddScoped<StaffService>();
        services.AddScoped<StaffInvitationService>();
        services.AddScoped<InvitationAcceptanceService>();
        services.AddPlansFeature();
        services.AddDashboards();
        services.AddAppointmentsFeature();

        services.Configure<FileStoreOptions>(configuration.GetSection(FileStoreOptions.SectionName));
        services.AddSingleton<FileStore>();

        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.SectionName));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxBackgroundService>();
        return services;
    }
}
