using System.Globalization;
using System.Security.Claims;
using MedicalApp.Data.Tenancy;

namespace MedicalApp.Web.Identity;

/// <summary>
/// What the Blazor hub request itself proves, carried into the circuit. SignalR hands a circuit the principal of its
/// hub request (<c>Context.User</c>, set on the circuit at start and again at every reconnection); this middleware
/// adds to that principal, for hub requests only, an unauthenticated identity naming the practice the hub address
/// resolved to and the client's address. <see cref="PracticeCircuitBinding"/> reads them: a circuit's practice is the
/// practice of its own connection, whatever the page that started it carries.
/// </summary>
public static class CircuitConnection
{
    /// <summary>The label of the identity this middleware adds (no authentication type, so it never signs anyone in).</summary>
    public const string IdentityLabel = "medicalapp/hub-connection";

    public const string PracticeClaim = "medicalapp/hub_practice";

    public const string ClientAddressClaim = "medicalapp/hub_client_address";

    /// <summary>Blazor's hub lives at <c>{PathBase}/_blazor</c> (negotiate, WebSocket, long polling).</summary>
    public static bool IsHubRequest(HttpRequest request) =>
        request?.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>After authentication: hub requests get the connection identity; nothing else changes.</summary>
    public static IApplicationBuilder UseCircuitConnectionIdentity(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsHubRequest(context.Request))
            {
                context.User = WithConnection(context.User, context.RequestServices.GetRequiredService<CurrentTenant>().Id,
                    context.Connection.RemoteIpAddress?.ToString());
            }

            await next(context);
        });

    /// <summary>The principal with the connection identity, replacing any earlier one, so only the server's own values count.</summary>
    public static ClaimsPrincipal WithConnection(ClaimsPrincipal principal, Guid? practiceId, string? clientAddress)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var connection = new ClaimsIdentity() { Label = IdentityLabel };
        if (practiceId is { } id)
        {
            connection.AddClaim(new Claim(PracticeClaim, id.ToString("D", CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(clientAddress))
        {
            connection.AddClaim(new Claim(ClientAddressClaim, clientAddress));
        }

        return new ClaimsPrincipal(principal.Identities.Where(i => i.Label != IdentityLabel).Append(connection));
    }

    /// <summary>What the circuit's connection proved, or null when the principal did not come through a hub request.</summary>
    public static ConnectionFacts? Read(ClaimsPrincipal principal)
    {
        var identity = principal?.Identities.SingleOrDefault(i => i.Label == IdentityLabel && !i.IsAuthenticated);
        if (identity is null)
        {
            return null;
        }

        var practice = identity.FindFirst(PracticeClaim)?.Value;
        return new ConnectionFacts(
            practice is null ? null : Guid.Parse(practice, CultureInfo.InvariantCulture),
            identity.FindFirst(ClientAddressClaim)?.Value);
    }
}

/// <summary>The practice a hub request's address resolved to (null at the root) and the client's address.</summary>
public sealed record ConnectionFacts(Guid? PracticeId, string? ClientAddress);
