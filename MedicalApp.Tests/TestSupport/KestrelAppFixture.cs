using System.Net;
using MedicalApp.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.TestSupport;

/// <summary>The app on a real loopback port (Kestrel), for the browser to talk to, over a fresh SQLite database.</summary>
public class KestrelAppFixture : IAsyncLifetime
{
    public MedicalAppFactory App { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public virtual async ValueTask InitializeAsync()
    {
        App = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false), Settings);
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
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
