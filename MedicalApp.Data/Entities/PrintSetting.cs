using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

public enum PrintTemplate
{
    Classic,
    Modern,
    Minimal,
    Letter,
}

public enum PrintLogoPosition
{
    Left,
    Centre,
    Right,
    None,
}

/// <summary>
/// How prescriptions print: for the whole practice (no doctor), for one doctor, or for one doctor at one location.
/// The most specific setting that exists wins. <see cref="ScopeKey"/> makes each scope unique on both databases
/// (a unique index over nullable columns would let PostgreSQL and SQLite keep duplicates).
/// </summary>
public class PrintSetting : ITenantOwned, IVersioned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid? DoctorProfileId { get; set; }

    public Guid? ClinicLocationId { get; set; }

    /// <summary>"practice", "doctor:{id}" or "doctor:{id}@{location id}".</summary>
    public string ScopeKey { get; set; } = "";

    public PrintTemplate Template { get; set; }

    public int MarginMm { get; set; }

    public PrintLogoPosition LogoPosition { get; set; }

    public decimal FontSizePt { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <inheritdoc />
    public int Version { get; set; }

    public static string ScopeKeyFor(Guid? doctorProfileId, Guid? clinicLocationId) => (doctorProfileId, clinicLocationId) switch
    {
        (null, null) => "practice",
        ({ } doctor, null) => $"doctor:{doctor:N}",
        ({ } doctor, { } location) => $"doctor:{doctor:N}@{location:N}",
        (null, not null) => throw new ArgumentException("A print setting for a location names its doctor too.", nameof(doctorProfileId)),
    };
}
