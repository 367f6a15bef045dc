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
}
