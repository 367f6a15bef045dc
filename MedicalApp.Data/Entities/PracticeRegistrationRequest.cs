namespace MedicalApp.Data.Entities;

/// <summary>
/// A practice registration waiting for its owner to confirm the email address, then the hand-over of the new owner
/// from the root (where the form is) to the practice's own address. A global row: it exists before its practice does.
/// Tokens are never stored, only their SHA-256: a copy of the database cannot confirm or sign anybody in.
/// </summary>
public class PracticeRegistrationRequest
{
    public Guid Id { get; set; }

    /// <summary>The owner's email as typed, where the confirmation link was sent.</summary>
    public string Email { get; set; } = "";

    /// <summary>SHA-256 (hex) of the mailed confirmation token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>
    /// The registration form without the passwords, and the password's Identity hash, as JSON protected with Data
    /// Protection; erased once the practice is created.
    /// </summary>
    public string? ProtectedDetails { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The confirmation link works until then.</summary>
    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>When the link was used (it works once); the practice exists from then on.</summary>
    public DateTime? ConfirmedAtUtc { get; set; }

    public Guid? TenantId { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>SHA-256 (hex) of the one-time token that signs the new owner in on the practice's own address.</summary>
    public string? HandOverTokenHash { get; set; }

    public DateTime? HandOverExpiresAtUtc { get; set; }

    public DateTime? HandOverUsedAtUtc { get; set; }
}
