using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Components.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace MedicalApp.Web.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Identity over global users, with the practice carried in the cookie, roles read per practice,
    /// OWASP ASVS password rules (12+ characters, no composition rules, common passwords refused), lockout after
    /// 5 failures for 15 minutes (passwords and codes alike), two-factor sign-in with an authenticator app, and rate
    /// limits on sign-in attempts per account and per client address (<see cref="SignInThrottling"/>).
    /// </summary>
    public static IServiceCollection AddMedicalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        // The cookie path defaults to the request's PathBase, so with the route strategy each practice (/t/{slug})
        // gets its own cookie; with the host strategy each practice's host does.
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "MedicalApp.SignIn";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
        });

        // The two-factor cookies live where the sign-in cookie lives (the practice's PathBase or host) and are bound
        // to the practice that issued them: remembering a device at practice A does not skip the code at practice B.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options =>
        {
            options.Cookie.Name = "MedicalApp.TwoFactorRemembered";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = MedicalSignInManager.RememberDeviceFor;
            options.SlidingExpiration = false;
            PracticeBoundCookie.Bind(options);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "MedicalApp.TwoFactorPending";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            PracticeBoundCookie.Bind(options);
        });

        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            // A refreshed cookie keeps the practice it was issued for, never the practice of the request refreshing it.
            options.OnRefreshingPrincipal = context =>
            {
                var issuedFor = context.CurrentPrincipal?.FindFirst(MedicalClaimTypes.Practice);
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    foreach (var claim in identity.FindAll(MedicalClaimTypes.Practice).ToList())
                    {
                        identity.RemoveClaim(claim);
                    }

                    if (issuedFor is not null)
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(MedicalClaimTypes.Practice, issuedFor.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<MedicalDbContext>()
            .AddUserStore<HashedRecoveryCodeUserStore>()
            .AddSignInManager<MedicalSignInManager>()
            .AddDefaultTokenProviders()
            // In place of Identity's authenticator provider: each code is accepted once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<PracticeClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();

        // The cookie's security-stamp check in a scope of its own: the hub request's scope lives as long as its circuit.
        services.AddScoped<ISecurityStampValidator, FreshScopeSecurityStampValidator>();

        // Password reset links (and any other Identity token) work for 2 hours, not the default day.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = PasswordResetService.LinkLifetime);
        services.AddScoped<PasswordResetService>();
        services.AddScoped<PracticeMembershipReader>();

        // Who acts, decided by the server for each request and each circuit, then read from the database per action.
        services.AddScoped<SignedInUser>();
        services.AddScoped<PracticeStateNotifier>();
        services.AddScoped<PracticeActors>();
        services.AddScoped<PracticeCircuitBinding>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<PracticeCircuitBinding>());

        services.AddScoped<IAuthorizationHandler, PracticeMemberHandler>();
        services.AddScoped<IAuthorizationHandler, OutsidePracticeHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, PracticePolicyProvider>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PracticePolicies.Member, policy => policy.RequireAuthenticatedUser().AddRequirements(new PracticeMemberRequirement()))
            .AddPolicy(PracticePolicies.SignedInHere, policy => policy.RequireAuthenticatedUser().AddRequirements(new SignedInHereRequirement()))
            .AddPolicy(PracticePolicies.PlatformAdmin, policy => policy.RequireAuthenticatedUser()
                .RequireRole(PlatformRoles.PlatformAdmin).AddRequirements(new OutsidePracticeRequirement()))
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PracticeMemberRequirement()).Build());

        services.AddSignInThrottling(configuration);
        return services;
    }
}
