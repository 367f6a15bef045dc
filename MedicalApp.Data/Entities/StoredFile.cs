using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum StoredFilePurpose
{
    Logo,
    Signature,
    Attachment,
}

/// <summary>
/// A file kept in the practice's private folder of the file store (never served as a static file). Its size counts
/// against the plan's storage limit.
/// </summary>
public class StoredFile : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public StoredFilePurpose Purpose { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>Path inside the practice's folder of the file store.</summary>
    public string StorageKey { get; set; } = "";

    public Guid? CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
