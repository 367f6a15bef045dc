using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MedicalApp.Tests.TestSupport;

/// <summary>A self-signed PFX file for encrypting Data Protection keys (DataProtection:KeyCertificatePath), deleted afterwards.</summary>
public sealed class KeyCertificate : IDisposable
{
    public const string Password = "test-password";

    private KeyCertificate(string path) => Path = path;

    public string Path { get; }

    /// <summary>The settings that point the app at this certificate.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DataProtection:KeyCertificatePath"] = Path,
        ["DataProtection:KeyCertificatePassword"] = Password,
    };

    public static async Task<KeyCertificate> CreateAsync()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"medicalapp-keys-{Guid.NewGuid():N}.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MedicalApp key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, Password));
        return new KeyCertificate(path);
    }

    public void Dispose() => File.Delete(Path);
}
