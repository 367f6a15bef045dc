using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>Shapes practices the way plan tests need them (members, doctors, locations, files) and builds the services.</summary>
public static class PlanTestData
{
    public static ApplicationUser NewUser(string? email = null)
    {
        email ??= $"member-{Guid.NewGuid():N}@plans.test";
        return new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = "Member " + email.Split('@')[0], SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
    }

    /// <summary>Adds a member (a new user with a membership) and, for doctors, an active doctor profile, to the context.</summary>
    public static TenantMembership AddMember(MedicalDbContext db, PracticeRoles roles, bool doctorProfile = false, bool active = true)
    {
        var user = NewUser();
        db.Users.Add(user);
        var membership = new TenantMembership { User = user, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow };
        db.TenantMemberships.Add(membership);
        if (doctorProfile)
        {
            db.DoctorProfiles.Add(new DoctorProfile
            {
                Membership = membership, RegistrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
                Specializations = ["General Medicine"], ConsultationFee = 500m, CreatedAtUtc = DateTime.UtcNow,
            });
        }

        return membership;
    }

    public static Task<TestMember> AddMemberAsync(TestDatabase database, Guid practiceId, PracticeRoles roles) =>
        database.AddMemberAsync(practiceId, roles);

    public static async Task AddDoctorsAsync(TestDatabase database, Guid practiceId, int count, bool membershipActive = true)
    {
        await using var db = database.CreateContext(practiceId);
        for (var i = 0; i < count; i++)
        {
            AddMember(db, PracticeRoles.Doctor, doctorProfile: true, active: membershipActive);
        }

        await db.SaveChangesAsync();
    }

    public static async Task AddLocationsAsync(TestDatabase database, Guid practiceId, int count, bool active = true)
    {
        await using var db = database.CreateContext(practiceId);
        for (var i = 0; i < count; i++)
        {
            db.ClinicLocations.Add(NewLocation(active));
        }

        await db.SaveChangesAsync();
    }

    public static ClinicLocation NewLocation(bool active = true) => new()
    {
        Name = "Clinic " + Guid.NewGuid().ToString("N")[..6], Address = "1 Test Road, Chennai", IsActive = active, CreatedAtUtc = DateTime.UtcNow,
    };

    public static async Task AddFileAsync(TestDatabase database, Guid practiceId, long sizeBytes)
    {
        await using var db = database.CreateContext(practiceId);
        db.StoredFiles.Add(new StoredFile
        {
            Purpose = StoredFilePurpose.Attachment, FileName = "scan.pdf", ContentType = "application/pdf", SizeBytes = sizeBytes,
            StorageKey = "attachments/" + Guid.NewGuid().ToString("N"), CreatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public static async Task<Tenant> PracticeAsync(TestDatabase database, Guid practiceId)
    {
        await using var db = database.CreateContext(null);
        return await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == practiceId);
    }

    public static async Task<string> SlugAsync(TestDatabase database, Guid practiceId) => (await PracticeAsync(database, practiceId)).Slug;

    public static PracticeDirectory NewDirectory(TestDatabase database) => new(database.Database, new MemoryCache(new MemoryCacheOptions()));

    /// <summary>The practice's subscription as <paramref name="member"/> uses it (nobody signed in when null: reads of the practice's own state).</summary>
    public static SubscriptionService SubscriptionServiceFor(
        TestDatabase database, Guid practiceId, TimeProvider clock, TestMember? member = null, PracticeDirectory? directory = null) =>
        new(database.ContextFactoryFor(practiceId), database.ActorsFor(practiceId, member),
            new PracticeChanges(database.ContextFactoryFor(practiceId), database.ActorsFor(practiceId, member), new PlanLimitService(), clock),
            directory ?? NewDirectory(database), clock);

    /// <summary>The platform console's service as <paramref name="admin"/>, signed in at the root, uses it.</summary>
    public static PlatformPracticeService PlatformServiceFor(TestDatabase database, TimeProvider clock, TestMember? admin, PracticeDirectory? directory = null) =>
        new(new PlatformDbContextFactory(database.Database), TestMemberServices.SignedIn(admin), TestMemberServices.Address(),
            directory ?? NewDirectory(database), clock);

    /// <summary>A user with the global PlatformAdmin role, as the seeder makes admin@platform.test.</summary>
    public static async Task<TestMember> CreatePlatformAdminAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(null, DatabaseRole.Platform);
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == PlatformRoles.PlatformAdmin);
        if (role is null)
        {
            role = new IdentityRole<Guid>(PlatformRoles.PlatformAdmin) { Id = Guid.CreateVersion7(), NormalizedName = PlatformRoles.PlatformAdmin.ToUpperInvariant() };
            db.Roles.Add(role);
        }

        var user = NewUser($"admin-{Guid.NewGuid():N}@platform.test");
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return new TestMember(null, user.Id, user.Email!);
    }
}
