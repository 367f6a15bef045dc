using MedicalApp.Data;
using MedicalApp.Data.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Hosting;

public static class DevelopmentAnnouncement
{
    /// <summary>
    /// When the development data is seeded, prints where the app listens and how to sign in, so `dotnet run` is all
    /// a new developer needs.
    /// </summary>
    public static void AnnounceDevelopmentSignIns(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDevelopmentData)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var baseUrl = (addresses.FirstOrDefault() ?? "http://localhost:5000").Replace("0.0.0.0", "localhost", StringComparison.Ordinal)
                .Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/');
            var lines = new List<string>
            {
                "",
                "MedicalApp is running (Development data seeded).",
                $"  Demo Family Clinic:   {baseUrl}/t/demo",
                $"  Sunrise Dental Care:  {baseUrl}/t/sunrise",
                $"  Platform console:     {baseUrl}/platform",
                $"  Sign-ins (password {DevelopmentDataSeeder.Password}):",
            };
            lines.AddRange(DevelopmentDataSeeder.SignIns.Select(s =>
                $"    {s.Email,-22} {(s.PracticeSlug is null ? "platform admin (sets up an authenticator app at the first sign-in)" : $"{s.PracticeSlug}: {s.Roles}")}"));
            Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        });
    }
}
