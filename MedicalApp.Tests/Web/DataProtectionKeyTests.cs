using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedicalApp.Data;
using MedicalApp.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Web;

/// <summary>Data Protection keys in the database: encrypted with the configured certificate, readable back by the app.</summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task With_a_key_certificate_the_stored_keys_are_encrypted_and_still_work()
    {
        var certificatePath = Path.Combine(Path.GetTempPath(), $"medicalapp-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=MedicalApp key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        try
        {
            await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), new Dictionary<string, string?>
            {
                ["DataProtection:KeyCertificatePath"] = certificatePath,
                ["DataProtection:KeyCertificatePassword"] = "test-password",
            });

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
        }
        finally
        {
            File.Delete(certificatePath);
        }
    }

    [Fact]
    public async Task Without_one_the_keys_are_stored_as_they_are()
    {
        await using var app = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));

        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        Assert.Contains(await KeysAsync(app), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    private static async Task<List<string>> KeysAsync(MedicalAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MedicalDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
    }
}
