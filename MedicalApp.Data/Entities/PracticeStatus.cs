namespace MedicalApp.Data.Entities;

public enum PracticeStatus
{
    Active,

    /// <summary>Suspended by the platform: nobody can use the practice until it is reactivated.</summary>
    Suspended,
}
