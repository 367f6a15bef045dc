using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

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

public static class TestMemberServices
{
    /// <summary>The scope's signed-in user for <paramref name="member"/> (none when null), as the app's middleware binds it.</summary>
    public static SignedInUser SignedIn(TestMember? member)
    {
        var signedIn = new SignedInUser();
        if (member is not null)
        {
            signedIn.BindFrom(member.Principal(), member.PracticeId is { } id ? TestDatabase.TenantFor(id) : new CurrentTenant());
        }

        return signedIn;
    }

    public static ClientAddress Address(string? address = TestMember.ClientAddress)
    {
        var client = new ClientAddress(new HttpContextAccessor());
        client.SetForCircuit(address);
        return client;
    }

    /// <summary>What a service of <paramref name="practiceId"/> takes to learn who acts: <paramref name="member"/>, or nobody.</summary>
    public static PracticeActors ActorsFor(this TestDatabase db, Guid practiceId, TestMember? member) =>
        new(SignedIn(member?.PracticeId == practiceId ? member : member?.In(practiceId)), Address(), new PracticeStateNotifier(), db.ContextFactoryFor(practiceId));

    /// <summary>A new account that is a member of <paramref name="practiceId"/> with <paramref name="roles"/>.</summary>
    public static async Task<TestMember> AddMemberAsync(this TestDatabase db, Guid practiceId, PracticeRoles roles, bool active = true, string? fullName = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"{roles.ToString().Split(',')[0].Trim().ToLowerInvariant()}-{tag}@members.test";
        // Set-up writes as the platform path does, so a practice already read-only can still be given its members.
        await using var context = db.CreateContext(practiceId, MedicalApp.Data.DatabaseRole.Platform);
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = fullName ?? $"{roles} {tag}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        context.Users.Add(user);
        context.TenantMemberships.Add(new TenantMembership { User = user, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow });
        await context.SaveChangesAsync();
        return new TestMember(practiceId, user.Id, email);
    }

    /// <summary>Changes a membership behind the back of anything already open (another administrator's tab).</summary>
    public static async Task SetRolesAsync(this TestDatabase db, Guid practiceId, Guid userId, PracticeRoles roles)
    {
        await using var context = db.CreateContext(practiceId);
        var membership = await context.TenantMemberships.SingleAsync(m => m.UserId == userId);
        membership.Roles = roles;
        await context.SaveChangesAsync();
    }

    public static async Task SetMembershipActiveAsync(this TestDatabase db, Guid practiceId, Guid userId, bool active)
    {
        await using var context = db.CreateContext(practiceId);
        var membership = await context.TenantMemberships.SingleAsync(m => m.UserId == userId);
        membership.IsActive = active;
        await context.SaveChangesAsync();
    }
}
