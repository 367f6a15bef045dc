using System.Net;
using MedicalApp.Data;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// The app on a real loopback port (Kestrel), for the browser to talk to, over a fresh SQLite database. Its public
/// address (Email:PublicBaseUrl, what links in emails lead to) is its own, so the port is chosen before it starts.
/// </summary>
public class KestrelAppFixture : IAsyncLifetime
{
    public MedicalAppFactory App { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>The host name the browser uses (Production answers only its root domain and the practices under it).</summary>
    protected virtual string HostName => "127.0.0.1";

    protected virtual string Environment => "Development";

    public virtual async ValueTask InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            BaseUrl = $"http://{HostName}:{port}";
            var settings = new Dictionary<string, string?>(Settings ?? new Dictionary<string, string?>()) { ["Email:PublicBaseUrl"] = BaseUrl };
            App = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings, Environment);
            // "localhost" (and every *.localhost, as Chromium resolves them) may be tried on ::1 as well as 127.0.0.1.
            App.UseKestrel(options =>
            {
                if (HostName == "localhost")
                {
                    options.ListenLocalhost(port);
                }
                else
                {
                    options.Listen(IPAddress.Loopback, port);
                }
            });
            try
            {
                App.StartServer();
                return;
            }
            catch (IOException taken) when (attempt < 5 && taken.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another process took the port between choosing and binding it: choose again.
                await App.DisposeAsync();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public virtual async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The app on a loopback port whose mail goes to an in-process SMTP server, sent by the background loop.</summary>
public sealed class KestrelAppWithSmtpFixture : KestrelAppFixture
{
    public SmtpTestServer Smtp { get; } = SmtpTestServer.Start();

    protected override IReadOnlyDictionary<string, string?> Settings => SmtpTestServer.AppSettings(Smtp.Port, dispatchInBackground: true);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// The app configured as production runs it (Production environment, appsettings.json: the host strategy first, the
/// key certificate, AllowedHosts unset) on <c>localhost</c> with <c>Tenancy:RootDomain=localhost</c>, so practices live
/// at <c>http://{slug}.localhost:{port}/</c>, another origin than the root's. Mail goes to an in-process SMTP server.
/// Over SQLite, migrated on start (the deploy step of production; the production lane runs the real one).
/// </summary>
public sealed class ProductionHostStrategyAppFixture : KestrelAppFixture
{
    private KeyCertificate? certificate;

    public SmtpTestServer Smtp { get; } = SmtpTestServer.Start();

    protected override string HostName => "localhost";

    protected override string Environment => ProductionSettings.Environment;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = ProductionSettings.With(certificate!);
            settings["Tenancy:RootDomain"] = "localhost";
            foreach (var (key, value) in SmtpTestServer.AppSettings(Smtp.Port, dispatchInBackground: true))
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    public override async ValueTask InitializeAsync()
    {
        certificate = await KeyCertificate.CreateAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        certificate?.Dispose();
    }
}
