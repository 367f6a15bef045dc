using System.IO.Compression;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Practice;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Files;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedicalApp.Tests.Features.Practice;

/// <summary>A migrated database and a private file-store folder shared by the practice administration tests of one class.</summary>
public abstract class PracticeDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = default!;

    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "medicalapp-practice-files-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>One resolver cache for the class, like the app's singleton directory.</summary>
    public PracticeDirectory Directory { get; private set; } = default!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        Directory = new PracticeDirectory(Db.Database, new MemoryCache(new MemoryCacheOptions()));
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (System.IO.Directory.Exists(FilesRoot))
        {
            System.IO.Directory.Delete(FilesRoot, recursive: true);
        }
    }
}

public sealed class SqlitePracticeDatabaseFixture : PracticeDatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
}

public sealed class PostgresPracticeDatabaseFixture(PostgresServer server) : PracticeDatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(DatabaseProvider.Postgres, server);
}

/// <summary>
/// One fresh practice with an owner, an admin and a receptionist, and the practice administration services built
/// the way the app's DI builds them for a scope of that practice.
/// </summary>
public sealed class PracticeUnderTest
{
    private PracticeUnderTest(PracticeDatabaseFixture fixture, Guid id, string slug)
    {
        Fixture = fixture;
        Id = id;
        Slug = slug;
        Files = new FileStore(Options.Create(new FileStoreOptions { Root = fixture.FilesRoot }), new TestHostEnvironment(fixture.FilesRoot));
    }

    public PracticeDatabaseFixture Fixture { get; }

    public Guid Id { get; }

    public string Slug { get; }

    public TestMember Owner { get; private set; } = default!;

    public TestMember Admin { get; private set; } = default!;

    public TestMember Receptionist { get; private set; } = default!;

    public Guid? RegisteredLocationId { get; private set; }

    /// <summary>The practice's clinic locations as its owner uses them.</summary>
    public ClinicLocationService Locations => LocationsAs(Owner);

    /// <summary>The practice's settings as its owner uses them.</summary>
    public PracticeSettingsService Settings => SettingsAs(Owner);

    public FileStore Files { get; }

    /// <summary>The practice's own folder of the file store.</summary>
    public string FolderOnDisk => Path.Combine(Fixture.FilesRoot, Id.ToString("N"));

    public static async Task<PracticeUnderTest> CreateAsync(
        PracticeDatabaseFixture fixture, PracticePlan plan = PracticePlan.Basic, bool withRegisteredLocation = true, string? slug = null)
    {
        slug ??= "p-" + Guid.NewGuid().ToString("N")[..12];
        // A trial practice gets a live trial; tests that need it ended call EndTrialAsync after setting up.
        var id = await fixture.Db.CreatePracticeAsync(slug, plan, plan == PracticePlan.Trial ? DateTime.UtcNow.AddDays(20) : null);
        var practice = new PracticeUnderTest(fixture, id, slug);
        practice.Owner = await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor);
        practice.Admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        practice.Receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        if (withRegisteredLocation)
        {
            practice.RegisteredLocationId = await practice.InsertLocationAsync("Main clinic", registered: true);
        }

