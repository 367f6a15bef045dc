using System.Security.Claims;
using MedicalApp.Web.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// An interactive circuit's scope of the real app, prepared the way the framework prepares one: its authentication
/// state set from the hub connection's principal (as CircuitHost.SetCircuitUser does at start and at every
/// reconnection), then the circuit handlers opened (PracticeCircuitBinding first). Services resolved from it are the
/// ones the circuit's pages use.
/// </summary>
public sealed class TestCircuit(AsyncServiceScope scope) : IAsyncDisposable
{
    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>The principal a hub request carries into its circuit: the user's and the connection identity.</summary>
    public static ClaimsPrincipal Connection(Guid? practiceId, ClaimsPrincipal user, string clientAddress = TestMember.ClientAddress) =>
        CircuitConnection.WithConnection(user, practiceId, clientAddress);

    public void SetPrincipal(ClaimsPrincipal principal) =>
        ((IHostEnvironmentAuthenticationStateProvider)Get<AuthenticationStateProvider>()).SetAuthenticationState(
            Task.FromResult(new AuthenticationState(principal)));

    public async Task OpenAsync(ClaimsPrincipal principal)
    {
        SetPrincipal(principal);
        await Get<PracticeCircuitBinding>().OnCircuitOpenedAsync(null!, CancellationToken.None);
    }

    /// <summary>A circuit of <paramref name="practiceId"/> opened by <paramref name="userId"/>'s sign-in of that practice.</summary>
    public static async Task<TestCircuit> OpenAsync(IServiceProvider services, Guid practiceId, Guid userId)
    {
        var circuit = new TestCircuit(services.CreateAsyncScope());
        await circuit.OpenAsync(Connection(practiceId, TestMember.Principal(userId, practiceId)));
        return circuit;
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
