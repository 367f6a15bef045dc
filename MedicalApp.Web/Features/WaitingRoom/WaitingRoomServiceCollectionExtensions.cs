namespace MedicalApp.Web.Features.WaitingRoom;

public static class WaitingRoomServiceCollectionExtensions
{
    /// <summary>The waiting-room display (its settings, and the board the TV reads with its key).</summary>
    public static IServiceCollection AddWaitingRoom(this IServiceCollection services)
    {
        services.AddScoped<WaitingDisplayService>();
        return services;
    }
}
