namespace MedicalApp.Data.Tenancy;

/// <summary>
/// Tenant-owned rows that may still be written while the practice is read-only (trial ended): the audit trail, the
/// subscription history (the owner must be able to upgrade) and outgoing mail.
/// </summary>
public interface IAllowedWhenReadOnly;
