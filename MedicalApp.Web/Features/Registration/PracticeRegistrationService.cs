using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Registration;

/// <summary>
/// Self-registration of a practice. One transaction creates the practice (Trial, 30 days, Trial limits), its
/// registered clinic location, the owner's account and Owner membership, and, when the owner practises, the Doctor
/// role with a doctor profile at that location. Any failure leaves nothing behind.
/// </summary>
public sealed class PracticeRegistrationService(IServiceScopeFactory scopeFactory, TimeProvider clock)
{
    private const int MaxSlugAttempts = 20;

    /// <summary>Test hook: throws after the given step so tests can prove nothing is left half-written.</summary>
    internal Action<string>? FailAfterStep { get; set; }

    public async Task<RegistrationResult> RegisterAsync(PracticeRegistrationForm form, string? ipAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return new RegistrationResult(null, null, errors);
        }

        var email = form.OwnerEmail.Trim();
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return RegistrationResult.Failed(nameof(form.OwnerEmail),
                "An account with this email already exists. Sign in on your practice's address, or register with another email.");
        }

        var owner = new ApplicationUser
        {
            UserName = email,
            Email = email,
            FullName = form.OwnerName.Trim(),
            PhoneNumber = IndianMobileNumber.Normalize(form.OwnerPhone),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, owner, form.Password);
            if (!check.Succeeded)
            {
                return RegistrationResult.Failed(nameof(form.Password), string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        // UserManager saves through this scope's context, so the account joins the same transaction as the practice.
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var practice = await CreatePracticeAsync(db, form, cancellationToken);
            await db.EnterNewPracticeAsync(TenantSnapshot.From(practice), cancellationToken);
            Step("practice");

            var now = clock.GetUtcNow().UtcDateTime;
            var location = new ClinicLocation
            {
                Name = practice.Name,
                Address = practice.Address!,
                Phone = practice.Phone,
                IsRegisteredLocation = true,
                CreatedAtUtc = now,
            };
            db.ClinicLocations.Add(location);

            var created = await users.CreateAsync(owner, form.Password);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                return RegistrationResult.Failed(nameof(form.OwnerEmail), string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            Step("owner");
            var membership = new TenantMembership
            {
                UserId = owner.Id,
                Roles = PracticeRoles.Owner | (form.AlsoPractises ? PracticeRoles.Doctor : PracticeRoles.None),
                CreatedAtUtc = now,
            };
            db.TenantMemberships.Add(membership);
            if (form.AlsoPractises)
            {
                var doctor = new DoctorProfile
                {
                    Membership = membership,
                    RegistrationNumber = form.RegistrationNumber!.Trim().ToUpperInvariant(),
                    Specializations = [form.Specialization!.Trim()],
                    Qualification = string.IsNullOrWhiteSpace(form.Qualification) ? null : form.Qualification.Trim(),
                    ExperienceYears = form.ExperienceYears ?? 0,
                    CreatedAtUtc = now,
                };
                doctor.Locations.Add(new DoctorLocation { ClinicLocation = location });
                db.DoctorProfiles.Add(doctor);
            }

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
                EntityType = nameof(Tenant),
                EntityId = practice.Id.ToString(),
                IpAddress = ipAddress,
                OccurredAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            Step("membership");
            await transaction.CommitAsync(cancellationToken);
            return new RegistrationResult(practice.Slug, owner.Id, new Dictionary<string, string>());
        }
    }

    /// <summary>
    /// Adds the practice row under the first free slug derived from its name. The unique index is the last word:
    /// two registrations of the same name at once make the second take the next suffix.
    /// </summary>
    private async Task<Tenant> CreatePracticeAsync(MedicalDbContext db, PracticeRegistrationForm form, CancellationToken cancellationToken)
    {
        var baseSlug = PracticeSlug.FromName(form.PracticeName);
        // Addresses in use, then addresses practices moved away from (which keep leading to them).
        var taken = await db.Tenants.Where(t => t.Slug == baseSlug || t.Slug.StartsWith(baseSlug + "-"))
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

            var practice = new Tenant
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
            db.Tenants.Add(practice);
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

    private static string? PhoneForStorage(string phone) => IndianMobileNumber.Normalize(phone);

    private void Step(string name) => FailAfterStep?.Invoke(name);

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

        if (!errors.ContainsKey(nameof(form.PracticePhone)) && IndianMobileNumber.Normalize(form.PracticePhone) is null)
        {
            errors[nameof(form.PracticePhone)] = IndianMobileNumber.ErrorMessage;
        }

        if (!errors.ContainsKey(nameof(form.OwnerPhone)) && IndianMobileNumber.Normalize(form.OwnerPhone) is null)
        {
            errors[nameof(form.OwnerPhone)] = IndianMobileNumber.ErrorMessage;
        }

        if (form.AlsoPractises)
        {
            var registration = form.RegistrationNumber?.Trim() ?? "";
            if (registration.Length is < 3 or > 50)
            {
                errors[nameof(form.RegistrationNumber)] = "Enter your medical council registration number (3 to 50 characters).";
            }

            if (string.IsNullOrWhiteSpace(form.Specialization))
            {
                errors[nameof(form.Specialization)] = "Enter your specialization, e.g. General Medicine or Dentistry.";
            }
        }

        return errors;
    }
}
