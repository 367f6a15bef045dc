namespace MedicalApp.Web.Features.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>Reminder settings and wording, the scheduler with its background loop, the SMS gateway and the unsubscribe link.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.SectionName));
        services.AddSingleton<ReminderProtection>();
        services.AddHttpClient(SmsGateway.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(SmsGateway.CreateHandler);
        services.AddSingleton<SmsGateway>();
        services.AddScoped<ReminderSettingsService>();
        services.AddScoped<ReminderScheduler>();
        services.AddScoped<ReminderOptOutService>();
        services.AddScoped<AppointmentNotices>();
        services.AddHostedService<ReminderBackgroundService>();
        return services;
    }
}
