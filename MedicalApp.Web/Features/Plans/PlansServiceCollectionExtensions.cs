namespace MedicalApp.Web.Features.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>
    /// The practice's subscription: usage, plan changes and the read-only check. Scoped, so it works for the scope's
    /// practice and the read-only banner hears about a plan change made in the same circuit. (PlanLimitService and
    /// the platform console's PlatformPracticeService are registered in AddFeatures.)
    /// </summary>
    public static IServiceCollection AddPlansFeature(this IServiceCollection services)
    {
        services.AddScoped<SubscriptionService>();
        return services;
    }
}
