using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Platform;

/// <summary>Enterprise limits as the console's form edits them: empty is unlimited, storage in GB.</summary>
public sealed class LimitsForm
{
    private const decimal BytesPerGigabyte = 1024m * 1024 * 1024;

    public int? MaxClinicLocations { get; set; }

    public int? MaxDoctors { get; set; }

    public int? MaxPatients { get; set; }

    public decimal? MaxStorageGigabytes { get; set; }

    public static LimitsForm From(PlanLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new()
        {
            MaxClinicLocations = limits.MaxClinicLocations,
            MaxDoctors = limits.MaxDoctors,
            MaxPatients = limits.MaxPatients,
            MaxStorageGigabytes = limits.MaxStorageBytes is { } bytes ? Math.Round(bytes / BytesPerGigabyte, 2) : null,
        };
    }

    public PlanLimits ToLimits() => new()
    {
        MaxClinicLocations = MaxClinicLocations,
        MaxDoctors = MaxDoctors,
        MaxPatients = MaxPatients,
        MaxStorageBytes = MaxStorageGigabytes is { } gigabytes ? (long)Math.Round(gigabytes * BytesPerGigabyte) : null,
    };
}
