namespace MedicalApp.Data.Entities;

/// <summary>Letterhead and regional settings of a practice, printed on prescriptions and used for dates and money.</summary>
public sealed class PracticeSettings
{
    public string? LetterheadAddress { get; set; }

    public string? LetterheadPhone { get; set; }

    public string? LetterheadEmail { get; set; }

    /// <summary>Registration or licence line printed under the clinic name.</summary>
    public string? RegistrationLine { get; set; }

    public string Currency { get; set; } = "INR";

    /// <summary>The practice logo (a <see cref="StoredFile"/>), printed on prescriptions.</summary>
    public Guid? LogoFileId { get; set; }

    /// <summary>Whether the waiting-room display shows patients' first names beside their tokens (off: tokens only).</summary>
    public bool WaitingDisplayShowsNames { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the secret in the waiting-room display's address; null when no display link has been made.
    /// The TV opens that address without signing in, so the secret is what protects it and a new link revokes the old.
    /// </summary>
    public string? WaitingDisplayKeyHash { get; set; }
}
