using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalApp.Tests.Hosting;

/// <summary>
/// Data Protection keys in the database: encrypted with the configured certificate, readable back by the app; without
/// one, Development warns and production refuses to start (security issue #8: keys were stored unencrypted by default).
/// </summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task With_a_key_certificate_the_stored_keys_are_encrypted_and_still_work()
    {
        using var certificate = await KeyCertificate.CreateAsync();
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), certificate.Settings);

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var protectedText = protector.Protect("a temporary password");

        Assert.Equal("a temporary password", protector.Unprotect(protectedText));
        var keys = await KeysAsync(app);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("DataProtection:KeyCertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Development_without_one_the_keys_are_stored_as_they_are_and_the_start_warns()
    {
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));

        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        Assert.Contains(await KeysAsync(app), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("DataProtection:KeyCertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_Development_the_app_refuses_to_start_without_one()
    {
        using var certificate = await KeyCertificate.CreateAsync();
        var settings = ProductionSettings.With(certificate);
        settings["DataProtection:KeyCertificatePath"] = null;
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings, ProductionSettings.Environment);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("DataProtection:KeyCertificatePath", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_the_start_with_the_setting_named()
    {
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), new Dictionary<string, string?>
        {
            ["DataProtection:KeyCertificatePath"] = "/nonexistent/keys.pfx",
        });

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("DataProtection:KeyCertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/keys.pfx", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeysAsync(MedicalAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
    }
}
