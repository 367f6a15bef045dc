using System.Reflection;
using MedicalApp.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// One policy shape for every page and endpoint: a page of a practice requires an active membership in that practice
/// (read from the database) with a permission; the console requires a platform admin at the root; the account pages
/// require a sign-in that belongs here; everything else is public on purpose and named below. A new page or endpoint
/// that forgets to say which fails here, and so does any use of role names.
/// </summary>
public sealed class PagePolicyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    /// <summary>
    /// Pages anyone may open: sign-in and its relatives, registration, "forgot my practice's address", the landing and
    /// error pages, and the waiting-room display (its secret key is the permission).
    /// </summary>
    private static readonly HashSet<string> PublicPages =
    [
        "AccessDenied", "AcceptInvitation", "CompleteRegistration", "ForgotPassword", "Lockout", "Login", "LoginWith2fa", "LoginWithRecoveryCode", "ResetPassword",
        "Error", "NotFound", "PracticeNotFound", "PracticeSuspended", "Home", "RegisterPractice", "ConfirmRegistration",
        "ForgotPracticeAddress", "WaitingDisplay",
    ];

    /// <summary>
    /// Endpoints without a policy on purpose: health probes, sign-out, the Blazor hub and framework files, and the
    /// reminder emails' unsubscribe link (its signed token is the permission; a bad token gets the same answer).
    /// </summary>
    private static readonly string[] PublicEndpointPrefixes = ["/health/", "/Account/Logout", "/_blazor", "/_framework/", "/_content/", "/reminders/unsubscribe"];

    public static TheoryData<string> RoutableComponents { get; } = new(typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any())
        .Select(t => t.FullName!)
        .Order());

    [Theory]
    [MemberData(nameof(RoutableComponents))]
    public async Task Every_routable_component_names_its_policy_or_is_public_on_purpose(string typeName)
    {
        var type = typeof(Program).Assembly.GetType(typeName)!;
        var authorize = type.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>().ToList();
        var anonymous = type.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any();

        Assert.All(authorize, a => Assert.True(string.IsNullOrEmpty(a.Roles), $"{type.Name} names roles; name a permission instead"));
        if (PublicPages.Contains(type.Name))
        {
            Assert.True(anonymous && authorize.Count == 0, $"{type.Name} is public: mark it [AllowAnonymous] and nothing else");
            return;
        }

        Assert.False(anonymous, $"{type.Name} is not in the list of public pages");
        var policy = Assert.Single(authorize).Policy;
        Assert.False(string.IsNullOrEmpty(policy), $"{type.Name} has [Authorize] without a policy");
        await AssertPracticeOrRootPolicyAsync(policy!, type.Name);
    }

    [Fact]
    public async Task Every_endpoint_other_than_pages_names_its_policy_or_is_public_on_purpose()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .ToList();
        var checkedAny = false;

        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (authorize.Count == 0)
            {
                Assert.True(PublicEndpointPrefixes.Any(p => route.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || IsStaticFile(route),
                    $"{route} has no authorization and is not public on purpose");
                continue;
            }

            Assert.All(authorize, a => Assert.True(string.IsNullOrEmpty(a.Roles), $"{route} names roles"));
            await AssertPracticeOrRootPolicyAsync(Assert.Single(authorize).Policy ?? "", route);
            checkedAny = true;
        }

        Assert.True(checkedAny, "The practice's logo endpoint at least has a policy");
    }

    [Theory]
    [InlineData("StaffList", PracticePermission.ManageStaff)]
    [InlineData("PatientDetails", PracticePermission.ViewPatients)]
    [InlineData("RegisterPatient", PracticePermission.RegisterPatients)]
    [InlineData("WalkInQueue", PracticePermission.RunReceptionQueue)]
    [InlineData("PatientAccessReport", PracticePermission.ViewPatientAccessReport)]
    public void Pages_require_the_permission_of_what_they_do(string page, PracticePermission permission)
    {
        var type = typeof(Program).Assembly.GetTypes().Single(t => t.Name == page);

        Assert.Contains(permission, type.GetCustomAttribute<RequirePermissionAttribute>()!.Permissions);
    }

    private async Task AssertPracticeOrRootPolicyAsync(string policyName, string what)
    {
        var policy = await fixture.App.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(policyName);
        Assert.NotNull(policy);
        var requirements = policy.Requirements;
        var practice = requirements.OfType<PracticeMemberRequirement>().Any();
        var root = requirements.OfType<OutsidePracticeRequirement>().Any();
        var signedInHere = requirements.OfType<SignedInHereRequirement>().Any();
        Assert.True(practice || root || signedInHere, $"{what}: policy {policyName} neither requires membership of the practice nor the root");
        if (practice && policyName != PracticePolicies.Member)
        {
            Assert.StartsWith(PracticePolicies.PermissionPrefix, policyName, StringComparison.Ordinal);
            Assert.NotEmpty(requirements.OfType<PracticeMemberRequirement>().Single().AnyOf);
        }
    }

    private static bool IsStaticFile(string route) =>
        route.Contains(":file}", StringComparison.Ordinal) || Path.HasExtension(route.Split('{')[0].TrimEnd('/'));
}
