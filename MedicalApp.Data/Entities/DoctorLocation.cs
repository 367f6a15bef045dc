using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>A clinic location where a doctor practises.</summary>
public class DoctorLocation : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid DoctorProfileId { get; set; }

    public Guid ClinicLocationId { get; set; }

    public ClinicLocation? ClinicLocation { get; set; }
}
