namespace MedicalApp.Data.Entities;

/// <summary>The schedule of the Drugs and Cosmetics Rules (India) a medicine is sold under.</summary>
public enum MedicineSchedule
{
    /// <summary>Sold without a prescription.</summary>
    OTC,

    /// <summary>Schedule H: on prescription only.</summary>
    H,

    /// <summary>Schedule H1: on prescription only, and the chemist keeps a register (e.g. third-generation antibiotics).</summary>
    H1,

    /// <summary>Schedule X: narcotic and psychotropic medicines, with duplicate prescriptions kept.</summary>
    X,
}
