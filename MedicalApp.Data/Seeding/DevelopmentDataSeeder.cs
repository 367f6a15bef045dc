using MedicalApp.Data.Dental;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Data.Seeding;

/// <summary>
/// Idempotent demonstration data for Development: two practices, their staff and a platform admin, all with one
/// known password. Never registered to run outside Development (see <c>Database:SeedDevelopmentData</c>).
/// </summary>
public sealed class DevelopmentDataSeeder(IServiceScopeFactory scopeFactory, TimeProvider clock)
{
    public const string Password = "Demo-Clinic-2026!";

    public static IReadOnlyList<DemoSignIn> SignIns { get; } =
    [
        new("demo", "owner@demo.test", "Asha Raman", PracticeRoles.Owner | PracticeRoles.Doctor,
            new DemoDoctor("TNMC-70002", ["General Medicine"], "MBBS", 8, 600m, 30, [])),
        new("demo", "doctor@demo.test", "Vikram Iyer", PracticeRoles.Doctor,
            new DemoDoctor("TNMC-70001", ["General Medicine"], "MBBS", 8, 600m, 30,
                [
                    new("Anna Nagar", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new(9, 0), new(13, 0)),
                    new("Anna Nagar", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new(17, 0), new(21, 0)),
                ])),
        new("demo", "reception@demo.test", "Meena Pillai", PracticeRoles.Receptionist),
        new("sunrise", "owner@sunrise.test", "Rahul Menon", PracticeRoles.Owner | PracticeRoles.Doctor,
            new DemoDoctor("KDC 11823", ["Dentistry", "Orthodontics"], "BDS, MDS", 10, 700m, 30,
                [
                    new("Dental Care", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday], new(10, 0), new(13, 0)),
                    new("Dental Care", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new(16, 0), new(19, 0)),
                ])),
        new(null, "admin@platform.test", "Platform Administrator", PracticeRoles.None),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var demo = await EnsurePracticeAsync("demo", "Demo Family Clinic", PracticePlan.Basic, cancellationToken,
            new ClinicLocation { Name = "Demo Family Clinic, Anna Nagar", Address = "12 Second Avenue, Anna Nagar, Chennai 600040", Phone = "+91 44 2626 1001", Timings = "Mon–Sat 09:00–13:00, 17:00–21:00", IsRegisteredLocation = true },
            new ClinicLocation { Name = "Demo Family Clinic, T. Nagar", Address = "45 Usman Road, T. Nagar, Chennai 600017", Phone = "+91 44 2434 2002", Timings = "Mon–Fri 10:00–18:00" });
        var sunrise = await EnsurePracticeAsync("sunrise", "Sunrise Dental Care", PracticePlan.Trial, cancellationToken,
            new ClinicLocation { Name = "Sunrise Dental Care", Address = "8 MG Road, Bengaluru 560001", Phone = "+91 80 4123 4567", Timings = "Mon–Sat 10:00–19:00", IsRegisteredLocation = true });
        var practices = new Dictionary<string, Practice> { ["demo"] = demo, ["sunrise"] = sunrise };

