using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Decides, when an interactive circuit opens and before any of its components exist, which practice it serves and
/// who is signed in to it — from the circuit's own hub connection (<see cref="CircuitConnection"/>), never from the
/// page that started it (root-component parameters and persisted state are signed, but replayable: a page prerendered
/// for practice B, replayed under A's address with A's cookie, must not give a B circuit).
/// <list type="bullet">
/// <item>The practice is the one the hub address resolved to; at the root, none.</item>
/// <item>A sign-in issued for another practice (or, at the root, for any practice) ends the circuit with nothing
/// rendered. A global sign-in (platform admins, whose root cookie browsers also send under <c>/t/{slug}</c>) binds no
/// member inside a practice.</item>
/// <item>The member is bound only with an active membership; roles are never taken from here (see
/// <see cref="PracticeActors"/>).</item>
/// </list>
/// At every later change of the circuit's principal (a reconnection brings its new connection's principal;
/// revalidation signs the user out) the same rules are checked again: a principal of another practice or of another
/// account ends the circuit, a signed-out one leaves a circuit without a member.
/// </summary>
public sealed class PracticeCircuitBinding(
    AuthenticationStateProvider authenticationState,
    CurrentTenant currentTenant,
    SignedInUser signedIn,
    ClientAddress clientAddress,
    PracticeDirectory directory,
    PracticeMembershipReader memberships,
    ILogger<PracticeCircuitBinding> logger) : CircuitHandler, IDisposable
{
    private Guid? boundUserId;

    /// <summary>Raised when a later principal breaks the binding; <c>Routes</c> ends the circuit.</summary>
    public event Action<Exception>? Broken;

    /// <summary>Before every other handler, so nothing runs in a circuit whose practice is not decided.</summary>
    public override int Order => int.MinValue;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var principal = (await authenticationState.GetAuthenticationStateAsync()).User;
        var connection = CircuitConnection.Read(principal)
            ?? throw Refuse("the circuit's principal did not come through a hub request");
        if (connection.PracticeId is { } practiceId)
        {
            var practice = await directory.FindByIdAsync(practiceId, cancellationToken);
            if (practice is null || practice.Status != PracticeStatus.Active)
            {
                throw Refuse("the hub address's practice is unknown or not active");
            }

            currentTenant.Set(practice);
        }

        clientAddress.SetForCircuit(connection.ClientAddress);
        await BindMemberAsync(principal, cancellationToken);
        authenticationState.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    public void Dispose() => authenticationState.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async Task BindMemberAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            signedIn.Clear();
            return;
        }

        var issuedFor = principal.PracticeId();
        if (issuedFor != currentTenant.Id && !(issuedFor is null && currentTenant.IsSet))
        {
            throw Refuse("the sign-in belongs to another practice than the hub address");
        }

        var userId = principal.UserId();
        if (boundUserId is { } earlier && userId != earlier)
        {
            throw Refuse("the circuit's account changed");
        }

        signedIn.BindFrom(principal, currentTenant);
        if (currentTenant.IsSet && signedIn.Id is { } id && await memberships.GetActiveRolesAsync(id, cancellationToken) is null)
        {
            signedIn.Clear();
        }

        boundUserId ??= signedIn.Id;
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        try
        {
            var principal = (await task).User;
            var connection = CircuitConnection.Read(principal);
            if (connection is null)
            {
                // Revalidation's sign-out: no connection of its own, and no account any more.
                signedIn.Clear();
                return;
            }

            if (connection.PracticeId != currentTenant.Id)
            {
                throw Refuse("a reconnection came through another practice's address");
            }

            await BindMemberAsync(principal, CancellationToken.None);
        }
        catch (Exception exception)
        {
            signedIn.Clear();
            Broken?.Invoke(exception);
        }
    }

    private CircuitBindingException Refuse(string reason)
    {
        logger.LogWarning("Refused an interactive circuit: {Reason} (practice {PracticeId}).", reason, currentTenant.Id);
        return new CircuitBindingException(reason);
    }
}

/// <summary>A circuit whose connection does not prove the practice and account it would serve; it is ended.</summary>
public sealed class CircuitBindingException(string reason) : InvalidOperationException("This page's connection does not belong to this practice: " + reason + ".");
