namespace MedicalApp.Data.Entities;

/// <summary>
/// The limits a practice works under, copied from its plan when the plan is chosen so that the platform can set
/// custom limits for Enterprise. <c>null</c> means unlimited.
/// </summary>
public sealed class PlanLimits
{
    public int? MaxClinicLocations { get; set; }

    public int? MaxDoctors { get; set; }

    public int? MaxPatients { get; set; }

    public long? MaxStorageBytes { get; set; }
}
