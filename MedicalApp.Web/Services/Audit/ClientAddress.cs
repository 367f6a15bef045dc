namespace MedicalApp.Web.Services.Audit;

/// <summary>
/// The address the member's browser connects from, for audit events. In a request scope it is the request's address
/// (after the trusted proxy headers, see Hosting/ReverseProxy). An interactive circuit has no request of its own: the
/// circuit's binding sets the address of its own hub connection (<see cref="Identity.CircuitConnection"/>), never a
/// value the page carried.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor httpContextAccessor)
{
    private string? circuitAddress;

    public string? Value => circuitAddress ?? httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Set once, when the circuit opens.</summary>
    public void SetForCircuit(string? address) => circuitAddress ??= address;
}
