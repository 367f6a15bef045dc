namespace MedicalApp.Web.Services.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Change notices for open pages: this server's hub, the circuit's door to it, and on PostgreSQL the listener that
    /// brings other servers' notices in.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.AddSingleton<PracticeChangeHub>();
        services.AddScoped<LiveUpdates>();
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        return services;
    }
}
