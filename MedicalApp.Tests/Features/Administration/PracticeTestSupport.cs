using System.IO.Compression;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>
/// One fresh practice with an owner, an admin and a receptionist (and by default its registered location), and the
/// practice administration services as each of them uses them.
/// </summary>
public sealed class PracticeUnderTest(TestPractice practice)
{
    public TestPractice Practice { get; } = practice;

    public Guid Id => Practice.Id;

    public string Slug => Practice.Slug;

    public TestMember Owner { get; private set; } = default!;

    public TestMember Admin { get; private set; } = default!;

    public TestMember Receptionist { get; private set; } = default!;

    public Guid? RegisteredLocationId { get; private set; }

    /// <summary>The practice's clinic locations as its owner uses them.</summary>
    public ClinicLocationService Locations => LocationsAs(Owner);

    /// <summary>The practice's settings as its owner uses them.</summary>
    public PracticeSettingsService Settings => SettingsAs(Owner);

    /// <summary>The app's resolver cache (one per test database, like the app's singleton).</summary>
    public PracticeDirectory Directory => Practice.As(null).Get<PracticeDirectory>();

    /// <summary>The practice's own folder of the file store.</summary>
    public string FolderOnDisk => Path.Combine(Practice.Db.FilesRoot, Id.ToString("N"));

    public static async Task<PracticeUnderTest> CreateAsync(
        DatabaseFixture fixture, PracticePlan plan = PracticePlan.Basic, bool withRegisteredLocation = true, string? slug = null)
    {
        // A trial practice gets a live trial; tests that need it ended call EndTrialAsync after setting up.
        var practice = await fixture.Db.CreatePracticeAsync(slug, plan, plan == PracticePlan.Trial ? DateTime.UtcNow.AddDays(20) : null);
        return new PracticeUnderTest(practice)
        {
            Owner = await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor),
            Admin = await practice.AddMemberAsync(PracticeRoles.Admin),
            Receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist),
            RegisteredLocationId = withRegisteredLocation ? await practice.AddLocationAsync("Main clinic", registered: true) : null,
        };
    }

    public ClinicLocationService LocationsAs(TestMember member) => Practice.As(member).Get<ClinicLocationService>();

    public PracticeChanges ChangesAs(TestMember member) => Practice.As(member).Get<PracticeChanges>();

    public PracticeSettingsService SettingsAs(TestMember member) => Practice.As(member).Get<PracticeSettingsService>();

    public Task<List<ClinicLocation>> LocationRowsAsync() => Practice.WithContextAsync(db => db.ClinicLocations.AsNoTracking().ToListAsync());

    public Task<List<StoredFile>> StoredFilesAsync() => Practice.WithContextAsync(db => db.StoredFiles.AsNoTracking().ToListAsync());

    public Task<List<AuditEvent>> AuditEventsAsync() => Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());

    public string[] FilesOnDisk() => System.IO.Directory.Exists(FolderOnDisk)
        ? System.IO.Directory.GetFiles(FolderOnDisk, "*", SearchOption.AllDirectories)
        : [];

    public static MedicalApp.Web.Features.Administration.ClinicLocationInput NewLocation(string name, string? phone = null) =>
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
