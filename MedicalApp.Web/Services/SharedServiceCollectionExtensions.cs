using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Services.Files;
using MedicalApp.Web.Services.Live;

namespace MedicalApp.Web.Services;

public static class SharedServiceCollectionExtensions
{
    /// <summary>
    /// What every feature and the identity pages share: the clock, the audit trail, the mail outbox and its sender,
    /// the file store (and the practice's images kept in it), the frame every practice change runs in, and the live
    /// notices it sends to open pages.
    /// </summary>
    public static IServiceCollection AddSharedServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        services.AddScoped<ClientAddress>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<PracticeChanges>();
        services.AddLiveUpdates();

        services.Configure<FileStoreOptions>(configuration.GetSection(FileStoreOptions.SectionName));
        services.AddSingleton<FileStore>();
        services.AddSingleton<PracticeImages>();

        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.SectionName));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxBackgroundService>();
        return services;
    }
}
