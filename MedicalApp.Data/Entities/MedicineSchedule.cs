namespace MedicalApp.Data.Entities;

/// <summary>
/// The schedule of the Drugs and Cosmetics Rules, 1945 that governs how a medicine may be sold in India. Prescriptions
/// print it, and a Schedule H1 or X medicine obliges the chemist to keep a register, so it is stored, not guessed.
/// </summary>
public enum MedicineSchedule
{
    /// <summary>
    /// In none of the schedules below: sold without a prescription. Indian law has no "over the counter" list of its
    /// own; this is the name the trade uses for what is left unscheduled.
    /// </summary>
    OTC,

    /// <summary>Schedule H: sold on a prescription only.</summary>
    H,

    /// <summary>
    /// Schedule H1 (since 2014): newer antibiotics (third- and fourth-generation cephalosporins, carbapenems, some
    /// quinolones), anti-tuberculosis drugs and habit-forming drugs such as alprazolam, diazepam, zolpidem and tramadol;
    /// the chemist records every sale.
    /// </summary>
    H1,

    /// <summary>Schedule X: psychotropic drugs open to abuse (methylphenidate, amphetamines, barbiturates); the prescription is kept in duplicate.</summary>
    X,
}
