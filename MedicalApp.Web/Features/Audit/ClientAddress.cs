namespace MedicalApp.Web.Features.Audit;

/// <summary>
/// The address the member's browser connects from, for audit events. In a request scope it is the request's address
/// (after the trusted proxy headers, see Hosting/ReverseProxy). An interactive circuit has no request of its own, so
/// Routes hands it the address of the request that started the page (a server component parameter, protected by
/// Data Protection, so the browser cannot change it) through <see cref="SetForCircuit"/>.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor httpContextAccessor)
{
    private string? circuitAddress;

    public string? Value => circuitAddress ?? httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Set once, when the circuit's root component starts.</summary>
    public void SetForCircuit(string? address) => circuitAddress ??= address;
}
