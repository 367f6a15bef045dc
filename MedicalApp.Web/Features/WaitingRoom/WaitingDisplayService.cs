using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.WaitingRoom;

/// <summary>How the administrators see the display's settings: whether a link exists and whether names are shown.</summary>
public sealed record WaitingDisplaySettingsView(bool HasLink, bool ShowsNames);

/// <summary>What the waiting-room TV shows: per doctor, the token being seen now and the next ones.</summary>
public sealed record WaitingBoard(string PracticeName, DateTime LocalNow, bool ShowsNames, IReadOnlyList<WaitingBoardDoctor> Doctors);

/// <param name="LocationName">Shown when the practice has more than one location, so a patient knows which room.</param>
public sealed record WaitingBoardDoctor(Guid DoctorId, string DoctorName, string? LocationName, WaitingBoardToken? Now, IReadOnlyList<WaitingBoardToken> Next, int MoreWaiting);

/// <param name="Name">"Ravi K." when the practice shows names; null otherwise (tokens only).</param>
public sealed record WaitingBoardToken(string Token, string? Name);

/// <summary>
/// The waiting-room display: a page a TV opens without signing in, at the practice's own address with a secret key.
/// Administrators make (or replace, which revokes the old) the link and choose whether first names are shown; the
/// board itself is read only with the right key for the practice of the address, and tells nothing else: a wrong key,
/// an old key or another practice's key reads as nothing at all (the page answers 404).
/// </summary>
public sealed class WaitingDisplayService(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, CurrentTenant currentTenant, TimeProvider clock)
{
    /// <summary>How many tokens after the current one a doctor's column lists; the rest are counted.</summary>
    public const int NextShown = 5;

    private static readonly ChangeRule ManageSettings = new(PracticePermission.ManageSettings, "Only the practice's administrators manage the waiting-room display.");

