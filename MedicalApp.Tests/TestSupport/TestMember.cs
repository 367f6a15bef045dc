using System.Security.Claims;
using MedicalApp.Web.Identity;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// A signed-in account as a test has it act: the practice whose scope it acts in (null at the root, for platform
/// admins) and the account. Services built for a member read its <see cref="PracticeActor"/> from the database, as
/// the app's do for a request or circuit; the roles are whatever the database says at that moment.
/// </summary>
public sealed record TestMember(Guid? PracticeId, Guid UserId, string Email)
{
    /// <summary>The client address every test member's audit rows carry.</summary>
    public const string ClientAddress = "198.51.100.23";

    /// <summary>The same account acting in another practice's scope (to prove it is refused there).</summary>
    public TestMember In(Guid practiceId) => this with { PracticeId = practiceId };

    /// <summary>The principal a practice-scoped sign-in cookie of this member carries.</summary>
    public ClaimsPrincipal Principal() => Principal(UserId, PracticeId, Email);

    public static ClaimsPrincipal Principal(Guid userId, Guid? practiceId, string email = "member@test")
    {
        var identity = new ClaimsIdentity("Identity.Application", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, email));
        identity.AddClaim(new Claim(MedicalClaimTypes.FullName, email));
        if (practiceId is { } id)
        {
            identity.AddClaim(new Claim(MedicalClaimTypes.Practice, id.ToString()));
        }

        return new ClaimsPrincipal(identity);
    }
}
