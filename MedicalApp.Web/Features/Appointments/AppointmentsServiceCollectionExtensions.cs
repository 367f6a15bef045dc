namespace MedicalApp.Web.Features.Appointments;

public static class AppointmentsServiceCollectionExtensions
{
    /// <summary>Booking, slots, lists and calendar, the walk-in queue; scoped so they work in the scope's practice.</summary>
    public static IServiceCollection AddAppointmentsFeature(this IServiceCollection services)
    {
        services.AddScoped<SlotService>();
        services.AddScoped<AppointmentService>();
        services.AddScoped<AppointmentQueries>();
        services.AddScoped<WalkInQueueService>();
        return services;
    }
}
