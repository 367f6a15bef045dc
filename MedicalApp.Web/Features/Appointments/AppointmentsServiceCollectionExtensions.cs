namespace MedicalApp.Web.Features.Appointments;

public static class AppointmentsServiceCollectionExtensions
{
    /// <summary>Booking, slots, lists and calendar, the walk-in queue. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddScoped<SlotService>();
        services.AddScoped<AppointmentService>();
        services.AddScoped<AppointmentQueries>();
        services.AddScoped<WalkInQueueService>();
        services.AddScoped<AppointmentSearch>();
        services.AddScoped<AppointmentTexts>();
        services.AddScoped<CheckInService>();
        services.AddScoped<TokenSlipPrinting>();
        services.AddSingleton<MedicalApp.Printing.Tokens.TokenSlipDocument>();
        return services;
    }
}
