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

/// <summary>What plan tests add beyond <see cref="TestPractice"/>: rows by the dozen, stored files, platform admins.</summary>
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
    public static PracticeMembership AddMember(MedicalDbContext db, PracticeRoles roles, bool doctorProfile = false, bool active = true)
    {
        var user = NewUser();
        db.Users.Add(user);
        var membership = new PracticeMembership { User = user, Roles = roles, IsActive = active, CreatedAtUtc = DateTime.UtcNow };
        db.PracticeMemberships.Add(membership);
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

    /// <summary><paramref name="count"/> doctors (membership and active profile) of the practice.</summary>
    public static async Task AddDoctorsAsync(TestPractice practice, int count, bool membershipActive = true)
    {
        for (var i = 0; i < count; i++)
        {
            await practice.AddDoctorAsync(active: membershipActive);
        }
    }

    public static async Task AddLocationsAsync(TestPractice practice, int count, bool active = true)
    {
        for (var i = 0; i < count; i++)
        {
            await practice.AddLocationAsync(active: active);
        }
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
