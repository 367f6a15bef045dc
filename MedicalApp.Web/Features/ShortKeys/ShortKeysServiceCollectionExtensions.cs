namespace MedicalApp.Web.Features.ShortKeys;

public static class ShortKeysServiceCollectionExtensions
{
    /// <summary>Short keys (the editor's expansion is static, inside the caller's context). Scoped services work inside the scope's practice.</summary>
    public static IServiceCollection AddShortKeys(this IServiceCollection services)
    {
        services.AddScoped<ShortKeyService>();
        return services;
    }
}
