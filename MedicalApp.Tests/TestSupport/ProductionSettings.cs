namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// Everything the app demands outside Development (README, "Settings production requires"), for tests that start it
/// as Production: a test leaves one out (sets it to null) to see the start refused.
/// </summary>
public static class ProductionSettings
{
    public const string Environment = "Production";

    public static Dictionary<string, string?> With(KeyCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new Dictionary<string, string?>(certificate.Settings)
        {
            // Production migrates as a deploy step; here the app itself creates its (SQLite) tables.
            ["Database:MigrateOnStartup"] = "true",
            ["Tenancy:RootDomain"] = "example.com",
            ["Email:PublicBaseUrl"] = "https://example.com",
        };
    }
}
