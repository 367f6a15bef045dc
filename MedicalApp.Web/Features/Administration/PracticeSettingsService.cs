using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Files;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Administration;

public sealed record PracticeLogo(Guid FileId, string FileName, string ContentType, long SizeBytes, DateTime UploadedAtUtc);

/// <summary>Everything the settings page shows about the practice.</summary>
public sealed record PracticeSettingsView(
    Guid Id,
    string Name,
    string Slug,
    string TimeZoneId,
    string Currency,
    string? RegisteredPhone,
    string? RegisteredAddress,
    string? LetterheadAddress,
    string? LetterheadPhone,
    string? LetterheadEmail,
    string? RegistrationLine,
    PracticeLogo? Logo,
    bool IsReadOnly,
    int Version);

/// <summary>The practice's sign-in security as the settings page shows it to one member.</summary>
/// <param name="RequireMfaForAdministrators">Owners and administrators must sign in with an authenticator app.</param>
/// <param name="YouHaveAuthenticator">The member looking has two-factor sign-in on (the owner needs it to require it).</param>
public sealed record SignInSecurityView(bool RequireMfaForAdministrators, bool YouHaveAuthenticator);

/// <summary>
/// The practice's own settings: name, time zone, letterhead, logo and address (slug). The practice row is global,
/// not tenant-owned, so the save-time read-only guard does not see it: the change frame's read-only check does.
/// </summary>
public sealed class PracticeSettingsService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    PracticeImages images,
    PracticeDirectory directory,
    TimeProvider clock)
{
    /// <summary>The field names a refusal of the address or the logo is keyed by.</summary>
    public const string SlugField = "Slug";

    public const string LogoField = "Logo";

    private const string SettingsRecord = "practice's settings";

    private static readonly ChangeRule ManageSettings = new(PracticePermission.ManageSettings, PracticeAdministrators.AdministratorsOnly);

    public const string SlugTakenMessage = "Another practice already uses this address. Choose another.";

    public const string SameSlugMessage = "This is already the practice's address.";

    public const string MfaOwnerOnlyMessage = "Only the practice owner can change who must use two-factor sign-in.";

    public const string MfaOwnerFirstMessage =
        "Turn on two-factor sign-in for your own account first (My profile → Two-factor sign-in), then require it for others.";

    public async Task<PracticeSettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageSettings, cancellationToken: cancellationToken);
        var practice = await db.Practices.AsNoTracking().SingleAsync(t => t.Id == db.CurrentTenantId, cancellationToken);
        var logo = practice.Settings.LogoFileId is { } logoId
            ? await db.StoredFiles.AsNoTracking().Where(f => f.Id == logoId)
                .Select(f => new PracticeLogo(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.CreatedAtUtc))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return new PracticeSettingsView(
            practice.Id, practice.Name, practice.Slug, practice.TimeZoneId, practice.Settings.Currency, practice.Phone, practice.Address,
            practice.Settings.LetterheadAddress, practice.Settings.LetterheadPhone, practice.Settings.LetterheadEmail,
            practice.Settings.RegistrationLine, logo, IsReadOnly(practice), practice.Version);
    }

    public Task<ChangeResult> UpdateGeneralAsync(GeneralSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return EditFormAsync(PracticeSettingsRules.Check(input), input.Version, (change, practice) =>
        {
            var changed = new List<string>();
            var name = input.Name!.Trim();
            if (practice.Name != name)
            {
                changed.Add($"name from “{practice.Name}” to “{name}”");
                practice.Name = name;
            }

            var timeZone = input.TimeZoneId!.Trim();
            if (practice.TimeZoneId != timeZone)
            {
                changed.Add($"time zone from {practice.TimeZoneId} to {timeZone}");
                practice.TimeZoneId = timeZone;
            }

            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            // The resolver caches the practice (name and time zone included) for a few seconds.
            change.AfterCommit(() => directory.Invalidate(practice.Slug));
            change.Audit(AuditActions.PracticeSettingsChanged, nameof(Practice), practice.Id, "Changed " + string.Join("; ", changed) + ".");
            return ChangeResult.Done("Settings saved.");
        }, cancellationToken);
    }

    public Task<ChangeResult> UpdateLetterheadAsync(LetterheadInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return EditFormAsync(PracticeSettingsRules.Check(input), input.Version, (change, practice) =>
        {
            PracticePhoneNumber.TryNormalize(input.Phone, out var phone);
            var settings = practice.Settings;
            var changed = new List<string>();
            Set(settings.LetterheadAddress, Clean(input.Address), v => settings.LetterheadAddress = v, "address", changed);
            Set(settings.LetterheadPhone, phone, v => settings.LetterheadPhone = v, "phone", changed);
            Set(settings.LetterheadEmail, Clean(input.Email), v => settings.LetterheadEmail = v, "email", changed);
            Set(settings.RegistrationLine, Clean(input.RegistrationLine), v => settings.RegistrationLine = v, "registration line", changed);
            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            change.Audit(AuditActions.PracticeSettingsChanged, nameof(Practice), practice.Id, "Changed the letterhead " + string.Join(", ", changed) + ".");
            return ChangeResult.Done("Letterhead saved.");
        }, cancellationToken);
    }

    public async Task<SignInSecurityView> GetSignInSecurityAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageSettings, cancellationToken: cancellationToken);
        var required = await db.Practices.AsNoTracking().Where(t => t.Id == db.CurrentTenantId)
            .Select(t => t.RequireMfaForAdministrators).SingleAsync(cancellationToken);
        var enrolled = await db.Users.AsNoTracking().AnyAsync(u => u.Id == actor.UserId && u.TwoFactorEnabled, cancellationToken);
        return new SignInSecurityView(required, enrolled);
    }

    /// <summary>
    /// Requires (or stops requiring) two-factor sign-in for the practice's owners and administrators. Owner only, and
    /// the owner must use it first, as GitHub asks of organisation owners: requiring it must not send the owner away
    /// from the settings page to set it up. Allowed in a read-only practice too: protecting the records is never
    /// blocked by the plan. Members concerned are sent to set it up at their next page load (their open pages lose
    /// their sign-in within a minute).
    /// </summary>
    public Task<ChangeResult> SetMfaRequirementAsync(bool required, CancellationToken cancellationToken = default) =>
        changes.RunAsync(new ChangeRule(PracticePermission.RequireTwoFactorSignIn, MfaOwnerOnlyMessage) { AllowedWhenReadOnly = true }, async change =>
        {
            if (required && !await change.Db.Users.AnyAsync(u => u.Id == change.Actor.UserId && u.TwoFactorEnabled, cancellationToken))
            {
                return ChangeResult.Refused(MfaOwnerFirstMessage);
            }

            // One conditional statement: nothing changes (nor is recorded) when the switch already stands so, and the
            // settings' Version stays, so a settings form open elsewhere is not made stale by an unrelated switch.
            var practiceId = change.Db.RequirePracticeId();
            var switched = await change.Db.Practices.Where(t => t.Id == practiceId && t.RequireMfaForAdministrators != required)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RequireMfaForAdministrators, required), cancellationToken);
            if (switched == 0)
            {
                return ChangeResult.Unchanged();
            }

            // The resolver's cached practice carries the requirement to the sign-in gate.
            var slug = await change.Db.Practices.Where(t => t.Id == practiceId).Select(t => t.Slug).SingleAsync(cancellationToken);
            change.AfterCommit(() => directory.Invalidate(slug));
            change.Audit(AuditActions.MfaRequirementChanged, nameof(Practice), practiceId,
                required ? "Required two-factor sign-in for owners and administrators." : "Stopped requiring two-factor sign-in for owners and administrators.");
            return ChangeResult.Done(required
                ? "Two-factor sign-in is now required for owners and administrators."
                : "Two-factor sign-in is no longer required.");
        }, cancellationToken);

    /// <summary>
    /// Moves the practice to a new address. Owner only. The sign-in cookie belongs to the old address, so the owner
    /// signs in again at the new one; the page says so before confirming.
    /// </summary>
    /// <returns>The new slug as stored.</returns>
    public async Task<ChangeResult<string>> ChangeSlugAsync(string? newSlug, CancellationToken cancellationToken = default)
    {
        var rule = new ChangeRule(PracticePermission.ChangePracticeAddress, PracticeAdministrators.OwnerOnly);
        var slug = PracticeSettingsRules.NormalizeSlug(newSlug);
        try
        {
            return await changes.RunAsync<string>(rule, async change =>
            {
                if (PracticeSettingsRules.SlugError(newSlug) is { } error)
                {
                    return ChangeResult.Invalid(SlugField, error);
                }

                var practice = await CurrentPracticeAsync(change.Db, cancellationToken);
                if (practice.Slug == slug)
                {
                    return ChangeResult.Invalid(SlugField, SameSlugMessage);
                }

                // Practices and their former addresses are global rows: this sees every practice's, as it must.
                if (await SlugTakenAsync(change.Db, slug, practice.Id, cancellationToken))
                {
                    return ChangeResult.Invalid(SlugField, SlugTakenMessage);
                }

                var oldSlug = practice.Slug;
                practice.Slug = slug;
                // The old address keeps leading here; moving back to an address of our own past frees it again.
                change.Db.FormerPracticeAddresses.RemoveRange(
                    await change.Db.FormerPracticeAddresses.Where(a => a.Slug == slug).ToListAsync(cancellationToken));
                change.Db.FormerPracticeAddresses.Add(new FormerPracticeAddress { Slug = oldSlug, TenantId = practice.Id, RetiredAtUtc = change.NowUtc });
                change.AfterCommit(() =>
                {
                    directory.Invalidate(oldSlug);
                    directory.Invalidate(slug);
                });
                change.Audit(AuditActions.PracticeAddressChanged, nameof(Practice), practice.Id, $"Changed the practice's address from “{oldSlug}” to “{slug}”.");
                return ChangeResult<string>.Done(slug);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another practice took it between the check and the save, and the unique index refused ours.
            if (await SlugTakenByAnotherAsync(slug, cancellationToken))
            {
                return ChangeResult.Invalid(SlugField, SlugTakenMessage);
            }

            throw;
        }
    }

    /// <summary>
    /// Stores a new logo (PNG, JPEG or WebP by content, at most 2 MB) in the file store and points the practice at it;
    /// the previous logo's row goes in the same transaction and its file after the commit. The logo's bytes count
    /// against the storage limit, checked under the practice row lock.
    /// </summary>
    public async Task<ChangeResult<PracticeLogo>> UploadLogoAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        var (image, error) = await PracticeImages.ReadAsync(content, fileName, LogoImage.Kind, cancellationToken);
        if (image is null)
        {
            return ChangeResult.Invalid(LogoField, error!);
        }

        return await changes.RunAsync<PracticeLogo>(ManageSettings, async change =>
        {
            // The frame holds the practice lock: two uploads at once replace one another in turn.
            var practice = await CurrentPracticeAsync(change.Db, cancellationToken);
            var (logo, previous) = await images.ReplaceAsync(change, image, StoredFilePurpose.Logo, practice.Settings.LogoFileId, cancellationToken);
            practice.Settings.LogoFileId = logo.Id;
            change.Audit(AuditActions.PracticeLogoChanged, nameof(Practice), practice.Id,
                $"Uploaded the logo “{logo.FileName}” ({logo.ContentType}, {PlanLimitService.FormatBytes(logo.SizeBytes)})" +
                (previous is null ? "." : $", replacing “{previous.FileName}”."));
            return ChangeResult<PracticeLogo>.Done(
                new PracticeLogo(logo.Id, logo.FileName, logo.ContentType, logo.SizeBytes, logo.CreatedAtUtc), "Logo uploaded.");
        }, cancellationToken);
    }

    public Task<ChangeResult> RemoveLogoAsync(CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManageSettings, async change =>
        {
            var practice = await CurrentPracticeAsync(change.Db, cancellationToken);
            if (practice.Settings.LogoFileId is not { } logoId)
            {
                return ChangeResult.Unchanged();
            }

            var logo = await images.RemoveAsync(change, logoId, cancellationToken);
            practice.Settings.LogoFileId = null;
            change.Audit(AuditActions.PracticeLogoRemoved, nameof(Practice), practice.Id, $"Removed the logo “{logo?.FileName}”.");
            return ChangeResult.Done("Logo removed.");
        }, cancellationToken);

    /// <summary>The current practice's logo for the logo endpoint, or null when it has none.</summary>
    public async Task<StoredImageContent?> OpenLogoAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.CurrentTenantId is not { } practiceId || await actors.ReadAsync(db, cancellationToken) is null)
        {
            return null;
        }

        var logoId = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => t.Settings.LogoFileId).SingleOrDefaultAsync(cancellationToken);
        return await images.OpenAsync(db, logoId, StoredFilePurpose.Logo, cancellationToken);
    }

    private bool IsReadOnly(Practice practice) => PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// A settings form's save: refused when its input is invalid or the practice changed after the form was filled
    /// (<paramref name="versionSeen"/>), else <paramref name="edit"/> applied to the practice row.
    /// </summary>
    private Task<ChangeResult> EditFormAsync(
        ChangeResult? invalid, int? versionSeen, Func<PracticeChange, Practice, ChangeResult> edit, CancellationToken cancellationToken) =>
        changes.RunAsync(ManageSettings, async change =>
        {
            if (invalid is not null)
            {
                return invalid;
            }

            var practice = await CurrentPracticeAsync(change.Db, cancellationToken);
            return StaleEdit.IsStale(versionSeen, practice) ? ChangeResult.Stale(SettingsRecord) : edit(change, practice);
        }, cancellationToken);

    /// <summary>The practice row, tracked, inside the change (the frame holds its lock).</summary>
    private static Task<Practice> CurrentPracticeAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        return db.Practices.SingleAsync(t => t.Id == practiceId, cancellationToken);
    }

    private static async Task<bool> SlugTakenAsync(MedicalDbContext db, string slug, Guid practiceId, CancellationToken cancellationToken) =>
        // Practices first: a move committing between the two reads then shows up in the second.
        await db.Practices.AnyAsync(t => t.Slug == slug && t.Id != practiceId, cancellationToken)
        || await db.FormerPracticeAddresses.AnyAsync(a => a.Slug == slug && a.TenantId != practiceId, cancellationToken);

    private async Task<bool> SlugTakenByAnotherAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await SlugTakenAsync(db, slug, db.RequirePracticeId(), cancellationToken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Set(string? current, string? next, Action<string?> set, string field, List<string> changes)
    {
        if (!string.Equals(current, next, StringComparison.Ordinal))
        {
            set(next);
            changes.Add(field);
        }
    }
}
