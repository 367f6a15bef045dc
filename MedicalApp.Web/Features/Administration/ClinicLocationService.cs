using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Administration;

public sealed record ClinicLocationRow(
    Guid Id, string Name, string Address, string? Phone, string? Timings, bool IsRegisteredLocation, bool IsActive, int DoctorCount, int Version)
{
    /// <summary>The structured opening periods, in week order; empty when the location has none.</summary>
    public IReadOnlyList<OpeningPeriod> OpeningHours { get; init; } = [];
}

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
    PracticeChanges changes,
    TimeProvider clock)
{
    private static readonly ChangeRule ManageLocations = new(PracticePermission.ManageLocations, PracticeAdministrators.AdministratorsOnly);

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
        var practice = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => new { t.Plan, t.TrialEndsAtUtc, t.Limits.MaxClinicLocations }).SingleAsync(cancellationToken);
        var doctorCounts = await DoctorCountsAsync(db, cancellationToken);
        var locations = await db.ClinicLocations.AsNoTracking()
            .OrderByDescending(l => l.IsActive).ThenByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .ToListAsync(cancellationToken);
        var hours = await OpeningHoursByLocationAsync(db, cancellationToken);
        return new ClinicLocationList(
            [.. locations.Select(l => ToRow(l, doctorCounts.GetValueOrDefault(l.Id), hours.GetValueOrDefault(l.Id, [])))],
            PlanCatalog.For(practice.Plan).Name,
            practice.MaxClinicLocations,
            PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, clock.GetUtcNow().UtcDateTime));
    }

    public async Task<ClinicLocationRow?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageLocations, cancellationToken: cancellationToken);
        var location = await db.ClinicLocations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return location is null
            ? null
            : ToRow(location, await CountDoctorsAtAsync(db, id, cancellationToken), (await OpeningHoursByLocationAsync(db, cancellationToken)).GetValueOrDefault(id, []));
    }

    /// <summary>
    /// Every location's structured opening hours (location id → periods), for the doctor's hours form to warn about
    /// hours outside them. Anyone who may see the doctors may see when the clinics are open.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<OpeningPeriod>>> OpeningHoursAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewDoctors, cancellationToken: cancellationToken);
        return await OpeningHoursByLocationAsync(db, cancellationToken);
    }

    /// <summary>How many active doctors practise at the location: the deactivation confirmation says so.</summary>
    public async Task<int> CountDoctorsAtAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageLocations, cancellationToken: cancellationToken);
        return await CountDoctorsAtAsync(db, id, cancellationToken);
    }

    public Task<ChangeResult<Guid>> AddAsync(ClinicLocationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync<Guid>(ManageLocations, async change =>
        {
            if (ClinicLocationRules.Check(input) is { } invalid)
            {
                return invalid;
            }

            var values = Clean(input);
            // Under the practice lock the frame took: the count and the name check are not raced by another admin.
            await change.EnsureRoomForAsync(LimitedResource.ClinicLocations, 1, cancellationToken);
            if (await NameTakenAsync(change.Db, values.Name, exceptId: null, cancellationToken) is { } taken)
            {
                return taken;
            }

            var location = new ClinicLocation
            {
                Name = values.Name,
                Address = values.Address,
                Phone = values.Phone,
                Timings = values.Timings,
                IsActive = true,
                CreatedAtUtc = change.NowUtc,
            };
            change.Db.ClinicLocations.Add(location);
            AddOpeningHours(change.Db, location.Id, values.OpeningHours);
            change.Audit(AuditActions.ClinicLocationAdded, nameof(ClinicLocation), location.Id, $"Added “{location.Name}”, {location.Address}.");
            return ChangeResult<Guid>.Done(location.Id, "Location added.");
        }, cancellationToken);
    }

    public Task<ChangeResult> UpdateAsync(Guid id, ClinicLocationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(ManageLocations, async change =>
        {
            if (ClinicLocationRules.Check(input) is { } invalid)
            {
                return invalid;
            }

            var values = Clean(input);
            var location = await change.Db.ClinicLocations.FindInTenantAsync(id, cancellationToken);
            if (location is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(input.Version, location))
            {
                return ChangeResult.Stale("location");
            }

            if (location.IsActive && await NameTakenAsync(change.Db, values.Name, exceptId: id, cancellationToken) is { } taken)
            {
                return taken;
            }

            var changed = new List<string>();
            if (location.Name != values.Name)
            {
                changed.Add($"name (was “{location.Name}”)");
                location.Name = values.Name;
            }

            if (location.Address != values.Address)
            {
                changed.Add("address");
                location.Address = values.Address;
            }

            if (location.Phone != values.Phone)
            {
                changed.Add("phone");
                location.Phone = values.Phone;
            }

            if (location.Timings != values.Timings)
            {
                changed.Add("timings");
                location.Timings = values.Timings;
            }

            // The periods are replaced as a whole, in this transaction with the rest of the location.
            var storedHours = await change.Db.LocationOpeningHours.Where(h => h.ClinicLocationId == id).ToListAsync(cancellationToken);
            var stored = storedHours.Select(h => new OpeningPeriod(h.Day, h.Opens, h.Closes))
                .OrderBy(p => DoctorScheduleRules.DayIndex(p.Day)).ThenBy(p => p.Opens).ToList();
            if (!stored.SequenceEqual(values.OpeningHours))
            {
                changed.Add(values.OpeningHours.Count == 0 ? "opening hours (removed)" : $"opening hours ({OpeningHoursRules.Describe(values.OpeningHours)})");
                change.Db.LocationOpeningHours.RemoveRange(storedHours);
                AddOpeningHours(change.Db, id, values.OpeningHours);
            }

            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            change.Audit(AuditActions.ClinicLocationChanged, nameof(ClinicLocation), id, $"Changed {string.Join(", ", changed)} of “{location.Name}”.");
            return ChangeResult.Done("Location saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// Takes the location out of use (it stays in history). Refused for the registered location and for the last
    /// active one. Doctors who practise there keep it in their profile; the page warns how many before confirming.
    /// </summary>
    public Task<ChangeResult> DeactivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        // Two admins deactivating the last two locations at once must not leave none: the frame's practice lock
        // makes the second count what the first left.
        changes.RunAsync(ManageLocations, async change =>
        {
            var location = await change.Db.ClinicLocations.FindInTenantAsync(id, cancellationToken);
            if (location is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (!location.IsActive)
            {
                return ChangeResult.Unchanged();
            }

            if (location.IsRegisteredLocation)
            {
                return ChangeResult.Refused(RegisteredLocationMessage);
            }

            if (!await change.Db.ClinicLocations.AnyAsync(l => l.IsActive && l.Id != id, cancellationToken))
            {
                return ChangeResult.Refused(LastActiveLocationMessage);
            }

            var doctors = await CountDoctorsAtAsync(change.Db, id, cancellationToken);
            location.IsActive = false;
            change.Audit(AuditActions.ClinicLocationDeactivated, nameof(ClinicLocation), id,
                $"Deactivated “{location.Name}”; {DescribeDoctors(doctors)} practised there.");
            return ChangeResult.Done($"“{location.Name}” deactivated.");
        }, cancellationToken);

    /// <summary>Brings a location back into use; it counts against the plan's limit again, so the limit is checked.</summary>
    public Task<ChangeResult> ReactivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageLocations, async change =>
        {
            var location = await change.Db.ClinicLocations.FindInTenantAsync(id, cancellationToken);
            if (location is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (location.IsActive)
            {
                return ChangeResult.Unchanged();
            }

            await change.EnsureRoomForAsync(LimitedResource.ClinicLocations, 1, cancellationToken);
            if (await NameTakenAsync(change.Db, location.Name, exceptId: id, cancellationToken) is { } taken)
            {
                return taken;
            }

            location.IsActive = true;
            change.Audit(AuditActions.ClinicLocationReactivated, nameof(ClinicLocation), id, $"Reactivated “{location.Name}”.");
            return ChangeResult.Done($"“{location.Name}” reactivated.");
        }, cancellationToken);

    public static string DescribeDoctors(int count) => count switch
    {
        0 => "no doctors",
        1 => "1 doctor",
        _ => $"{count} doctors",
    };

    private sealed record CleanValues(string Name, string Address, string? Phone, string? Timings, List<OpeningPeriod> OpeningHours);

    /// <summary>
    /// The input as stored. With structured hours the printed timings are written from them (the prescription says
    /// what booking works with); without, the free text stays, as practices wrote it before hours were structured.
    /// </summary>
    private static CleanValues Clean(ClinicLocationInput input)
    {
        PracticePhoneNumber.TryNormalize(input.Phone, out var phone);
        var hours = OpeningHoursRules.Parse(input.OpeningHours);
        var timings = OpeningHoursRules.Describe(hours) is { } written
            ? written[..Math.Min(written.Length, ClinicLocationRules.TimingsMaxLength)]
            : string.IsNullOrWhiteSpace(input.Timings) ? null : input.Timings.Trim();
        return new CleanValues(input.Name!.Trim(), input.Address!.Trim(), phone, timings, hours);
    }

    private static void AddOpeningHours(MedicalDbContext db, Guid locationId, IEnumerable<OpeningPeriod> periods)
    {
        foreach (var period in periods)
        {
            db.LocationOpeningHours.Add(new LocationOpeningHours { ClinicLocationId = locationId, Day = period.Day, Opens = period.Opens, Closes = period.Closes });
        }
    }

    private static async Task<Dictionary<Guid, IReadOnlyList<OpeningPeriod>>> OpeningHoursByLocationAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.LocationOpeningHours.AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(h => h.ClinicLocationId).ToDictionary(g => g.Key, g => (IReadOnlyList<OpeningPeriod>)
            [.. g.Select(h => new OpeningPeriod(h.Day, h.Opens, h.Closes)).OrderBy(p => DoctorScheduleRules.DayIndex(p.Day)).ThenBy(p => p.Opens)]);
    }

    // Names are compared in memory: a practice has a handful of locations, and this folds case beyond ASCII on both databases.
    private static async Task<ChangeResult?> NameTakenAsync(MedicalDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var activeNames = await db.ClinicLocations.AsNoTracking()
            .Where(l => l.IsActive && l.Id != exceptId)
            .Select(l => l.Name)
            .ToListAsync(cancellationToken);
        return activeNames.Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase))
            ? ChangeResult.Invalid(nameof(ClinicLocationInput.Name), ClinicLocationRules.DuplicateNameMessage(name))
            : null;
    }

    private static Task<int> CountDoctorsAtAsync(MedicalDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.DoctorProfiles.CountAsync(d => d.IsActive && d.Membership!.IsActive && d.Locations.Any(l => l.ClinicLocationId == id), cancellationToken);

    private static async Task<Dictionary<Guid, int>> DoctorCountsAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        await db.DoctorProfiles.Where(d => d.IsActive && d.Membership!.IsActive)
            .SelectMany(d => d.Locations)
            .GroupBy(l => l.ClinicLocationId)
            .Select(g => new { LocationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.LocationId, g => g.Count, cancellationToken);

    private static ClinicLocationRow ToRow(ClinicLocation l, int doctors, IReadOnlyList<OpeningPeriod> hours) =>
        new(l.Id, l.Name, l.Address, l.Phone, l.Timings, l.IsRegisteredLocation, l.IsActive, doctors, l.Version) { OpeningHours = hours };
}
