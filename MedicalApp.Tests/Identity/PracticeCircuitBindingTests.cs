using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Components;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// How an interactive circuit learns its practice and member, tested on a circuit's own scope of the real app (its
/// registrations, its seeded database): from the principal of the circuit's hub connection and the connection
/// identity the hub request carries, never from anything the page sends. The Chromium half of these attacks is in
/// <see cref="CircuitReplayBrowserTests"/>.
/// </summary>
public sealed class PracticeCircuitBindingTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public void The_root_component_takes_no_parameters_so_a_page_cannot_hand_a_circuit_anything()
    {
        var parameters = typeof(Routes).GetProperties().Where(p => p.IsDefined(typeof(ParameterAttribute), inherit: true)).Select(p => p.Name);

        Assert.Empty(parameters);
    }

    [Fact]
    public async Task A_circuit_serves_the_practice_of_its_hub_address_and_binds_its_member()
    {
        var demo = await PracticeAsync("demo");
        var reception = await UserIdAsync("reception@demo.test");
        await using var circuit = NewCircuit();

        await circuit.OpenAsync(Connection(demo.Id, Principal(reception, demo.Id)));

        Assert.Equal(demo.Id, circuit.Get<CurrentTenant>().Id);
        Assert.Equal(reception, circuit.Get<SignedInUser>().Id);
        Assert.Equal("203.0.113.9", circuit.Get<ClientAddress>().Value);
        Assert.Equal(PracticeRoles.Receptionist, (await circuit.Get<PracticeActors>().CurrentAsync())?.Roles);
    }

    [Fact]
    public async Task A_sign_in_of_another_practice_ends_the_circuit_before_anything_is_bound()
    {
        // The breach: demo's receptionist starting a circuit whose page came from sunrise. The connection is demo's,
        // so is the cookie; a cookie of sunrise at demo's hub address (or the other way round) is refused outright.
        var demo = await PracticeAsync("demo");
        var sunrise = await PracticeAsync("sunrise");
        var reception = await UserIdAsync("reception@demo.test");
        await using var circuit = NewCircuit();

        await Assert.ThrowsAsync<CircuitBindingException>(() => circuit.OpenAsync(Connection(sunrise.Id, Principal(reception, demo.Id))));

        Assert.False(circuit.Get<CurrentTenant>().Id == demo.Id && circuit.Get<SignedInUser>().Id is not null);
        Assert.Null(circuit.Get<SignedInUser>().Id);
    }

    [Fact]
    public async Task A_principal_that_did_not_come_through_a_hub_request_ends_the_circuit()
    {
        var demo = await PracticeAsync("demo");
        var reception = await UserIdAsync("reception@demo.test");
        await using var circuit = NewCircuit();

        await Assert.ThrowsAsync<CircuitBindingException>(() => circuit.OpenAsync(Principal(reception, demo.Id)));

        Assert.False(circuit.Get<CurrentTenant>().IsSet);
    }

    [Fact]
    public async Task An_anonymous_circuit_holds_only_the_practice_of_its_address()
    {
        var sunrise = await PracticeAsync("sunrise");
        await using var circuit = NewCircuit();

        await circuit.OpenAsync(Connection(sunrise.Id, new ClaimsPrincipal(new ClaimsIdentity())));

        Assert.Equal(sunrise.Id, circuit.Get<CurrentTenant>().Id);
        Assert.Null(circuit.Get<SignedInUser>().Id);
        Assert.Null(await circuit.Get<PracticeActors>().CurrentAsync());
    }

    [Fact]
    public async Task A_global_sign_in_at_a_practice_address_binds_no_member()
    {
        // Under /t/{slug} browsers also send the root's cookie (path "/"): a platform admin there is nobody in the practice.
        var demo = await PracticeAsync("demo");
        var admin = await UserIdAsync("admin@platform.test");
        await using var circuit = NewCircuit();

        await circuit.OpenAsync(Connection(demo.Id, Principal(admin, practiceId: null)));

        Assert.Equal(demo.Id, circuit.Get<CurrentTenant>().Id);
        Assert.Null(circuit.Get<SignedInUser>().Id);
    }

    [Fact]
    public async Task A_member_whose_membership_ended_gets_a_circuit_without_a_member()
    {
        var demo = await PracticeAsync("demo");
        var leaving = await App.AddMemberAsync("demo", PracticeRoles.Nurse);
        await App.SetMembershipActiveAsync("demo", leaving.Id, active: false);
        await using var circuit = NewCircuit();

        await circuit.OpenAsync(Connection(demo.Id, Principal(leaving.Id, demo.Id)));

        Assert.Null(circuit.Get<SignedInUser>().Id);
    }

    [Fact]
    public async Task A_reconnection_through_another_practices_address_ends_the_circuit()
    {
        var demo = await PracticeAsync("demo");
        var sunrise = await PracticeAsync("sunrise");
        var owner = await UserIdAsync("owner@demo.test");
        await using var circuit = NewCircuit();
        await circuit.OpenAsync(Connection(demo.Id, Principal(owner, demo.Id)));
        var broken = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.Get<PracticeCircuitBinding>().Broken += e => broken.TrySetResult(e);

        // What SignalR does on a reconnection: the circuit gets the new connection's principal.
        circuit.SetPrincipal(Connection(sunrise.Id, Principal(owner, sunrise.Id)));

        Assert.IsType<CircuitBindingException>(await broken.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(circuit.Get<SignedInUser>().Id);
        Assert.Equal(demo.Id, circuit.Get<CurrentTenant>().Id);
    }

    [Fact]
    public async Task Revalidations_sign_out_leaves_the_circuit_without_a_member()
    {
        var demo = await PracticeAsync("demo");
        var owner = await UserIdAsync("owner@demo.test");
        await using var circuit = NewCircuit();
        await circuit.OpenAsync(Connection(demo.Id, Principal(owner, demo.Id)));

        circuit.SetPrincipal(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Null(circuit.Get<SignedInUser>().Id);
        Assert.Null(await circuit.Get<PracticeActors>().CurrentAsync());
    }

    [Fact]
    public async Task A_member_of_two_practices_gets_exactly_the_practice_of_each_address()
    {
        var demo = await PracticeAsync("demo");
        var sunrise = await PracticeAsync("sunrise");
        var consultant = await App.AddMemberAsync("demo", PracticeRoles.Doctor);
        await App.InPracticeAsync("sunrise", db =>
        {
            db.PracticeMemberships.Add(new PracticeMembership { UserId = consultant.Id, Roles = PracticeRoles.Nurse, IsActive = true, CreatedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await using var demoTab = NewCircuit();
        await using var sunriseTab = NewCircuit();

        await demoTab.OpenAsync(Connection(demo.Id, Principal(consultant.Id, demo.Id)));
        await sunriseTab.OpenAsync(Connection(sunrise.Id, Principal(consultant.Id, sunrise.Id)));

        Assert.Equal((demo.Id, PracticeRoles.Doctor), (demoTab.Get<CurrentTenant>().Id!.Value, (await demoTab.Get<PracticeActors>().CurrentAsync())!.Roles));
        Assert.Equal((sunrise.Id, PracticeRoles.Nurse), (sunriseTab.Get<CurrentTenant>().Id!.Value, (await sunriseTab.Get<PracticeActors>().CurrentAsync())!.Roles));
    }

    private static ClaimsPrincipal Principal(Guid userId, Guid? practiceId) => TestMember.Principal(userId, practiceId);

    private static ClaimsPrincipal Connection(Guid? practiceId, ClaimsPrincipal user) => TestCircuit.Connection(practiceId, user, "203.0.113.9");

    private async Task<TenantSnapshot> PracticeAsync(string slug) =>
        (await App.Services.GetRequiredService<PracticeDirectory>().FindBySlugAsync(slug))!;

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }

    private TestCircuit NewCircuit() => new(App.Services.CreateAsyncScope());
}
