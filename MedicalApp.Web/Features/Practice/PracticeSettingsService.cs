using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Files;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Practice;

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

/// <summary>The current logo's bytes for the logo endpoint; the caller disposes the stream.</summary>
public sealed record LogoContent(Stream Content, string ContentType, Guid FileId);

/// <summary>
/// The practice's own settings: name, time zone, letterhead, logo and address (slug). The practice row is global,
/// not tenant-owned, so the save-time read-only guard does not see it: every change here checks the trial itself.
/// </summary>
public sealed class PracticeSettingsService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PlanLimitService planLimits,
    FileStore fileStore,
    PracticeDirectory directory,
    AuditTrail auditTrail,
    TimeProvider clock,
    ILogger<PracticeSettingsService> logger)
{
    public const string SlugTakenMessage = "Another practice already uses this address. Choose another.";

    public const string SameSlugMessage = "This is already the practice's address.";

    public const string MfaOwnerOnlyMessage = "Only the practice owner can change who must use two-factor sign-in.";

    public const string MfaOwnerFirstMessage =
        "Turn on two-factor sign-in for your own account first (My profile → Two-factor sign-in), then require it for others.";

    public async Task<PracticeSettingsView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageSettings, cancellationToken: cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == db.CurrentTenantId, cancellationToken);
        var logo = tenant.Settings.LogoFileId is { } logoId
            ? await db.StoredFiles.AsNoTracking().Where(f => f.Id == logoId)
                .Select(f => new PracticeLogo(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.CreatedAtUtc))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return new PracticeSettingsView(
            tenant.Id, tenant.Name, tenant.Slug, tenant.TimeZoneId, tenant.Settings.Currency, tenant.Phone, tenant.Address,
            tenant.Settings.LetterheadAddress, tenant.Settings.LetterheadPhone, tenant.Settings.LetterheadEmail,
            tenant.Settings.RegistrationLine, logo, IsReadOnly(tenant), tenant.Version);
    }

    public async Task UpdateGeneralAsync(GeneralSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageSettings, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        PracticeSettingsRules.Validate(input);
        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var tenant = await LoadForEditAsync(db, input.Version, cancellationToken);

        var changes = new List<string>();
        var name = input.Name!.Trim();
        if (tenant.Name != name)
        {
            changes.Add($"name from “{tenant.Name}” to “{name}”");
            tenant.Name = name;
        }

        var timeZone = input.TimeZoneId!.Trim();
        if (tenant.TimeZoneId != timeZone)
        {
            changes.Add($"time zone from {tenant.TimeZoneId} to {timeZone}");
            tenant.TimeZoneId = timeZone;
        }

        if (changes.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        // The resolver caches the practice (name and time zone included) for a few seconds.
        directory.Invalidate(tenant.Slug);
        await RecordAsync(AuditActions.PracticeSettingsChanged, actor, tenant.Id, "Changed " + string.Join("; ", changes) + ".", cancellationToken);
    }

    public async Task UpdateLetterheadAsync(LetterheadInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageSettings, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        PracticeSettingsRules.Validate(input);
        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var tenant = await LoadForEditAsync(db, input.Version, cancellationToken);

        PracticePhoneNumber.TryNormalize(input.Phone, out var phone);
        var settings = tenant.Settings;
        var changes = new List<string>();
        Set(settings.LetterheadAddress, Clean(input.Address), v => settings.LetterheadAddress = v, "address", changes);
        Set(settings.LetterheadPhone, phone, v => settings.LetterheadPhone = v, "phone", changes);
        Set(settings.LetterheadEmail, Clean(input.Email), v => settings.LetterheadEmail = v, "email", changes);
        Set(settings.RegistrationLine, Clean(input.RegistrationLine), v => settings.RegistrationLine = v, "registration line", changes);
        if (changes.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await RecordAsync(AuditActions.PracticeSettingsChanged, actor, tenant.Id, "Changed the letterhead " + string.Join(", ", changes) + ".", cancellationToken);
    }

    public async Task<SignInSecurityView> GetSignInSecurityAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ManageSettings, cancellationToken: cancellationToken);
        var required = await db.Tenants.AsNoTracking().Where(t => t.Id == db.CurrentTenantId)
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
    public async Task SetMfaRequirementAsync(bool required, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.RequireTwoFactorSignIn, MfaOwnerOnlyMessage, cancellationToken);
        if (required && !await db.Users.AnyAsync(u => u.Id == actor.UserId && u.TwoFactorEnabled, cancellationToken))
        {
            throw new PracticeAdminRefusedException(MfaOwnerFirstMessage);
        }

        var practiceId = db.RequirePracticeId();
        // One conditional statement: nothing changes (nor is recorded) when the switch already stands so, and the
        // settings' Version stays, so a settings form open elsewhere is not made stale by an unrelated switch.
        var changed = await db.Tenants.Where(t => t.Id == practiceId && t.RequireMfaForAdministrators != required)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RequireMfaForAdministrators, required), cancellationToken);
        if (changed == 0)
        {
            return;
        }

        // The resolver's cached practice carries the requirement to the sign-in gate.
        directory.Invalidate(await db.Tenants.Where(t => t.Id == practiceId).Select(t => t.Slug).SingleAsync(cancellationToken));
        await RecordAsync(AuditActions.MfaRequirementChanged, actor, practiceId,
            required ? "Required two-factor sign-in for owners and administrators." : "Stopped requiring two-factor sign-in for owners and administrators.",
            cancellationToken);
    }

    /// <summary>
    /// Moves the practice to a new address. Owner only. The sign-in cookie belongs to the old address, so the owner
    /// signs in again at the new one; the page says so before confirming.
    /// </summary>
    /// <returns>The new slug as stored.</returns>
    public async Task<string> ChangeSlugAsync(string? newSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ChangePracticeAddress, PracticeAdministrators.OwnerOnly, cancellationToken);
        if (PracticeSettingsRules.SlugError(newSlug) is { } error)
        {
            throw new PracticeAdminValidationException("Slug", error);
        }

        var slug = PracticeSettingsRules.NormalizeSlug(newSlug);
        var tenant = await LoadWritableAsync(db, cancellationToken);
        if (tenant.Slug == slug)
        {
            throw new PracticeAdminValidationException("Slug", SameSlugMessage);
        }

        // Practices and their former addresses are global rows: this sees every practice's, as it must. Practices
        // first: a move committing between the two reads then shows up in the second.
        if (await db.Tenants.AnyAsync(t => t.Slug == slug && t.Id != tenant.Id, cancellationToken)
            || await db.FormerPracticeAddresses.AnyAsync(a => a.Slug == slug && a.TenantId != tenant.Id, cancellationToken))
        {
            throw new PracticeAdminValidationException("Slug", SlugTakenMessage);
        }

        var oldSlug = tenant.Slug;
        tenant.Slug = slug;
        // The old address keeps leading here; moving back to an address of our own past frees it again.
        db.FormerPracticeAddresses.RemoveRange(await db.FormerPracticeAddresses.Where(a => a.Slug == slug).ToListAsync(cancellationToken));
        db.FormerPracticeAddresses.Add(new FormerPracticeAddress { Slug = oldSlug, TenantId = tenant.Id, RetiredAtUtc = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another practice took it between the check and the save, and the unique index refused ours.
            if (await SlugTakenAsync(slug, tenant.Id, cancellationToken))
            {
                throw new PracticeAdminValidationException("Slug", SlugTakenMessage);
            }

            throw;
        }

        directory.Invalidate(oldSlug);
        directory.Invalidate(slug);
        await RecordAsync(AuditActions.PracticeAddressChanged, actor, tenant.Id, $"Changed the practice's address from “{oldSlug}” to “{slug}”.", cancellationToken);
        return slug;
    }

    /// <summary>
    /// Stores a new logo (PNG, JPEG or WebP by content, at most 2 MB) in the file store and points the practice at it;
    /// the previous logo's row goes in the same transaction and its file after the commit. The logo's bytes count
    /// against the storage limit, checked under the practice row lock.
    /// </summary>
    public async Task<PracticeLogo> UploadLogoAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceId = db.RequirePracticeId();
        var actor = await actors.RequireAsync(db, PracticePermission.ManageSettings, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        await db.EnsurePracticeWritableAsync(cancellationToken);

        var bytes = await ReadAtMostAsync(content, LogoImage.MaxBytes + 1, cancellationToken);
        if (bytes.Length > LogoImage.MaxBytes)
        {
            throw new PracticeAdminValidationException("Logo", LogoImage.TooLargeMessage(content.CanSeek ? content.Length : bytes.Length));
        }

        var format = LogoImage.Detect(bytes) ?? throw new PracticeAdminValidationException("Logo", LogoImage.WrongFormatMessage);
        var storageKey = $"logo/{Guid.NewGuid()}.{format.Extension}";
        await using (var stored = new MemoryStream(bytes, writable: false))
        {
            await fileStore.SaveAsync(practiceId, storageKey, stored, cancellationToken);
        }

        StoredFile logo;
        StoredFile? previous;
        try
        {
            // Lock the practice row before reading the current logo, so two uploads at once replace one another in turn.
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var tenant = await db.Tenants.SingleAsync(t => t.Id == db.CurrentTenantId, cancellationToken);
            previous = tenant.Settings.LogoFileId is { } previousId
                ? await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == previousId, cancellationToken)
                : null;
            // The replaced logo's bytes are freed in the same transaction, so only the difference needs room.
            await planLimits.EnsureRoomForAsync(db, LimitedResource.StorageBytes, bytes.Length - (previous?.SizeBytes ?? 0), cancellationToken);

            logo = new StoredFile
            {
                Purpose = StoredFilePurpose.Logo,
                FileName = DisplayName(fileName, format),
                ContentType = format.ContentType,
                SizeBytes = bytes.Length,
                StorageKey = storageKey,
                CreatedByUserId = actor.UserId,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.StoredFiles.Add(logo);
            if (previous is not null)
            {
                db.StoredFiles.Remove(previous);
            }

            tenant.Settings.LogoFileId = logo.Id;
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch
        {
            // Nothing points at the new file: do not leave it behind.
            DeleteQuietly(practiceId, storageKey);
            throw;
        }

        if (previous is not null)
        {
            DeleteQuietly(practiceId, previous.StorageKey);
        }

        await RecordAsync(AuditActions.PracticeLogoChanged, actor, practiceId,
            $"Uploaded the logo “{logo.FileName}” ({logo.ContentType}, {PlanLimitService.FormatBytes(logo.SizeBytes)})" +
            (previous is null ? "." : $", replacing “{previous.FileName}”."), cancellationToken);
        return new PracticeLogo(logo.Id, logo.FileName, logo.ContentType, logo.SizeBytes, logo.CreatedAtUtc);
    }

    public async Task RemoveLogoAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceId = db.RequirePracticeId();
        var actor = await actors.RequireAsync(db, PracticePermission.ManageSettings, PracticeAdministrators.AdministratorsOnly, cancellationToken);
        await db.EnsurePracticeWritableAsync(cancellationToken);

        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == db.CurrentTenantId, cancellationToken);
        if (tenant.Settings.LogoFileId is not { } logoId)
        {
            return;
        }

        var logo = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == logoId, cancellationToken);
        if (logo is not null)
        {
            db.StoredFiles.Remove(logo);
        }

        tenant.Settings.LogoFileId = null;
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);

        if (logo is not null)
        {
            DeleteQuietly(practiceId, logo.StorageKey);
        }

        await RecordAsync(AuditActions.PracticeLogoRemoved, actor, practiceId, $"Removed the logo “{logo?.FileName}”.", cancellationToken);
    }

    /// <summary>The current practice's logo for the logo endpoint, or null when it has none.</summary>
    public async Task<LogoContent?> OpenLogoAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.CurrentTenantId is not { } practiceId || await actors.ReadAsync(db, cancellationToken) is null)
        {
            return null;
        }

        var logoId = await db.Tenants.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => t.Settings.LogoFileId).SingleOrDefaultAsync(cancellationToken);
        var file = logoId is null
            ? null
            : await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == logoId && f.Purpose == StoredFilePurpose.Logo, cancellationToken);
        return file is not null && fileStore.OpenRead(practiceId, file.StorageKey) is { } stream
            ? new LogoContent(stream, file.ContentType, file.Id)
            : null;
    }

    private bool IsReadOnly(Tenant tenant) => PracticeAccess.IsReadOnly(tenant.Plan, tenant.TrialEndsAtUtc, clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The practice row for a settings form's save (the caller holds the practice lock), refused when read-only or
    /// when it changed after the form was filled (<paramref name="versionSeen"/>).
    /// </summary>
    private async Task<Tenant> LoadForEditAsync(MedicalDbContext db, int? versionSeen, CancellationToken cancellationToken)
    {
        var tenant = await LoadWritableAsync(db, cancellationToken);
        return StaleEdit.IsStale(versionSeen, tenant) ? throw new PracticeAdminRefusedException(StaleEdit.Message("practice's settings")) : tenant;
    }

    private async Task<Tenant> LoadWritableAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleAsync(t => t.Id == db.CurrentTenantId, cancellationToken);
        return IsReadOnly(tenant) ? throw new PracticeReadOnlyException() : tenant;
    }

    private async Task<bool> SlugTakenAsync(string slug, Guid practiceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AnyAsync(t => t.Slug == slug && t.Id != practiceId, cancellationToken)
            || await db.FormerPracticeAddresses.AnyAsync(a => a.Slug == slug && a.TenantId != practiceId, cancellationToken);
    }

    // Reads one byte past the limit at most: enough to know a file is too large without holding all of it.
    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit
               && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string DisplayName(string? fileName, LogoImageFormat format)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length == 0)
        {
            return $"logo.{format.Extension}";
        }

        return name.Length <= 255 ? name : name[..255];
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

    private void DeleteQuietly(Guid practiceId, string storageKey)
    {
        try
        {
            fileStore.Delete(practiceId, storageKey);
        }
        catch (IOException exception)
        {
            // An unreferenced file only wastes disk; the change itself has succeeded.
            logger.LogWarning(exception, "Could not delete the stored file {StorageKey} of practice {PracticeId}.", storageKey, practiceId);
        }
    }

    private Task RecordAsync(string action, PracticeActor actor, Guid practiceId, string details, CancellationToken cancellationToken) =>
        auditTrail.RecordAsync(actor.Entry(action, nameof(Tenant), practiceId.ToString(), details), cancellationToken);
}
