using System.Security.Cryptography.X509Certificates;
using MedicalApp.Data;
using Microsoft.AspNetCore.DataProtection;

namespace MedicalApp.Web.Hosting;

/// <summary>
/// Data Protection (sign-in cookies, antiforgery, the mail outbox's encrypted bodies): keys live in the database so
/// every app instance shares them. With <c>DataProtection:KeyCertificatePath</c> (a PFX file, and
/// <c>DataProtection:KeyCertificatePassword</c>) the keys are encrypted with that certificate before they are stored,
/// so a copy of the database alone cannot forge cookies or read queued mail. Certificates listed in
/// <c>DataProtection:PreviousKeyCertificatePaths</c> (same password) still decrypt keys written before a rotation.
/// </summary>
public static class DataProtectionSetup
{
    public static IServiceCollection AddMedicalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("MedicalApp").PersistKeysToDbContext<MedicalDbContext>();
        var section = configuration.GetSection("DataProtection");
        if (section["KeyCertificatePath"] is { Length: > 0 } path)
        {
            var password = section["KeyCertificatePassword"];
            var current = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            var previous = section.GetSection("PreviousKeyCertificatePaths").Get<string[]>() ?? [];
            builder.ProtectKeysWithCertificate(current)
                .UnprotectKeysWithAnyCertificate([current, .. previous.Select(p => X509CertificateLoader.LoadPkcs12FromFile(p, password))]);
        }

        return services;
    }
}
