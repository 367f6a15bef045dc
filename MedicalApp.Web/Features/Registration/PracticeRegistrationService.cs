using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedicalApp.Data;
using MedicalApp.Data.Dental;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PracticePhoneNumber = MedicalApp.Web.Features.Administration.PracticePhoneNumber;

namespace MedicalApp.Web.Features.Registration;

/// <summary>
/// Self-registration of a practice, in three steps (decision record 0009):
/// <list type="number">
/// <item><see cref="RequestAsync"/>: the form is checked, and the answer is the same whether or not the email has an
/// account ("check your inbox"). A new email gets a one-time confirmation link (valid <see cref="ConfirmationLifetime"/>);
/// an email with an account gets the addresses of its practices instead, and nothing is created.</item>
/// <item><see cref="ConfirmAsync"/>: the link's owner creates the practice. One transaction creates the practice (Trial,
/// 30 days, Trial limits), its registered clinic location, the owner's account and Owner membership, and, when the owner
/// practises, the Doctor role with a doctor profile at that location. Any failure leaves nothing behind.</item>
/// <item><see cref="HandOverAsync"/>: a second one-time token (valid <see cref="HandOverLifetime"/>), reached by a plain
/// link from the root's answer page, signs the owner in on the practice's own address. A GET navigation, never a
/// redirect of the form post: the CSP's <c>form-action 'self'</c> forbids a post's answer to leave the root's origin.</item>
/// </list>
/// Tokens are stored only as SHA-256 hashes, and each works once.
/// </summary>
public sealed class PracticeRegistrationService(
    IServiceScopeFactory scopeFactory,
    TimeProvider clock,
    IDataProtectionProvider protection,
    MailOutbox outbox,
    PracticeAddresses addresses)
{
    private const int MaxSlugAttempts = 20;

    private const string DetailsProtectionPurpose = "MedicalApp.PracticeRegistrationRequest.Details";

    public const string ConfirmationPurpose = "RegistrationConfirmation";

    public const string ExistingAccountPurpose = "RegistrationExistingAccount";

    public const string WelcomePurpose = "RegistrationWelcome";

    /// <summary>How long the mailed confirmation link works.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromHours(24);

    /// <summary>How long the link from the "your practice is ready" page to the practice's address works.</summary>
    public static readonly TimeSpan HandOverLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Creates the practice at once, without a confirmation: what a confirmed request does, and what tests and tools
    /// use to set a practice up. Refuses an email that has an account (which is why no page calls it: that would tell
    /// a stranger which emails have accounts).
    /// </summary>
    public async Task<ChangeResult<RegisteredPractice>> RegisterAsync(PracticeRegistrationForm form, string? ipAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Validate(form) is { Count: > 0 } errors)
        {
            return ChangeResult.Invalid(errors);
        }

        var email = form.OwnerEmail.Trim();
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return ChangeResult.Invalid(nameof(form.OwnerEmail),
                "An account with this email already exists. Sign in on your practice's address, or register with another email.");
        }

        var owner = NewOwner(form, email);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, owner, form.Password);
            if (!check.Succeeded)
            {
                return ChangeResult.Invalid(nameof(form.Password), string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        return await CreateInScopeAsync(scope, form, owner, (manager, user) => manager.CreateAsync(user, form.Password), ipAddress, null, cancellationToken);
    }

    /// <summary>
    /// Step 1: checks the form and answers the same whatever the email: a new email gets a confirmation link, an email
    /// that has an account gets the addresses of its practices (and nothing is created). Only the form's own mistakes
    /// (a weak password, a bad phone number) are answered differently, and they never depend on the email.
    /// </summary>
    public async Task<ChangeResult> RequestAsync(PracticeRegistrationForm form, string? ipAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Validate(form) is { Count: > 0 } errors)
        {
            return ChangeResult.Invalid(errors);
        }

        var email = form.OwnerEmail.Trim();
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var owner = NewOwner(form, email);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, owner, form.Password);
            if (!check.Succeeded)
            {
                return ChangeResult.Invalid(nameof(form.Password), string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        // Hashed whether or not the email has an account, so the answer takes as long either way.
        var passwordHash = users.PasswordHasher.HashPassword(owner, form.Password);
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            await QueueExistingAccountMailAsync(scope.ServiceProvider, db, existing, cancellationToken);
        }
        else
        {
            var (token, hash) = NewToken();
            db.PracticeRegistrationRequests.Add(new PracticeRegistrationRequest
            {
                Email = email,
                TokenHash = hash,
                ProtectedDetails = Protector.Protect(JsonSerializer.Serialize(new PendingDetails(WithoutPasswords(form), passwordHash))),
                CreatedAtUtc = now,
                ExpiresAtUtc = now + ConfirmationLifetime,
            });
            var link = new Uri(addresses.PublicRootUrl(), $"register/confirm?token={token}");
            outbox.QueuePlatform(db, new EmailMessage(email, form.OwnerName.Trim(), $"Confirm the registration of {form.PracticeName.Trim()} on MedicalApp",
                $"Hello {form.OwnerName.Trim()},\n\n" +
                $"To create {form.PracticeName.Trim()} on MedicalApp and start its {PlanCatalog.TrialDays}-day trial, open this link:\n\n{link}\n\n" +
                $"It works once, for {ConfirmationLifetime.TotalHours:0} hours. If you did not ask for this, ignore this message: nothing is " +
                "created without it.\n", ConfirmationPurpose));
        }

        // Unconfirmed requests are kept a day past their expiry (to say "expired" rather than "unknown"), then dropped.
        await db.PracticeRegistrationRequests.Where(r => r.ConfirmedAtUtc == null && r.ExpiresAtUtc < now.AddDays(-1))
            .ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.NotifyQueued();
        return ChangeResult.Done();
    }

    /// <summary>What a confirmation link stands for, for the page that asks to confirm it (a GET changes nothing).</summary>
    public async Task<RegistrationLink> DescribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        var request = await FindByTokenAsync(db, token, cancellationToken);
        if (request is null)
        {
            return RegistrationLink.Invalid;
        }

        if (request.ConfirmedAtUtc is not null)
        {
            return await ConfirmedLinkAsync(db, request, cancellationToken);
        }

        if (request.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime || ReadDetails(request) is not { } details)
        {
            return RegistrationLink.Invalid;
        }

        return new RegistrationLink(RegistrationLinkState.Pending, details.Form.PracticeName, details.Form.OwnerName, request.Email, null);
    }

    /// <summary>
    /// Step 2: the confirmation link's owner creates the practice. The link works once: the request is claimed inside
    /// the creating transaction, so two clicks at once create one practice.
    /// </summary>
    public async Task<RegistrationConfirmation> ConfirmAsync(string? token, string? ipAddress, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var request = await FindByTokenAsync(db, token, cancellationToken);
        if (request is null)
        {
            return new RegistrationConfirmation(RegistrationLink.Invalid, null, null);
        }

        if (request.ConfirmedAtUtc is not null)
        {
            return new RegistrationConfirmation(await ConfirmedLinkAsync(db, request, cancellationToken), null, null);
        }

        if (request.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime || ReadDetails(request) is not { } details)
        {
            return new RegistrationConfirmation(RegistrationLink.Invalid, null, null);
        }

        if (await users.FindByEmailAsync(request.Email) is { } existing)
        {
            // The email got an account meanwhile (another registration link, or staff added it): say where it belongs.
            await QueueExistingAccountMailAsync(scope.ServiceProvider, db, existing, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            outbox.NotifyQueued();
            return new RegistrationConfirmation(new RegistrationLink(RegistrationLinkState.AccountExists, details.Form.PracticeName, details.Form.OwnerName, request.Email, null), null, null);
        }

        var (handOver, handOverHash) = NewToken();
        var owner = NewOwner(details.Form, request.Email);
        var created = await CreateInScopeAsync(scope, details.Form, owner, (userManager, user) =>
        {
            user.PasswordHash = details.PasswordHash;
            user.EmailConfirmed = true;
            return userManager.CreateAsync(user);
        }, ipAddress, new Confirmation(request, handOverHash), cancellationToken);
        if (created.Value is not { } practice)
        {
            // Stale: another click of the same link claimed it first, so the practice exists: say where it is.
            return created.Outcome == ChangeOutcome.Stale
                ? new RegistrationConfirmation(await ConfirmedLinkAsync(db, (await FindByTokenAsync(db, token, cancellationToken))!, cancellationToken), null, null)
                : new RegistrationConfirmation(RegistrationLink.Invalid, null, null);
        }

        var practiceName = details.Form.PracticeName.Trim();
        return new RegistrationConfirmation(
            new RegistrationLink(RegistrationLinkState.Created, practiceName, details.Form.OwnerName, request.Email, addresses.PublicBaseUrl(practice.Slug)),
            practice.Slug, handOver);
    }

    /// <summary>
    /// Step 3, at the practice's own address: the new owner's account when <paramref name="token"/> is a hand-over of
    /// this practice that is unused and not expired (and it is used up now); otherwise null.
    /// </summary>
    public async Task<Guid?> HandOverAsync(string? token, Guid practiceId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        var request = await db.PracticeRegistrationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.HandOverTokenHash == hash, cancellationToken);
        if (request is null || request.TenantId != practiceId || request.UserId is null || request.HandOverUsedAtUtc is not null
            || request.HandOverExpiresAtUtc is not { } expires || expires <= now)
        {
            return null;
        }

        // Used once: of two requests with the same link, only the one that marks it used signs in.
        var claimed = await db.PracticeRegistrationRequests
            .Where(r => r.Id == request.Id && r.HandOverUsedAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HandOverUsedAtUtc, now), cancellationToken);
        return claimed == 1 ? request.UserId : null;
    }

    private sealed record Confirmation(PracticeRegistrationRequest Request, string HandOverHash);

    private sealed record PendingDetails(PracticeRegistrationForm Form, string PasswordHash);

    private IDataProtector Protector => protection.CreateProtector(DetailsProtectionPurpose);

    private PendingDetails? ReadDetails(PracticeRegistrationRequest request)
    {
        try
        {
            return request.ProtectedDetails is { } text ? JsonSerializer.Deserialize<PendingDetails>(Protector.Unprotect(text)) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static PracticeRegistrationForm WithoutPasswords(PracticeRegistrationForm form) => new()
    {
        PracticeName = form.PracticeName.Trim(), PracticePhone = form.PracticePhone, PracticeAddress = form.PracticeAddress.Trim(),
        OwnerName = form.OwnerName.Trim(), OwnerEmail = form.OwnerEmail.Trim(), OwnerPhone = form.OwnerPhone,
        AlsoPractises = form.AlsoPractises, RegistrationNumber = form.RegistrationNumber, Specialization = form.Specialization,
        Qualification = form.Qualification, ExperienceYears = form.ExperienceYears, TypicalHours = form.TypicalHours,
    };

    private static async Task<PracticeRegistrationRequest?> FindByTokenAsync(MedicalDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        return await db.PracticeRegistrationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
    }

    private async Task<RegistrationLink> ConfirmedLinkAsync(MedicalDbContext db, PracticeRegistrationRequest request, CancellationToken cancellationToken)
    {
        var practice = await db.Practices.AsNoTracking().Where(t => t.Id == request.TenantId).Select(t => new { t.Name, t.Slug }).SingleOrDefaultAsync(cancellationToken);
        return practice is null
            ? RegistrationLink.Invalid
            : new RegistrationLink(RegistrationLinkState.AlreadyConfirmed, practice.Name, null, request.Email, addresses.PublicBaseUrl(practice.Slug));
    }

    /// <summary>
    /// Someone registered with an email that has an account: nothing is created, and the account's owner is told,
    /// by mail only, where their practices are (also the way back for an owner whose hand-over did not finish).
    /// </summary>
    private async Task QueueExistingAccountMailAsync(IServiceProvider services, MedicalDbContext db, ApplicationUser user, CancellationToken cancellationToken)
    {
        var practices = await AccountPractices.ListAsync(services.GetRequiredService<PlatformDbContextFactory>(), user.Id, cancellationToken);
        var body = new StringBuilder($"Hello {user.FullName},\n\n");
        body.Append("Someone, perhaps you, asked to register a practice on MedicalApp with this email address. It already has a " +
            "MedicalApp account, so no new practice was created.\n\n");
        AccountPractices.AppendTo(body, practices, addresses);

        body.Append("\nTo register another practice, use another email address. If it was not you, ignore this message.\n");
        outbox.QueuePlatform(db, new EmailMessage(user.Email!, user.FullName, "Your MedicalApp account", body.ToString(), ExistingAccountPurpose));
    }

    /// <summary>
    /// "Your practice is ready": the address staff sign in at (until now shown only deep in settings), where to start,
    /// and how to find the address again. Sent from the platform outbox like the rest of registration's mail.
    /// </summary>
    private void QueueWelcomeMail(MedicalDbContext db, Practice practice, ApplicationUser owner, TypicalHours? hours)
    {
        var address = addresses.PublicBaseUrl(practice.Slug);
        var body = new StringBuilder($"Hello {owner.FullName},\n\n");
        body.Append($"{practice.Name} is registered on MedicalApp, with a {PlanCatalog.TrialDays}-day free trial.\n\n");
        body.Append($"Your practice's own address is:\n\n  {address}\n\n");
        body.Append("Bookmark it: you and your staff sign in there, with your email and password.\n");
        body.Append($"Sign-in page: {new Uri(address, "Account/Login")}\n\n");
        body.Append(hours is { } chosen && chosen != TypicalHours.Later
            ? $"Your consulting hours are set to {TypicalHoursChoices.All.Single(c => c.Value == chosen).Label} at {practice.Name}.\n"
            : "");
        body.Append("The checklist on your home page takes you through the rest of the setup: each doctor's hours, the " +
            "consultation fee, your letterhead and logo, your staff, and a first booking.\n\n");
        body.Append($"Forgot the address later? Open {new Uri(addresses.PublicRootUrl(), "forgot-address")} and we will email it to you.\n");
        outbox.QueuePlatform(db, new EmailMessage(owner.Email!, owner.FullName, $"Welcome to MedicalApp: {practice.Name} is ready", body.ToString(), WelcomePurpose));
    }

    private ApplicationUser NewOwner(PracticeRegistrationForm form, string email) => new()
    {
        UserName = email,
        Email = email,
        FullName = form.OwnerName.Trim(),
        PhoneNumber = IndianMobileNumber.Normalize(form.OwnerPhone),
        CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>A new one-time token (256 random bits, URL-safe) and the SHA-256 that is stored instead of it.</summary>
    internal static (string Token, string Hash) NewToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<ChangeResult<RegisteredPractice>> CreateInScopeAsync(
        AsyncServiceScope scope,
        PracticeRegistrationForm form,
        ApplicationUser owner,
        Func<UserManager<ApplicationUser>, ApplicationUser, Task<IdentityResult>> createOwner,
        string? ipAddress,
        Confirmation? confirmation,
        CancellationToken cancellationToken)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // UserManager saves through this scope's context, so the account joins the same transaction as the practice.
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (confirmation is not null)
            {
                // Claimed first, in this transaction: a second click of the same link waits here, then finds it used.
                var claimed = await db.PracticeRegistrationRequests
                    .Where(r => r.Id == confirmation.Request.Id && r.ConfirmedAtUtc == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.ConfirmedAtUtc, now), cancellationToken);
                if (claimed != 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return ChangeResult.Stale("registration link");
                }
            }

            var practice = await CreatePracticeAsync(db, form, cancellationToken);
            await db.EnterNewPracticeAsync(TenantSnapshot.From(practice), cancellationToken);

            var location = new ClinicLocation
            {
                Name = practice.Name,
                Address = practice.Address!,
                Phone = practice.Phone,
                IsRegisteredLocation = true,
                CreatedAtUtc = now,
            };
            db.ClinicLocations.Add(location);

            var created = await createOwner(users, owner);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                return ChangeResult.Invalid(nameof(form.OwnerEmail), string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            var membership = new PracticeMembership
            {
                UserId = owner.Id,
                Roles = PracticeRoles.Owner | (form.AlsoPractises ? PracticeRoles.Doctor : PracticeRoles.None),
                CreatedAtUtc = now,
            };
            db.PracticeMemberships.Add(membership);
            if (form.AlsoPractises)
            {
                var details = new DoctorDetailsInput
                {
                    RegistrationNumber = form.RegistrationNumber,
                    Specializations = form.Specialization,
                    Qualification = form.Qualification,
                    ExperienceYears = form.ExperienceYears ?? 0,
                };
                var doctor = DoctorProfiles.Create(db, membership, details, now, location);
                TypicalHoursChoices.Apply(form.TypicalHours, doctor, location);
            }

            // The standard shared short keys (FEVER, COLD, …), as the owner's: a practice starts with them, and edits them.
            await StandardShortKeys.AddMissingAsync(db, owner.Id, now, cancellationToken);
            // The standard shared dental note templates (the legacy system gave new practices none).
            await StandardDentalNoteTemplates.AddMissingAsync(db, owner.Id, now, cancellationToken);

            db.SubscriptionChanges.Add(new SubscriptionChange
            {
                FromPlan = PracticePlan.Trial,
                ToPlan = PracticePlan.Trial,
                Description = $"Practice registered; {PlanCatalog.TrialDays}-day trial started",
                ChangedByUserId = owner.Id,
                ChangedByEmail = owner.Email,
                ChangedAtUtc = now,
            });
            db.AuditEvents.Add(new AuditEvent
            {
                UserId = owner.Id,
                UserEmail = owner.Email,
                Action = AuditActions.PracticeRegistered,
                EntityType = nameof(Practice),
                EntityId = practice.Id.ToString(),
                IpAddress = ipAddress,
                OccurredAtUtc = now,
            });
            if (confirmation is not null)
            {
                db.PracticeRegistrationRequests.Attach(confirmation.Request);
                confirmation.Request.ConfirmedAtUtc = now;
                confirmation.Request.ProtectedDetails = null;
                confirmation.Request.TenantId = practice.Id;
                confirmation.Request.UserId = owner.Id;
                confirmation.Request.HandOverTokenHash = confirmation.HandOverHash;
                confirmation.Request.HandOverExpiresAtUtc = now + HandOverLifetime;
            }

            // The welcome mail, with the practice's own address: committed with the practice, so one never exists without the other.
            QueueWelcomeMail(db, practice, owner, form.AlsoPractises ? form.TypicalHours : null);

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.NotifyQueued();
            return ChangeResult<RegisteredPractice>.Done(new RegisteredPractice(practice.Slug, owner.Id));
        }
    }

    /// <summary>
    /// Adds the practice row under the first free slug derived from its name. The unique index is the last word:
    /// two registrations of the same name at once make the second take the next suffix.
    /// </summary>
    private async Task<Practice> CreatePracticeAsync(MedicalDbContext db, PracticeRegistrationForm form, CancellationToken cancellationToken)
    {
        var baseSlug = PracticeSlug.FromName(form.PracticeName);
        // Addresses in use, then addresses practices moved away from (which keep leading to them).
        var taken = await db.Practices.Where(t => t.Slug == baseSlug || t.Slug.StartsWith(baseSlug + "-"))
            .Select(t => t.Slug).ToListAsync(cancellationToken);
        taken.AddRange(await db.FormerPracticeAddresses.Where(a => a.Slug == baseSlug || a.Slug.StartsWith(baseSlug + "-"))
            .Select(a => a.Slug).ToListAsync(cancellationToken));
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 1; attempt <= MaxSlugAttempts; attempt++)
        {
            var slug = attempt == 1 ? baseSlug : PracticeSlug.WithSuffix(baseSlug, attempt);
            if (taken.Contains(slug))
            {
                continue;
            }

            var practice = new Practice
            {
                Name = form.PracticeName.Trim(),
                Slug = slug,
                Plan = PracticePlan.Trial,
                Status = PracticeStatus.Active,
                TrialEndsAtUtc = now.AddDays(PlanCatalog.TrialDays),
                Limits = PlanCatalog.Trial.CreateLimits(),
                Phone = PhoneForStorage(form.PracticePhone),
                Address = form.PracticeAddress.Trim(),
                Settings = new PracticeSettings { LetterheadAddress = form.PracticeAddress.Trim(), LetterheadPhone = PhoneForStorage(form.PracticePhone) },
                CreatedAtUtc = now,
            };
            db.Practices.Add(practice);
            try
            {
                // Inside a transaction EF saves behind a savepoint, so a slug taken a moment ago by someone else
                // leaves the transaction usable for the next attempt.
                await db.SaveChangesAsync(cancellationToken);
                return practice;
            }
            catch (DbUpdateException) when (attempt < MaxSlugAttempts)
            {
                db.Entry(practice).State = EntityState.Detached;
                taken.Add(slug);
            }
        }

        throw new InvalidOperationException("No free address could be found for this practice name.");
    }

    private static string? PhoneForStorage(string phone) => PracticePhoneNumber.TryNormalize(phone, out var stored) ? stored : null;

    public static Dictionary<string, string> Validate(PracticeRegistrationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var context = new System.ComponentModel.DataAnnotations.ValidationContext(form);
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(form, context, results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                errors.TryAdd(member, result.ErrorMessage ?? "Check this field.");
            }
        }

        if (!errors.ContainsKey(nameof(form.PracticeName)) && PracticeSlug.FromName(form.PracticeName) == "practice"
            && !form.PracticeName.Any(char.IsLetterOrDigit))
        {
            errors[nameof(form.PracticeName)] = "The practice's name needs at least some letters or digits.";
        }

        // The practice's phone follows the rule of settings and locations (a mobile or a landline with its area code:
        // "020 2553 1234" is a clinic's number); the owner's own phone below must be a mobile.
        if (!errors.ContainsKey(nameof(form.PracticePhone)) && PracticePhoneNumber.Error(form.PracticePhone) is { } phoneError)
        {
            errors[nameof(form.PracticePhone)] = phoneError;
        }

        if (!errors.ContainsKey(nameof(form.OwnerPhone)) && IndianMobileNumber.Normalize(form.OwnerPhone) is null)
        {
            errors[nameof(form.OwnerPhone)] = IndianMobileNumber.ErrorMessage;
        }

        // The owner who also practises becomes a doctor of the practice: the same rule as every other doctor's details.
        if (form.AlsoPractises)
        {
            if (DoctorProfileRules.RegistrationNumberError(form.RegistrationNumber) is { } numberError)
            {
                errors[nameof(form.RegistrationNumber)] = numberError;
            }

            if (DoctorProfileRules.SpecializationsError(DoctorProfileRules.SplitSpecializations(form.Specialization)) is { } specializationError)
            {
                errors[nameof(form.Specialization)] = specializationError;
            }
        }

        return errors;
    }
}
