namespace MedicalApp.Printing.Prescriptions;

/// <summary>
/// Everything a printed prescription shows, already chosen and formatted by whoever maps a prescription to it (dates
/// in the practice's format and time zone, age as "34 y", and so on): the document prints these strings as they are,
/// except that generic names are printed in capitals. Optional values that are null or blank are left out with their
/// labels. This record is the contract between the prescription feature and the printing engine; it holds no
/// identifiers and reads nothing by itself.
/// </summary>
public sealed partial record PrescriptionPrint
{
    // --- Letterhead: the visit's clinic location, falling back to the practice's letterhead (the mapper chooses) ---

    /// <summary>The name at the top, e.g. "Sunrise Family Clinic" or "Sunrise Family Clinic, Anna Nagar".</summary>
    public required string LetterheadName { get; init; }

    /// <summary>The address, one printed line each.</summary>
    public IReadOnlyList<string> LetterheadAddressLines { get; init; } = [];

    public string? LetterheadPhone { get; init; }

    public string? LetterheadEmail { get; init; }

    /// <summary>The clinic's registration or licence line, e.g. "Clinical Establishment Reg. No. TN/CHN/2024/01234".</summary>
    public string? RegistrationLine { get; init; }

    /// <summary>The practice's logo: PNG, JPEG or WebP bytes (as the logo upload accepts); null prints none.</summary>
    public byte[]? Logo { get; init; }

    // --- The prescribing doctor ---

    /// <summary>As printed, with any title: "Dr. Priya Raman".</summary>
    public required string DoctorName { get; init; }

    /// <summary>"MBBS, MD (General Medicine)".</summary>
    public string? DoctorQualification { get; init; }

    /// <summary>"Consultant Physician".</summary>
    public string? DoctorSpecialization { get; init; }

    /// <summary>The doctor's medical council registration number, printed as "Reg. No. …" in the letterhead and by the signature.</summary>
    public required string DoctorRegistrationNumber { get; init; }

    /// <summary>The doctor's signature: PNG, JPEG or WebP bytes; when null the typed name stands in for it.</summary>
    public byte[]? Signature { get; init; }

    // --- The patient ---

    /// <summary>The patient's name in any script the engine covers (Latin, Devanagari, Tamil).</summary>
    public required string PatientName { get; init; }

    /// <summary>"34 y", "8 m".</summary>
    public string? PatientAge { get; init; }

    /// <summary>"Female", "Male", "Other".</summary>
    public string? PatientSex { get; init; }

    public string? PatientMobile { get; init; }

    /// <summary>Known allergies, highlighted; pass "No known allergies" when that is what is recorded (null prints no line).</summary>
    public string? PatientAllergies { get; init; }

    // --- The prescription ---

    /// <summary>The prescription's date as printed: "26 Nov 2026".</summary>
    public required string Date { get; init; }

    /// <summary>"RX-2026-000123".</summary>
    public required string RxNumber { get; init; }

    /// <summary>
    /// When this version is not the current one: "Superseded by RX-2026-000124" or "Cancelled", marked at the top of
    /// every page. Null for the current version.
    /// </summary>
    public string? StatusMarking { get; init; }

    public string? Diagnosis { get; init; }

    /// <summary>The medicines, in order.</summary>
    public IReadOnlyList<PrescriptionPrintLine> Lines { get; init; } = [];

    /// <summary>Advice to the patient; line breaks are kept.</summary>
    public string? Advice { get; init; }

    /// <summary>"Review on 3 Dec 2026, earlier if the fever persists".</summary>
    public string? FollowUp { get; init; }

    /// <summary>
    /// When this version was written (UTC): the PDF's creation date, so the same version always gives the same file.
    /// Not printed on the page (<see cref="Date"/> is).
    /// </summary>
    public required DateTime WrittenAtUtc { get; init; }
}

/// <summary>One medicine on a prescription; all but the generic name may be null.</summary>
/// <param name="GenericName">Printed in capitals: "Paracetamol" prints as "PARACETAMOL".</param>
/// <param name="BrandName">"Dolo 650".</param>
/// <param name="Strength">"650 mg".</param>
/// <param name="Dose">"1 tablet".</param>
/// <param name="Frequency">"1-0-1", "Twice a day".</param>
/// <param name="Duration">"5 days".</param>
/// <param name="Timing">"After food".</param>
/// <param name="Quantity">"10 tablets".</param>
/// <param name="Instructions">Anything else for this medicine: "Stop if rash appears".</param>
public sealed record PrescriptionPrintLine(
    string GenericName,
    string? BrandName = null,
    string? Strength = null,
    string? Dose = null,
    string? Frequency = null,
    string? Duration = null,
    string? Timing = null,
    string? Quantity = null,
    string? Instructions = null);
