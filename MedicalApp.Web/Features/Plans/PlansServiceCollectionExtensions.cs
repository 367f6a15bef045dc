using MedicalApp.Data.Plans;
namespace MedicalApp.Web.Features.Plans;

public static class PlansServiceCollectionExtensions
{
    /// <summary>The practice's subscription: usage, plan changes, and the plan limits every creating service checks. Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<SubscriptionService>();
        services.AddSingleton<PlanLimitService>();
        return services;
    }
}
