using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Practice;

public sealed record ClinicLocationRow(
    Guid Id, string Name, string Address, string? Phone, string? Timings, bool IsRegisteredLocation, bool IsActive, int DoctorCount, int Version);

/// <summary>The locations of the practice with what its plan allows, for the locations page.</summary>
public sealed record ClinicLocationList(IReadOnlyList<ClinicLocationRow> Locations, string PlanName, int? MaxActiveLocations, bool IsReadOnly)
{
    public int ActiveCount => Locations.Count(l => l.IsActive);

    public bool HasRoomForAnother => MaxActiveLocations is not { } max || ActiveCount < max;
}

/// <summary>
/// The practice's clinic locations: list, add, edit, deactivate and reactivate. Active locations count against the
/// plan's limit, checked under the practice row lock in the creating transaction. Locations are never deleted:
/// appointments and doctors' schedules will point at them.
/// </summary>
public sealed class ClinicLocationService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PlanLimitService planLimits,
    AuditTrail auditTrail,
    TimeProvider clock)
{
    public const string RegisteredLocationMessage =
        "The registered location of the practice cannot be deactivated. You can edit its details instead.";

    public const string LastActiveLocationMessage =
        "This is the practice's only active location, and a practice needs at least one. Add or reactivate another location first.";

    public const string NotFoundMessage = "This clinic location does not exist (it may have been removed).";

    /// <summary>Active locations first (the registered one leading), then by name.</summary>
    public async Task<ClinicLocationList> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageLocations, cancellationToken: cancellationToken);
        var practiceId = db.RequirePracticeId();
        var practice = await db.Tenants.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => new { t.Plan, t.TrialEndsAtUtc, t.Limits.MaxClinicLocations }).SingleAsync(cancellationToken);
        var doctorCounts = await DoctorCountsAsync(db, cancellationToken);
        var locations = await db.ClinicLocations.AsNoTracking()
            .OrderByDescending(l => l.IsActive).ThenByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .ToListAsync(cancellationToken);
        return new ClinicLocationList(
            [.. locations.Select(l => ToRow(l, doctorCounts.GetValueOrDefault(l.Id)))],
            PlanCatalog.For(practice.Plan).Name,
            practice.MaxClinicLocations,
            PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, clock.GetUtcNow().UtcDateTime));
    }

    public async Task<ClinicLocationRow?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageLocations, cancellationToken: cancellationToken);
        var location = await db.ClinicLocations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return location is null ? null : ToRow(location, await CountDoctorsAtAsync(db, id, cancellationToken));
    }

    /// <summary>How many active doctors practise at the location: the deactivation confirmation says so.</summary>
    public async Task<int> CountDoctorsAtAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageLocations, cancellationToken: cancellationToken);
        return await CountDoctorsAtAsync(db, id, cancellationToken);
    }

    public async Task<Guid> AddAsync(ClinicLocationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageLocations, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        await PracticeAdministrators.EnsureWritableAsync(db, clock, cancellationToken);
        ClinicLocationRules.Validate(input);
        var values = Clean(input);

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Takes the practice row lock first, so the name check below and the count are not raced by another admin.
        await planLimits.EnsureRoomForAsync(db, LimitedResource.ClinicLocations, 1, cancellationToken);
        await EnsureNameFreeAsync(db, values.Name, exceptId: null, cancellationToken);
        var location = new ClinicLocation
        {
            Name = values.Name,
            Address = values.Address,
            Phone = values.Phone,
            Timings = values.Timings,
            IsActive = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ClinicLocations.Add(location);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        // The audit trail writes on its own connection: after the commit, so SQLite's write lock is free.
        await RecordAsync(AuditActions.ClinicLocationAdded, actor, location.Id, $"Added “{location.Name}”, {location.Address}.", cancellationToken);
        return location.Id;
    }

    public async Task UpdateAsync(Guid id, ClinicLocationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageLocations, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        await PracticeAdministrators.EnsureWritableAsync(db, clock, cancellationToken);
        ClinicLocationRules.Validate(input);
        var values = Clean(input);

        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var location = await FindTrackedAsync(db, id, cancellationToken);
        if (StaleEdit.IsStale(input.Version, location))
        {
            throw new PracticeAdminRefusedException(StaleEdit.Message("location"));
        }

        if (location.IsActive)
        {
            await EnsureNameFreeAsync(db, values.Name, exceptId: id, cancellationToken);
        }

        var changes = new List<string>();
        if (location.Name != values.Name)
        {
            changes.Add($"name (was “{location.Name}”)");
            location.Name = values.Name;
        }

        if (location.Address != values.Address)
        {
            changes.Add("address");
            location.Address = values.Address;
        }

        if (location.Phone != values.Phone)
        {
            changes.Add("phone");
            location.Phone = values.Phone;
        }

        if (location.Timings != values.Timings)
        {
            changes.Add("timings");
            location.Timings = values.Timings;
        }

        if (changes.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await RecordAsync(AuditActions.ClinicLocationChanged, actor, id, $"Changed {string.Join(", ", changes)} of “{location.Name}”.", cancellationToken);
    }

    /// <summary>
    /// Takes the location out of use (it stays in history). Refused for the registered location and for the last
    /// active one. Doctors who practise there keep it in their profile; the page warns how many before confirming.
    /// </summary>
    public async Task DeactivateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageLocations, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        await PracticeAdministrators.EnsureWritableAsync(db, clock, cancellationToken);

        // Two admins deactivating the last two locations at once must not leave none: count under the row lock.
        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var location = await FindTrackedAsync(db, id, cancellationToken);
        if (!location.IsActive)
        {
            return;
        }

        if (location.IsRegisteredLocation)
        {
            throw new PracticeAdminRefusedException(RegisteredLocationMessage);
        }

        if (!await db.ClinicLocations.AnyAsync(l => l.IsActive && l.Id != id, cancellationToken))
        {
            throw new PracticeAdminRefusedException(LastActiveLocationMessage);
        }

        var doctors = await CountDoctorsAtAsync(db, id, cancellationToken);
        location.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await RecordAsync(AuditActions.ClinicLocationDeactivated, actor, id,
            $"Deactivated “{location.Name}”; {DescribeDoctors(doctors)} practised there.", cancellationToken);
    }

    /// <summary>Brings a location back into use; it counts against the plan's limit again, so the limit is checked.</summary>
    public async Task ReactivateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageLocations, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        await PracticeAdministrators.EnsureWritableAsync(db, clock, cancellationToken);

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var location = await FindTrackedAsync(db, id, cancellationToken);
        if (location.IsActive)
        {
            return;
        }

        await planLimits.EnsureRoomForAsync(db, LimitedResource.ClinicLocations, 1, cancellationToken);
        await EnsureNameFreeAsync(db, location.Name, exceptId: id, cancellationToken);
        location.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await RecordAsync(AuditActions.ClinicLocationReactivated, actor, id, $"Reactivated “{location.Name}”.", cancellationToken);
    }

    public static string DescribeDoctors(int count) => count switch
    {
        0 => "no doctors",
        1 => "1 doctor",
        _ => $"{count} doctors",
    };

    private sealed record CleanValues(string Name, string Address, string? Phone, string? Timings);

    private static CleanValues Clean(ClinicLocationInput input)
    {
        PracticePhoneNumber.TryNormalize(input.Phone, out var phone);
        return new CleanValues(input.Name!.Trim(), input.Address!.Trim(), phone, string.IsNullOrWhiteSpace(input.Timings) ? null : input.Timings.Trim());
    }

    private static async Task<ClinicLocation> FindTrackedAsync(MedicalDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.ClinicLocations.FindInTenantAsync(id, cancellationToken) ?? throw new PracticeAdminRefusedException(NotFoundMessage);

    // Names are compared in memory: a practice has a handful of locations, and this folds case beyond ASCII on both databases.
    private static async Task EnsureNameFreeAsync(MedicalDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var activeNames = await db.ClinicLocations.AsNoTracking()
            .Where(l => l.IsActive && l.Id != exceptId)
            .Select(l => l.Name)
            .ToListAsync(cancellationToken);
        if (activeNames.Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new PracticeAdminValidationException(nameof(ClinicLocationInput.Name), ClinicLocationRules.DuplicateNameMessage(name));
        }
    }

    private static Task<int> CountDoctorsAtAsync(MedicalDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.DoctorProfiles.CountAsync(d => d.IsActive && d.Membership!.IsActive && d.Locations.Any(l => l.ClinicLocationId == id), cancellationToken);

    private static async Task<Dictionary<Guid, int>> DoctorCountsAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        await db.DoctorProfiles.Where(d => d.IsActive && d.Membership!.IsActive)
            .SelectMany(d => d.Locations)
            .GroupBy(l => l.ClinicLocationId)
            .Select(g => new { LocationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.LocationId, g => g.Count, cancellationToken);

    private static ClinicLocationRow ToRow(ClinicLocation l, int doctors) =>
        new(l.Id, l.Name, l.Address, l.Phone, l.Timings, l.IsRegisteredLocation, l.IsActive, doctors, l.Version);

    private Task RecordAsync(string action, PracticeActor actor, Guid id, string details, CancellationToken cancellationToken) =>
        auditTrail.RecordAsync(actor.Entry(action, nameof(ClinicLocation), id.ToString(), details), cancellationToken);
}