        var users = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var signIn in SignIns)
        {
            var userId = users[signIn.Email] = await EnsureUserAsync(signIn, cancellationToken);
            if (signIn.PracticeSlug is { } slug)
            {
                await EnsureMembershipAsync(practices[slug], userId, signIn, cancellationToken);
            }
        }

        await DemoPatients.EnsureAsync(scopeFactory, demo, sunrise, clock, cancellationToken);
        await DemoPrescriptions.EnsureAsync(scopeFactory, demo, clock, cancellationToken);
        await DemoDentalRecords.EnsureAsync(scopeFactory, sunrise, clock, cancellationToken);
        await EnsureStandardShortKeysAsync(demo, users["owner@demo.test"], cancellationToken);
        await EnsureStandardDentalNoteTemplatesAsync(demo, users["owner@demo.test"], cancellationToken);
        await EnsureStandardDentalNoteTemplatesAsync(sunrise, users["owner@sunrise.test"], cancellationToken);
    }

    /// <summary>The shared dental note templates a newly registered practice gets (any the practice lacks, by short code).</summary>
    private async Task EnsureStandardDentalNoteTemplatesAsync(Practice practice, Guid ownerUserId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(practice));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync(cancellationToken);
        if ((await StandardDentalNoteTemplates.AddMissingAsync(db, ownerUserId, clock.GetUtcNow().UtcDateTime, cancellationToken)).Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The demo practice's shared short keys, as a newly registered practice gets them, created by its owner. Run on
    /// every start: a key whose medicines were not in the catalogue yet (a database migrated before the catalogue was
    /// loaded) is added once they are.
    /// </summary>
    private async Task EnsureStandardShortKeysAsync(Practice practice, Guid ownerUserId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(practice));
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync(cancellationToken);
        if ((await StandardShortKeys.AddMissingAsync(db, ownerUserId, clock.GetUtcNow().UtcDateTime, cancellationToken)).Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<Practice> EnsurePracticeAsync(
        string slug, string name, PracticePlan plan, CancellationToken cancellationToken, params ClinicLocation[] locations)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopeFactory.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>();
        Practice? practice;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            practice = await db.Practices.SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken);
            if (practice is null)
            {
                practice = new Practice
                {
                    Name = name,
                    Slug = slug,
                    Plan = plan,
                    Status = PracticeStatus.Active,
                    TrialEndsAtUtc = plan == PracticePlan.Trial ? now.AddDays(PlanCatalog.TrialDays) : null,
                    Limits = PlanCatalog.For(plan).CreateLimits(),
                    CreatedAtUtc = now,
                };
                db.Practices.Add(practice);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        // Tenant-owned rows are written inside the practice, as the application always does.
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(practice));
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.ClinicLocations.AnyAsync(cancellationToken))
            {
                foreach (var location in locations)
                {
                    location.CreatedAtUtc = now;
                    db.ClinicLocations.Add(location);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await DemoOpeningHours.EnsureAsync(db, cancellationToken);
        }

        return practice;
    }

    private async Task<Guid> EnsureUserAsync(DemoSignIn signIn, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(signIn.Email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = signIn.Email,
                Email = signIn.Email,
                EmailConfirmed = true,
                FullName = signIn.FullName,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            Ensure(await users.CreateAsync(user, Password), signIn.Email);
        }

        if (signIn.PracticeSlug is null && !await users.IsInRoleAsync(user, PlatformRoles.PlatformAdmin))
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(PlatformRoles.PlatformAdmin))
            {
                Ensure(await roles.CreateAsync(new IdentityRole<Guid>(PlatformRoles.PlatformAdmin)), PlatformRoles.PlatformAdmin);
            }

            Ensure(await users.AddToRoleAsync(user, PlatformRoles.PlatformAdmin), signIn.Email);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return user.Id;
    }

    private async Task EnsureMembershipAsync(Practice practice, Guid userId, DemoSignIn signIn, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(TenantSnapshot.From(practice));
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.PracticeMemberships.AnyAsync(m => m.UserId == userId, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var membership = new PracticeMembership { UserId = userId, Roles = signIn.Roles, IsActive = true, CreatedAtUtc = now };
        db.PracticeMemberships.Add(membership);
        if (signIn.Doctor is { } details)
        {
            var locations = await db.ClinicLocations.ToListAsync(cancellationToken);
            var doctor = new DoctorProfile
            {
                Membership = membership,
                RegistrationNumber = details.RegistrationNumber,
                Specializations = [.. details.Specializations],
                Qualification = details.Qualification,
                ExperienceYears = details.ExperienceYears,
                ConsultationFee = details.Fee,
                ConsultationMinutes = details.Minutes,
                CreatedAtUtc = now,
            };
            foreach (var location in locations.Where(l => details.Hours.Any(h => l.Name.EndsWith(h.LocationNameEnding, StringComparison.Ordinal))))
            {
                doctor.Locations.Add(new DoctorLocation { ClinicLocationId = location.Id });
                foreach (var hours in details.Hours.Where(h => location.Name.EndsWith(h.LocationNameEnding, StringComparison.Ordinal)))
                {
                    foreach (var day in hours.Days)
                    {
                        doctor.Availability.Add(new DoctorAvailability { ClinicLocationId = location.Id, Day = day, StartTime = hours.From, EndTime = hours.To });
                    }
                }
            }

            db.DoctorProfiles.Add(doctor);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed record DemoSignIn(string? PracticeSlug, string Email, string FullName, PracticeRoles Roles, DemoDoctor? Doctor = null);

public sealed record DemoDoctor(
    string RegistrationNumber, IReadOnlyList<string> Specializations, string Qualification, int ExperienceYears, decimal Fee, int Minutes,
    IReadOnlyList<DemoHours> Hours);

/// <summary>Weekly hours at the demo location whose name ends with <see cref="LocationNameEnding"/>.</summary>
public sealed record DemoHours(string LocationNameEnding, IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To);
