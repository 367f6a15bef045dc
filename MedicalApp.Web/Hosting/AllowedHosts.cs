using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Hosting;

/// <summary>
/// Which Host headers the app answers (ASP.NET Core's host filtering, 400 for any other). Outside Development:
/// the hosts listed in <c>AllowedHosts</c> (separated by <c>;</c>), or when it is not set the root domain and its
/// subdomains, <c>{RootDomain};*.{RootDomain}</c> (the filter's <c>*.example.com</c> matches subdomains only, not
/// <c>example.com</c> itself, and ignores ports). <c>*</c> (any host) stops the start: a forged Host header is then
/// free to reach every page, and whatever is built from it. Development answers any host (localhost, its subdomains,
/// 127.0.0.1).
/// </summary>
public static class AllowedHosts
{
    private const string Setting = "AllowedHosts";

    public static IServiceCollection AddAllowedHosts(this IServiceCollection services)
    {
        // Configure runs before the framework's own post-configuration, which copies the setting only into an empty list.
        services.AddOptions<HostFilteringOptions>().Configure<IConfiguration, IHostEnvironment, IOptions<TenancyOptions>>((options, configuration, environment, tenancy) =>
        {
            if (environment.IsDevelopment())
            {
                return;
            }

            var listed = (configuration[Setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var root = tenancy.Value.RootDomain;
            options.AllowedHosts = listed.Length > 0 ? listed : [root, "*." + root];
        });
        services.AddSingleton<IValidateOptions<HostFilteringOptions>, AnyHostRefused>();
        services.AddOptions<HostFilteringOptions>().ValidateOnStart();
        return services;
    }

    private sealed class AnyHostRefused(IHostEnvironment environment) : IValidateOptions<HostFilteringOptions>
    {
        public ValidateOptionsResult Validate(string? name, HostFilteringOptions options) =>
            environment.IsDevelopment() || !options.AllowedHosts.Contains("*")
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{Setting} is '*': outside Development the app answers only its own hosts. Remove the setting to allow " +
                    "Tenancy:RootDomain and its subdomains, or list the hosts, e.g. 'clinics.example.in;*.clinics.example.in'.");
    }
}
