using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>A day the doctor does not see patients at any location.</summary>
public class DoctorLeave : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid DoctorProfileId { get; set; }

    public DateOnly Date { get; set; }

    public string? Reason { get; set; }
}
