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

    public virtual async ValueTask InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            BaseUrl = $"http://127.0.0.1:{port}";
            var settings = new Dictionary<string, string?>(Settings ?? new Dictionary<string, string?>()) { ["Email:PublicBaseUrl"] = BaseUrl };
            App = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), settings);
            App.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
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
