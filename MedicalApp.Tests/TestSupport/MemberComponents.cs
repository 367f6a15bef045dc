using Bunit;
using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// A bUnit context inside one practice of a real database, signed in as a member: the app's own authorization (its
/// policies read the member's roles from the database, as on the server) and the services a page uses to learn who
/// acts. Roles are never faked here: a test gives the member the roles it needs in the database.
/// </summary>
public static class MemberComponents
{
    public static BunitContext For(TestDatabase db, Guid practiceId, TestMember? member) => For(db, practiceId, member, out _);

    /// <param name="scope">The scope the context's services come from, for a test to take more of them (a page's services).</param>
    public static BunitContext For(TestDatabase db, Guid practiceId, TestMember? member, out TestScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        // The scope's own who-acts services (the app's registrations), handed to the components as they are.
        scope = db.Services.Scope(practiceId, member);
        context.Services.AddSingleton(scope.Get<CurrentTenant>());
        context.Services.AddSingleton(scope.Get<IDbContextFactory<MedicalDbContext>>());
        context.Services.AddSingleton(scope.Get<SignedInUser>());
        context.Services.AddSingleton(scope.Get<ClientAddress>());
        context.Services.AddSingleton(scope.Get<PracticeStateNotifier>());
        context.Services.AddSingleton(scope.Get<PracticeActors>());
        // The live pages' door to change notices: the app's one hub, heard for the scope's practice.
        context.Services.AddSingleton(scope.Get<MedicalApp.Web.Services.Live.LiveUpdates>());

        // The app's authorization, not bUnit's fake (whose placeholders go first): AuthorizeView policies decide from the database.
        context.Services.RemoveAll<IAuthorizationService>();
        context.Services.RemoveAll<IAuthorizationPolicyProvider>();
        context.Services.RemoveAll<AuthenticationStateProvider>();
        context.Services.AddAuthorizationCore();
        context.Services.AddSingleton<IAuthorizationPolicyProvider, PracticePolicyProvider>();
        context.Services.AddSingleton<IAuthorizationHandler, PracticeMemberHandler>();
        context.Services.AddSingleton<IAuthorizationHandler, OutsidePracticeHandler>();
        context.Services.Configure<AuthorizationOptions>(o =>
            o.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PracticeMemberRequirement()).Build());
        context.Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(
            member?.Principal() ?? new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
        context.Services.AddCascadingAuthenticationState();
        return context;
    }

    private sealed class FixedAuthenticationState(System.Security.Claims.ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
