using System.ComponentModel.DataAnnotations;

namespace MedicalApp.Web.Features.Registration;

/// <summary>What a clinic owner fills in to register a practice. Checked on the page and again by the service.</summary>
public sealed class PracticeRegistrationForm
{
    [Required(ErrorMessage = "Enter the practice's name.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "The practice's name must have 3 to 200 characters.")]
    public string PracticeName { get; set; } = "";

    [Required(ErrorMessage = "Enter the practice's phone number.")]
    public string PracticePhone { get; set; } = "";

    [Required(ErrorMessage = "Enter the practice's address.")]
    [StringLength(500, ErrorMessage = "The address can have at most 500 characters.")]
    public string PracticeAddress { get; set; } = "";

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "Your name must have 2 to 200 characters.")]
    public string OwnerName { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string OwnerEmail { get; set; } = "";

    [Required(ErrorMessage = "Enter your mobile number.")]
    public string OwnerPhone { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "The password must have at least 12 characters.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>"I also practise": the owner gets the Doctor role and a doctor profile too.</summary>
    public bool AlsoPractises { get; set; }

    [StringLength(50)]
    public string? RegistrationNumber { get; set; }

    [StringLength(100)]
    public string? Specialization { get; set; }

    [StringLength(200)]
    public string? Qualification { get; set; }

    [Range(0, 70, ErrorMessage = "Experience must be between 0 and 70 years.")]
    public int? ExperienceYears { get; set; }

    /// <summary>For an owner who practises: weekly hours to start with at the registered location, or none yet.</summary>
    [EnumDataType(typeof(TypicalHours), ErrorMessage = "Choose your usual hours, or \"I'll set them later\".")]
    public TypicalHours TypicalHours { get; set; } = TypicalHours.Later;
}

/// <summary>What a registration created: the new practice's address (its slug) and its owner's account.</summary>
public sealed record RegisteredPractice(string Slug, Guid OwnerId);

public enum RegistrationLinkState
{
    /// <summary>Unknown, expired, or unreadable: register again.</summary>
    Invalid,

    /// <summary>Waiting for its owner to confirm.</summary>
    Pending,

    /// <summary>Confirmed just now: the practice exists and the owner can be handed over to it.</summary>
    Created,

    /// <summary>Used before: the practice exists, at <see cref="RegistrationLink.PracticeAddress"/>.</summary>
    AlreadyConfirmed,

    /// <summary>The email got an account meanwhile: its practices' addresses were mailed.</summary>
    AccountExists,
}

/// <summary>What a confirmation link stands for.</summary>
public sealed record RegistrationLink(RegistrationLinkState State, string? PracticeName, string? OwnerName, string? Email, Uri? PracticeAddress)
{
    public static RegistrationLink Invalid { get; } = new(RegistrationLinkState.Invalid, null, null, null, null);
}

/// <summary>The outcome of confirming: the link's state, and when the practice was created now, its slug and the hand-over token.</summary>
public sealed record RegistrationConfirmation(RegistrationLink Link, string? Slug, string? HandOverToken);
