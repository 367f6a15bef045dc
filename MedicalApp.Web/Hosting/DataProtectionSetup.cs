using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MedicalApp.Data;
using Microsoft.AspNetCore.DataProtection;

namespace MedicalApp.Web.Hosting;

/// <summary>
/// Data Protection (sign-in cookies, antiforgery, the mail outbox's encrypted bodies): keys live in the database so
/// every app instance shares them, encrypted with the certificate in <c>DataProtection:KeyCertificatePath</c> (a PFX
/// file, and <c>DataProtection:KeyCertificatePassword</c>) before they are stored, so a copy of the database alone
/// cannot forge cookies or read queued mail. Certificates listed in <c>DataProtection:PreviousKeyCertificatePaths</c>
/// (same password) still decrypt keys written before a rotation. Outside Development the certificate is required: the
/// app does not start without it. Development stores the keys as they are, and says so at start.
/// </summary>
public static partial class DataProtectionSetup
{
    private const string PathSetting = "DataProtection:KeyCertificatePath";

    public static IServiceCollection AddMedicalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = services.AddDataProtection().SetApplicationName("MedicalApp").PersistKeysToDbContext<MedicalDbContext>();
        var section = configuration.GetSection("DataProtection");
        if (section["KeyCertificatePath"] is not { Length: > 0 } path)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{PathSetting} is not set. Outside Development the Data Protection keys (sign-in cookies, antiforgery, queued mail) " +
                    $"are stored in the database only encrypted: set {PathSetting} to a PFX file with a private key, and " +
                    "DataProtection:KeyCertificatePassword to its password (README, \"Settings production requires\").");
            }

            services.AddHostedService<UnencryptedKeysWarning>();
            return services;
        }

        var password = section["KeyCertificatePassword"];
        var current = Load(PathSetting, path, password);
        var previous = (section.GetSection("PreviousKeyCertificatePaths").Get<string[]>() ?? [])
            .Select(p => Load("DataProtection:PreviousKeyCertificatePaths", p, password));
        builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        return services;
    }

    // A missing file, a wrong password or a certificate without its private key would otherwise surface as a failed
    // cookie on the first request; at start-up the operator reads which setting to fix.
    private static X509Certificate2 Load(string setting, string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting} names '{path}', which cannot be loaded as a PFX with DataProtection:KeyCertificatePassword: {exception.Message}", exception);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{setting} names '{path}', a certificate without its private key: keys encrypted with it could not be read back.");
    }

    /// <summary>Says at start, in Development only, that the keys go into the database unencrypted.</summary>
    private sealed partial class UnencryptedKeysWarning(ILogger<UnencryptedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogUnencrypted(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message =
            "DataProtection:KeyCertificatePath is not set: Data Protection keys are stored in the database unencrypted. " +
            "Allowed in Development only; anywhere else the app refuses to start without it.")]
        private static partial void LogUnencrypted(ILogger logger);
    }
}