    public async Task<WaitingDisplaySettingsView> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageSettings, cancellationToken: cancellationToken);
        var practiceId = db.RequirePracticeId();
        var settings = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId)
            .Select(p => new { p.Settings.WaitingDisplayKeyHash, p.Settings.WaitingDisplayShowsNames }).SingleAsync(cancellationToken);
        return new WaitingDisplaySettingsView(settings.WaitingDisplayKeyHash is not null, settings.WaitingDisplayShowsNames);
    }

    /// <summary>
    /// Makes a new display key and returns it (the only time it can be seen: only its hash is kept). Any earlier link
    /// stops working at once.
    /// </summary>
    public Task<ChangeResult<string>> CreateLinkAsync(CancellationToken cancellationToken = default) =>
        changes.RunAsync<string>(ManageSettings, async change =>
        {
            var practice = await CurrentPracticeAsync(change.Db, cancellationToken);
            var replaced = practice.Settings.WaitingDisplayKeyHash is not null;
            var key = WaitingDisplayKeys.NewKey();
            var hash = WaitingDisplayKeys.Hash(key);
            await WithoutMovingTheEditVersion(change.Db, practice.Id).ExecuteUpdateAsync(
                set => set.SetProperty(p => p.Settings.WaitingDisplayKeyHash, hash), cancellationToken);
            change.Audit(AuditActions.WaitingDisplayLinkCreated, nameof(Practice), practice.Id,
                replaced ? "Made a new waiting-room display link; the old link no longer works." : "Made the waiting-room display link.");
            return ChangeResult<string>.Done(key, replaced
                ? "New display link made. The old link no longer works: open the new one on the waiting-room screen."
                : "Display link made. Open it on the waiting-room screen.");
        }, cancellationToken);

    /// <summary>Shows (first name and last initial) or hides patients' names beside the tokens.</summary>
    public Task<ChangeResult> SetShowsNamesAsync(bool showNames, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageSettings, async change =>
        {
            var practice = await CurrentPracticeAsync(change.Db, cancellationToken);
            if (practice.Settings.WaitingDisplayShowsNames == showNames)
            {
                return ChangeResult.Unchanged();
            }

            await WithoutMovingTheEditVersion(change.Db, practice.Id).ExecuteUpdateAsync(
                set => set.SetProperty(p => p.Settings.WaitingDisplayShowsNames, showNames), cancellationToken);
            change.Audit(AuditActions.WaitingDisplayNamesChanged, nameof(Practice), practice.Id,
                showNames ? "The waiting-room display shows first names and last initials." : "The waiting-room display shows tokens only.");
            return ChangeResult.Done(showNames ? "The display now shows first names beside tokens." : "The display now shows tokens only.");
        }, cancellationToken);

    /// <summary>
    /// Today's board for the display holding <paramref name="key"/>; null when the address names no practice or the key
    /// is not this practice's current one. Reads no member: the key is the permission.
    /// </summary>
    public async Task<WaitingBoard?> ReadBoardAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (!currentTenant.IsSet || string.IsNullOrEmpty(key))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceId = db.RequirePracticeId();
        var practice = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId)
            .Select(p => new { p.Name, p.Settings.WaitingDisplayKeyHash, p.Settings.WaitingDisplayShowsNames })
            .SingleOrDefaultAsync(cancellationToken);
        if (practice is null || !WaitingDisplayKeys.Matches(key, practice.WaitingDisplayKeyHash))
        {
            return null;
        }

        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var fromUtc = practiceClock.DayStartUtc(practiceClock.Today);
        var toUtc = practiceClock.DayStartUtc(practiceClock.Today.AddDays(1));
        // Only what the screen shows is read: tokens, and first name and last initial when names are on.
        var visits = await db.Appointments.AsNoTracking()
            .Where(a => a.StartsAtUtc >= fromUtc && a.StartsAtUtc < toUtc
                && (a.Status == AppointmentStatus.Arrived || a.Status == AppointmentStatus.InProgress) && a.TokenNumber != null)
            .Select(a => new
            {
                a.Id,
                a.StartsAtUtc,
                a.DoctorProfileId,
                DoctorName = a.Doctor!.Membership!.User!.FullName,
                a.ClinicLocationId,
                LocationName = a.ClinicLocation!.Name,
                a.Status,
                a.TokenNumber,
                a.ArrivedAtUtc,
                a.UrgentSinceUtc,
                a.StatusChangedAtUtc,
                Paused = db.Consultations.Any(c => c.AppointmentId == a.Id && c.PausedAtUtc != null),
                FirstName = practice.WaitingDisplayShowsNames ? a.Patient!.FirstName : null,
                LastName = practice.WaitingDisplayShowsNames ? a.Patient!.LastName : null,
            })
            .ToListAsync(cancellationToken);
        var locations = visits.Select(v => v.ClinicLocationId).Distinct().Count();
        var openLocations = await db.ClinicLocations.AsNoTracking().CountAsync(l => l.IsActive, cancellationToken);

        var doctors = visits
            .GroupBy(v => new { v.DoctorProfileId, v.DoctorName, v.ClinicLocationId, v.LocationName })
            .Select(g =>
            {
                var now = g.Where(v => v.Status == AppointmentStatus.InProgress && !v.Paused).OrderByDescending(v => v.StatusChangedAtUtc).FirstOrDefault();
                var waiting = WaitingOrder.Sort(g.Where(v => v.Status == AppointmentStatus.Arrived), v => new WaitingPlace(v.UrgentSinceUtc, v.TokenNumber, v.ArrivedAtUtc, v.StartsAtUtc, v.Id));
                return new WaitingBoardDoctor(g.Key.DoctorProfileId, g.Key.DoctorName, locations > 1 || openLocations > 1 ? g.Key.LocationName : null,
                    now is null ? null : new WaitingBoardToken(AppointmentTokens.Format(now.TokenNumber!.Value), ShortName(now.FirstName, now.LastName)),
                    waiting.Take(NextShown).Select(v => new WaitingBoardToken(AppointmentTokens.Format(v.TokenNumber!.Value), ShortName(v.FirstName, v.LastName))).ToList(),
                    Math.Max(0, waiting.Count - NextShown));
            })
            .OrderBy(d => d.LocationName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(d => d.DoctorName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new WaitingBoard(practice.Name, practiceClock.ToLocal(practiceClock.NowUtc), practice.WaitingDisplayShowsNames, doctors);
    }

    /// <summary>"Ravi K.": enough for a patient to know they are called, not enough to identify them to the room.</summary>
    public static string? ShortName(string? firstName, string? lastName)
    {
        var first = firstName?.Trim();
        if (string.IsNullOrEmpty(first))
        {
            return null;
        }

        var last = lastName?.Trim();
        return string.IsNullOrEmpty(last) ? first : $"{first} {char.ToUpperInvariant(last[0])}.";
    }

    private static Task<Practice> CurrentPracticeAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        return db.Practices.AsNoTracking().SingleAsync(t => t.Id == practiceId, cancellationToken);
    }

    /// <summary>
    /// The practice row, for writing the display's settings in place. They are not part of the settings page's forms,
    /// which carry the practice row's edit version (decision 0005): written through the change tracker they would move
    /// it on, and a letterhead or general form open in another tab would be refused as stale though nobody touched it.
    /// The change's transaction (and its practice lock) still holds the write, with its audit row.
    /// </summary>
    private static IQueryable<Practice> WithoutMovingTheEditVersion(MedicalDbContext db, Guid practiceId) =>
        db.Practices.Where(t => t.Id == practiceId);
}