        return practice;
    }

    public MedicalDbContext Context() => Fixture.Db.CreateContext(Id);

    /// <summary>The services built the way the app's DI builds them for a scope of this practice, signed in as <paramref name="member"/>.</summary>
    public ClinicLocationService LocationsAs(TestMember member) =>
        new(Fixture.Db.ContextFactoryFor(Id), Fixture.Db.ActorsFor(Id, member), ChangesAs(member), TimeProvider.System);

    public PracticeChanges ChangesAs(TestMember member) =>
        new(Fixture.Db.ContextFactoryFor(Id), Fixture.Db.ActorsFor(Id, member), new PlanLimitService(), TimeProvider.System);

    public PracticeSettingsService SettingsAs(TestMember member) =>
        new(Fixture.Db.ContextFactoryFor(Id), Fixture.Db.ActorsFor(Id, member), ChangesAs(member), Files, Fixture.Directory,
            TimeProvider.System, NullLogger<PracticeSettingsService>.Instance);

    private AuditTrail Audit() =>
        new(Fixture.Db.ContextFactoryFor(Id), new PlatformDbContextFactory(Fixture.Db.Database), TestDatabase.TenantFor(Id), TimeProvider.System);

    public async Task<TestMember> AddMemberAsync(PracticeRoles roles)
    {
        var email = $"{roles.ToString().Split(',')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@practice.test";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            FullName = "Member " + roles, SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
        };
        await using (var global = Fixture.Db.CreateContext(null))
        {
            global.Users.Add(user);
            await global.SaveChangesAsync();
        }

        await using var db = Context();
        db.TenantMemberships.Add(new TenantMembership { UserId = user.Id, Roles = roles, IsActive = true, CreatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return new TestMember(Id, user.Id, email);
    }

    /// <summary>A location written directly (as registration writes the first one), bypassing the service's checks.</summary>
    public async Task<Guid> InsertLocationAsync(string name, bool registered = false, bool active = true)
    {
        await using var db = Context();
        var location = new ClinicLocation { Name = name, Address = "1 Test Road, Chennai", IsRegisteredLocation = registered, IsActive = active, CreatedAtUtc = DateTime.UtcNow };
        db.ClinicLocations.Add(location);
        await db.SaveChangesAsync();
        return location.Id;
    }

    /// <summary>A doctor (member, profile) who practises at the given locations.</summary>
    public async Task AddDoctorAtAsync(params Guid[] locationIds)
    {
        var member = await AddMemberAsync(PracticeRoles.Doctor);
        await using var db = Context();
        var membership = await db.TenantMemberships.SingleAsync(m => m.UserId == member.UserId);
        var doctor = new DoctorProfile
        {
            MembershipId = membership.Id, RegistrationNumber = "TN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            Specializations = ["General Medicine"], ConsultationFee = 500m, CreatedAtUtc = DateTime.UtcNow,
        };
        foreach (var locationId in locationIds)
        {
            doctor.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
        }

        db.DoctorProfiles.Add(doctor);
        await db.SaveChangesAsync();
    }

    /// <summary>Ends the trial (the practice becomes read-only). The practice row is global, so no guard stops this.</summary>
    public async Task EndTrialAsync()
    {
        await using var db = Fixture.Db.CreateContext(null);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == Id);
        tenant.Plan = PracticePlan.Trial;
        tenant.TrialEndsAtUtc = DateTime.UtcNow.AddDays(-1);
        await db.SaveChangesAsync();
    }

    public async Task SetMaxStorageBytesAsync(long bytes)
    {
        await using var db = Fixture.Db.CreateContext(null);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == Id);
        tenant.Limits.MaxStorageBytes = bytes;
        await db.SaveChangesAsync();
    }

    public async Task<Tenant> TenantAsync()
    {
        await using var db = Fixture.Db.CreateContext(null);
        return await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == Id);
    }

    public async Task<List<ClinicLocation>> LocationRowsAsync()
    {
        await using var db = Context();
        return await db.ClinicLocations.AsNoTracking().ToListAsync();
    }

    public async Task<List<StoredFile>> StoredFilesAsync()
    {
        await using var db = Context();
        return await db.StoredFiles.AsNoTracking().ToListAsync();
    }

    public async Task<List<AuditEvent>> AuditEventsAsync()
    {
        await using var db = Context();
        return await db.AuditEvents.AsNoTracking().ToListAsync();
    }

    public string[] FilesOnDisk() => System.IO.Directory.Exists(FolderOnDisk)
        ? System.IO.Directory.GetFiles(FolderOnDisk, "*", SearchOption.AllDirectories)
        : [];

    public static MedicalApp.Web.Features.Practice.ClinicLocationInput NewLocation(string name, string? phone = null) =>
        new() { Name = name, Address = "12 Second Avenue, Anna Nagar, Chennai 600040", Phone = phone, Timings = "Mon–Sat 09:00–13:00" };
}

/// <summary>Small real images and impostors for logo tests, made in code.</summary>
public static class TestImages
{
    /// <summary>A valid 1×1 PNG (one opaque teal pixel): signature, IHDR, zlib-compressed IDAT and IEND, with CRCs.</summary>
    public static byte[] OnePixelPng()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        // Width 1, height 1, bit depth 8, colour type 2 (RGB), compression 0, filter 0, interlace 0.
        WriteChunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write([0x00, 0x00, 0x80, 0x80]); // filter byte "none", then R, G, B
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The start of a JPEG (SOI and a JFIF APP0 marker): enough for content detection.</summary>
    public static byte[] JpegHeader() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] WebPHeader() =>
        [.. "RIFF"u8, 0x1A, 0x00, 0x00, 0x00, .. "WEBP"u8, .. "VP8L"u8, 0x0D, 0x00, 0x00, 0x00, 0x2F, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00];

    public static byte[] TextFile() => "This is not an image, whatever the name says.\n"u8.ToArray();

    /// <summary>A PNG header followed by padding: a real PNG start, but larger than 2 MB.</summary>
    public static byte[] OversizedPng()
    {
        var bytes = new byte[LogoImage.MaxBytes + 1];
        OnePixelPng().CopyTo(bytes, 0);
        return bytes;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(BigEndian((uint)data.Length));
        png.Write(typeBytes);
        png.Write(data);
        png.Write(BigEndian(Crc32([.. typeBytes, .. data])));
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>What FileStore needs from the host: a content root (the store's root is absolute in tests anyway).</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IWebHostEnvironment
{
    public string WebRootPath { get; set; } = contentRoot;

    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

    public string ApplicationName { get; set; } = "MedicalApp.Tests";

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

    public string ContentRootPath { get; set; } = contentRoot;

    public string EnvironmentName { get; set; } = "Test";
}
