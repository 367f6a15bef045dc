using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>A place where the practice sees patients. The registered location cannot be removed.</summary>
public class ClinicLocation : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Address { get; set; } = "";

    public string? Phone { get; set; }

    /// <summary>Opening hours as the clinic writes them, e.g. "Mon–Sat 09:00–13:00, 17:00–21:00".</summary>
    public string? Timings { get; set; }

    public bool IsRegisteredLocation { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }
}
