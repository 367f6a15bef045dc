using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Data.Plans;

/// <summary>What a plan limits.</summary>
public enum LimitedResource
{
    ClinicLocations,
    Doctors,
    Patients,
    StorageBytes,
}

/// <summary>Refused because the practice's plan has no room; the message says which limit and what to do.</summary>
public sealed class PlanLimitExceededException(string message) : InvalidOperationException(message);

/// <summary>
/// The one place plan limits are checked. Called by every service that creates a limited resource, inside the
/// transaction that creates it: it first takes the practice row lock (<see cref="PracticeLock"/>), so concurrent
/// creations in one practice are counted one after the other and the limit holds even under parallel requests.
/// </summary>
public sealed class PlanLimitService
{
    public async Task EnsureRoomForAsync(MedicalDbContext db, LimitedResource resource, long adding = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var practiceId = db.RequirePracticeId();
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Plan limits must be checked inside the transaction that creates the resource.");
        }

        await PracticeLock.TakeAsync(db, practiceId, cancellationToken);
        var practice = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => new { t.Plan, t.Limits }).SingleAsync(cancellationToken);
        var limit = LimitOf(practice.Limits, resource);
        if (limit is null)
        {
            return;
        }

        var used = await CountAsync(db, resource, cancellationToken);
        if (used + adding > limit)
        {
            throw new PlanLimitExceededException(RefusalMessage(practice.Plan, resource, limit.Value));
        }
    }

    public static long? LimitOf(PlanLimits limits, LimitedResource resource)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return resource switch
        {
            LimitedResource.ClinicLocations => limits.MaxClinicLocations,
            LimitedResource.Doctors => limits.MaxDoctors,
            LimitedResource.Patients => limits.MaxPatients,
            LimitedResource.StorageBytes => limits.MaxStorageBytes,
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
    }

    /// <summary>
    /// Current use: active locations, active doctor profiles of active members plus doctors invited and not yet joined
    /// (<see cref="SeatHoldingInvitations"/>), active patients, bytes of stored files.
    /// </summary>
    public static async Task<long> CountAsync(MedicalDbContext db, LimitedResource resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return resource switch
        {
            LimitedResource.ClinicLocations => await CountedLocations(db.ClinicLocations).CountAsync(cancellationToken),
            LimitedResource.Doctors => await CountedDoctors(db.DoctorProfiles).CountAsync(cancellationToken)
                + await SeatHoldingInvitations(db.StaffInvitations, db.Clock.GetUtcNow().UtcDateTime).CountAsync(cancellationToken),
            LimitedResource.Patients => await db.Patients.CountAsync(p => p.IsActive, cancellationToken),
            LimitedResource.StorageBytes => await db.StoredFiles.SumAsync(f => (long?)f.SizeBytes, cancellationToken) ?? 0,
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
    }

    // The counting rules as filters over any source, so the platform console (which reads a named practice across the
    // tenant filter) counts exactly what the limit check counts.
    public static IQueryable<ClinicLocation> CountedLocations(IQueryable<ClinicLocation> locations) => locations.Where(l => l.IsActive);

    public static IQueryable<DoctorProfile> CountedDoctors(IQueryable<DoctorProfile> doctors) => doctors.Where(d => d.IsActive && d.Membership!.IsActive);

    /// <summary>
    /// Pending, unexpired invitations with the Doctor role: each holds a doctor's seat, so inviting cannot get round
    /// the limit (five invitations on a full plan, all accepted later). Revoking one, or its expiry, frees the seat.
    /// </summary>
    public static IQueryable<StaffInvitation> SeatHoldingInvitations(IQueryable<StaffInvitation> invitations, DateTime nowUtc) =>
        invitations.Where(i => i.Status == StaffInvitationStatus.Pending && i.ExpiresAtUtc > nowUtc
            && (i.Roles & PracticeRoles.Doctor) == PracticeRoles.Doctor);

    /// <summary>What the usage page calls a limit: "Clinic locations", "Doctors", "Storage".</summary>
    public static string Label(LimitedResource resource) => resource switch
    {
        LimitedResource.ClinicLocations => "Clinic locations",
        LimitedResource.Doctors => "Doctors",
        LimitedResource.Patients => "Patients",
        LimitedResource.StorageBytes => "Storage",
        _ => resource.ToString(),
    };

    /// <summary>An amount without its noun, for "Basic allows 3" and "3 / 20": storage in bytes reads as "10 GB".</summary>
    public static string Amount(LimitedResource resource, long amount) =>
        resource == LimitedResource.StorageBytes ? FormatBytes(amount) : amount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static string RefusalMessage(PracticePlan plan, LimitedResource resource, long limit) =>
        $"Your {PlanCatalog.For(plan).Name} plan allows {Describe(resource, limit)} — upgrade to add more.";

    public static string Describe(LimitedResource resource, long amount) => resource switch
    {
        LimitedResource.ClinicLocations => amount == 1 ? "1 clinic location" : $"{amount:N0} clinic locations",
        LimitedResource.Doctors => amount == 1 ? "1 doctor" : $"{amount:N0} doctors",
        LimitedResource.Patients => amount == 1 ? "1 patient" : $"{amount:N0} patients",
        LimitedResource.StorageBytes => $"{FormatBytes(amount)} of files",
        _ => amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{bytes / (1024d * 1024 * 1024):0.#} GB",
        >= 1024L * 1024 => $"{bytes / (1024d * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024d:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
