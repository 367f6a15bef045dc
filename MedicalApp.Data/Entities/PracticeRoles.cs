namespace MedicalApp.Data.Entities;

/// <summary>The roles a member holds in one practice; a member can hold several (an owner who practises).</summary>
[Flags]
public enum PracticeRoles
{
    None = 0,
    Owner = 1,
    Admin = 2,
    Doctor = 4,
    Receptionist = 8,
    Nurse = 16,
}
